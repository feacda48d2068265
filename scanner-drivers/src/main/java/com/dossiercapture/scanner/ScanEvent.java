package com.dossiercapture.scanner;

import com.dossiercapture.domain.Side;

/** Progress and fault notifications from a scan session (no JavaFX types; any thread may relay). */
public sealed interface ScanEvent extends java.io.Serializable {

  /** The device started a page (paper is moving). */
  record PageStarted(int pageIndex, int sheet, Side side) implements ScanEvent {}

  /** A page was delivered and acknowledged by {@link ScanEvents#page}. */
  record PageDelivered(int pageIndex, int sheet, Side side) implements ScanEvent {}

  /** The device reported a fault (jam, double feed, cover open, busy, lost, denied, error). */
  record FaultRaised(ScanFault fault) implements ScanEvent {}

  /** The operator cleared a fault and the session continues. */
  record FaultCleared(ScanFault fault) implements ScanEvent {}

  /** The feeder ran out of paper: the normal end of an ADF session. */
  record AdfEmpty(int pagesDelivered) implements ScanEvent {}

  /**
   * An input file was refused (corrupt, not an image) and set aside with its reason; the session
   * goes on with the other files.
   */
  record InputRejected(java.nio.file.Path file, java.nio.file.Path movedTo, String reason)
      implements ScanEvent {}

  /** The session was cancelled. */
  record Cancelled(int pagesDelivered) implements ScanEvent {}
}
