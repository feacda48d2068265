package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.FaultKind;

/** {@code SANE_Status} values, with the device fault each one means for a scan session. */
public enum SaneStatus {
  GOOD(0, null),
  UNSUPPORTED(1, FaultKind.DEVICE_ERROR),
  CANCELLED(2, null),
  DEVICE_BUSY(3, FaultKind.DEVICE_BUSY),
  INVAL(4, FaultKind.DEVICE_ERROR),
  EOF(5, null),
  JAMMED(6, FaultKind.PAPER_JAM),
  NO_DOCS(7, null),
  COVER_OPEN(8, FaultKind.COVER_OPEN),
  IO_ERROR(9, FaultKind.DEVICE_LOST),
  NO_MEM(10, FaultKind.DEVICE_ERROR),
  ACCESS_DENIED(11, FaultKind.ACCESS_DENIED),
  WARMING_UP(12, FaultKind.DEVICE_BUSY),
  HW_LOCKED(13, FaultKind.DEVICE_BUSY),
  UNKNOWN(-1, FaultKind.DEVICE_ERROR);

  private final int code;
  private final FaultKind fault;

  SaneStatus(int code, FaultKind fault) {
    this.code = code;
    this.fault = fault;
  }

  public int code() {
    return code;
  }

  /** The fault this status means during a scan, or null for the normal statuses. */
  public FaultKind fault() {
    return fault;
  }

  /**
   * Whether the operator can clear it and continue: jams, open covers, a busy or lost device and
   * denied access can be fixed at the scanner; INVAL, NO_MEM, UNSUPPORTED are backend errors.
   */
  public boolean resumable() {
    return switch (this) {
      case JAMMED, COVER_OPEN, DEVICE_BUSY, IO_ERROR, ACCESS_DENIED, WARMING_UP, HW_LOCKED -> true;
      default -> false;
    };
  }

  /** The status for a numeric code. */
  public static SaneStatus of(int code) {
    for (SaneStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** The {@code SANE_STATUS_*} name. */
  public String cName() {
    return "SANE_STATUS_" + name();
  }
}
