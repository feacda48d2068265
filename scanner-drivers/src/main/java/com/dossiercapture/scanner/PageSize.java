package com.dossiercapture.scanner;

import java.util.Locale;

/**
 * The scan area. {@link #AUTO} asks the device for its largest area (or its own paper-size
 * detection); the others are ISO/US sizes in millimetres, portrait.
 */
public enum PageSize {
  AUTO(0, 0),
  A4(210, 297),
  A3(297, 420),
  A5(148, 210),
  B5(176, 250),
  LETTER(215.9, 279.4),
  LEGAL(215.9, 355.6);

  private final double widthMm;
  private final double heightMm;

  PageSize(double widthMm, double heightMm) {
    this.widthMm = widthMm;
    this.heightMm = heightMm;
  }

  public double widthMm() {
    return widthMm;
  }

  public double heightMm() {
    return heightMm;
  }

  /** Parses a name case-insensitively ({@code a4}, {@code auto}). */
  public static PageSize fromCode(String code) {
    try {
      return valueOf(code.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown page size '" + code + "': use auto, a4, a3, a5, b5, letter or legal", e);
    }
  }
}
