package com.dossiercapture.scanner;

/**
 * A driver failure, with a message that says what happened and what the operator should do. When
 * caused by a device fault, {@link #fault()} carries it.
 */
public class ScannerException extends Exception {

  private final transient ScanFault fault;

  public ScannerException(String message) {
    this(message, null, null);
  }

  public ScannerException(String message, Throwable cause) {
    this(message, null, cause);
  }

  public ScannerException(String message, ScanFault fault, Throwable cause) {
    super(message, cause);
    this.fault = fault;
  }

  /** The device fault behind this failure, or null. */
  public ScanFault fault() {
    return fault;
  }
}
