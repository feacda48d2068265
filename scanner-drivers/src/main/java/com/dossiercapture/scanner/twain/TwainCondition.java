package com.dossiercapture.scanner.twain;

import com.dossiercapture.scanner.FaultKind;

/** TWAIN condition codes ({@code TWCC_*}) and the device fault each means. */
public enum TwainCondition {
  SUCCESS(0, null),
  BUMMER(1, FaultKind.DEVICE_ERROR),
  LOWMEMORY(2, FaultKind.DEVICE_ERROR),
  NODS(3, FaultKind.DEVICE_LOST),
  MAXCONNECTIONS(4, FaultKind.DEVICE_BUSY),
  OPERATIONERROR(5, FaultKind.DEVICE_ERROR),
  BADCAP(6, FaultKind.DEVICE_ERROR),
  BADPROTOCOL(9, FaultKind.DEVICE_ERROR),
  BADVALUE(10, FaultKind.DEVICE_ERROR),
  SEQERROR(11, FaultKind.DEVICE_ERROR),
  BADDEST(12, FaultKind.DEVICE_ERROR),
  CAPUNSUPPORTED(13, FaultKind.DEVICE_ERROR),
  CAPBADOPERATION(14, FaultKind.DEVICE_ERROR),
  CAPSEQERROR(15, FaultKind.DEVICE_ERROR),
  DENIED(16, FaultKind.ACCESS_DENIED),
  PAPERJAM(20, FaultKind.PAPER_JAM),
  PAPERDOUBLEFEED(21, FaultKind.DOUBLE_FEED),
  CHECKDEVICEONLINE(23, FaultKind.DEVICE_LOST),
  INTERLOCK(24, FaultKind.COVER_OPEN),
  DAMAGEDCORNER(25, FaultKind.PAPER_JAM),
  NOMEDIA(29, null),
  UNKNOWN(-1, FaultKind.DEVICE_ERROR);

  private final int code;
  private final FaultKind fault;

  TwainCondition(int code, FaultKind fault) {
    this.code = code;
    this.fault = fault;
  }

  public int code() {
    return code;
  }

  /** The fault this condition means in a scan, or null (success, or "no paper"). */
  public FaultKind fault() {
    return fault;
  }

  /** Whether the operator can clear it at the scanner and continue. */
  public boolean resumable() {
    return switch (this) {
      case PAPERJAM, PAPERDOUBLEFEED, INTERLOCK, DAMAGEDCORNER, MAXCONNECTIONS, CHECKDEVICEONLINE ->
          true;
      default -> false;
    };
  }

  public static TwainCondition of(int code) {
    for (TwainCondition c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
