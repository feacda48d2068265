package com.dossiercapture.staging.export;

/**
 * An export that could not be made. Nothing was left at the output location: a partly written file
 * is removed before this is thrown. {@link #kind()} is stable for the user interface to pick a
 * localised message; the message says what happened in English for the log.
 */
public class ExportException extends RuntimeException {

  /** What kind of failure this is. */
  public enum Kind {
    /** No dossier with that case number, or the text is not a case number. */
    NOT_FOUND,
    /** The dossier has no documents, or no document has pages. */
    NO_DOCUMENTS,
    /** A page file is missing, altered or cannot be decoded. */
    DAMAGED_PAGE,
    /** The output file or folder cannot be written. */
    OUTPUT,
    /** No font that can be embedded for Chinese text was found. */
    NO_FONT,
    /** An option is out of range. */
    INVALID_OPTION,
    /** Any other input/output failure. */
    IO
  }

  private final Kind kind;

  public ExportException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ExportException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
