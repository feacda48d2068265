package com.dossiercapture.staging;

/**
 * Something the store refused or could not do. {@link #kind()} is stable for the user interface to
 * pick a localised message; the message itself says what happened in English for the log.
 */
public class StoreException extends RuntimeException {

  /** What kind of failure this is. */
  public enum Kind {
    /** The disk (or its quota) is full: nothing was written; free space and try again. */
    DISK_FULL,
    /** Another program has this store open. */
    LOCKED,
    /** The offered image is not a usable page image (see the message). */
    BAD_IMAGE,
    /** A page file is missing or no longer matches its recorded hash. */
    DAMAGED_PAGE,
    /** The store was written by a newer version of the program. */
    SCHEMA_TOO_NEW,
    /** A row that was asked for does not exist. */
    NOT_FOUND,
    /** The request does not make sense (e.g. an invalid case number). */
    INVALID,
    /** Any other input/output or database failure. */
    IO
  }

  private final Kind kind;

  public StoreException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
