package com.dossiercapture.domain;

import java.util.Locale;

/** How a page was scanned. */
public enum ColourMode {
  COLOUR,
  GREY,
  BLACK_AND_WHITE;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ColourMode fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
