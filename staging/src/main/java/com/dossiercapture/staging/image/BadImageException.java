package com.dossiercapture.staging.image;

/** Bytes that are not a usable page image; {@link #reason()} says which way. */
public class BadImageException extends RuntimeException {

  /** Why an image was refused. */
  public enum Reason {
    EMPTY,
    UNSUPPORTED,
    CORRUPT,
    TOO_LARGE
  }

  private final Reason reason;

  public BadImageException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
