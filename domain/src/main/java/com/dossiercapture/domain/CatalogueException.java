package com.dossiercapture.domain;

/** A catalogue file that cannot be used, with a message that says why. */
public class CatalogueException extends RuntimeException {
  public CatalogueException(String message) {
    super(message);
  }

  public CatalogueException(String message, Throwable cause) {
    super(message, cause);
  }
}
