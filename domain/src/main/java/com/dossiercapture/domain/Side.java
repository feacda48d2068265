package com.dossiercapture.domain;

/** Which side of a sheet a page image shows. */
public enum Side {
  FRONT,
  BACK;

  /** The lower-case name stored in files and reports. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Side fromCode(String code) {
    return valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }
}
