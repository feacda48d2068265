package com.dossiercapture.scanner.twain;

import com.dossiercapture.scanner.ScannerException;

/** A DSM_Entry call that failed: the operation, the TWAIN state, the return and condition codes. */
public class TwainException extends ScannerException {

  private final TwainCondition condition;
  private final int state;

  public TwainException(String message, int state, TwainCondition condition) {
    super(message);
    this.state = state;
    this.condition = condition;
  }

  public TwainCondition condition() {
    return condition;
  }

  /** The TWAIN state (1-7) the session was in when the call failed. */
  public int state() {
    return state;
  }
}
