package com.dossiercapture.scanner;

import java.util.List;

/**
 * How a session ended.
 *
 * @param pagesDelivered pages delivered and acknowledged
 * @param end why it ended
 * @param faults the faults raised during the session, in order
 */
public record ScanResult(int pagesDelivered, End end, List<ScanFault> faults)
    implements java.io.Serializable {

  public ScanResult {
    faults = List.copyOf(faults);
  }

  /** Why a session ended. */
  public enum End {
    /** The feeder is empty (ADF) or the single flatbed page is done. */
    COMPLETED,
    /** The requested number of pages was reached. */
    PAGE_LIMIT,
    /** Cancelled through {@link ScanCancellation}. */
    CANCELLED,
    /** A fault was not cleared (operator chose stop, or the fault was not resumable). */
    STOPPED_ON_FAULT
  }
}
