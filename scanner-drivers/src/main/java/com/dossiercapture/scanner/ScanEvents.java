package com.dossiercapture.scanner;

/**
 * The receiver of one scan session: pages, events and fault decisions. All calls come from the
 * acquisition thread, in order.
 */
public interface ScanEvents {

  /**
   * Receives one page. Returning normally acknowledges that the page is durable (the caller stored
   * and fsync'd it); drivers whose originals must be kept until then (the hot folder) act on that
   * acknowledgement. Throwing refuses the page: the session ends and the exception is reported as
   * the cause of a {@link ScannerException}.
   */
  void page(ScannedPage page) throws Exception;

  /** A progress or fault notification. Must return quickly. */
  default void event(ScanEvent event) {}

  /**
   * Asks what to do after a resumable fault. May block while the operator clears it (the
   * acquisition thread has nothing else to do). The default ends the session.
   */
  default FaultAction fault(ScanFault fault) {
    return FaultAction.STOP;
  }
}
