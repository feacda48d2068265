package com.dossiercapture.ocr.engine;

/** An OCR engine could not be started or failed on an image; the message says what to do. */
public class OcrException extends RuntimeException {
  public OcrException(String message) {
    super(message);
  }

  public OcrException(String message, Throwable cause) {
    super(message, cause);
  }
}
