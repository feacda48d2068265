package com.dossiercapture.scanner;

import java.util.Objects;

/**
 * A fault the device reported during a session.
 *
 * @param kind what kind of fault
 * @param pagesDeliveredBefore pages delivered (and kept) before the fault
 * @param resumable whether the session can continue once the operator cleared the fault
 * @param detail the backend's own words (status name, condition code), for logs and support
 */
public record ScanFault(FaultKind kind, int pagesDeliveredBefore, boolean resumable, String detail)
    implements java.io.Serializable {

  public ScanFault {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
  }

  /** One line for the operator: what happened, what to do, what is kept. */
  public String message() {
    return kind.what()
        + " "
        + kind.remedy()
        + " "
        + pagesDeliveredBefore
        + " page(s) scanned before are kept."
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
