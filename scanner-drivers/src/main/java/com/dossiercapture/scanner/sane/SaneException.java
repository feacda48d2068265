package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.ScannerException;

/** A SANE call that returned a status other than GOOD, with the call and the status text. */
public class SaneException extends ScannerException {

  private final SaneStatus status;

  public SaneException(String message, SaneStatus status) {
    super(message);
    this.status = status;
  }

  public SaneStatus status() {
    return status;
  }
}
