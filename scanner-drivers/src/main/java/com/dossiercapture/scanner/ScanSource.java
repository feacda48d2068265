package com.dossiercapture.scanner;

import java.util.Locale;

/** Where the paper comes from. Each driver maps these to its backend's own names. */
public enum ScanSource {
  FLATBED,
  /** Automatic document feeder, front sides only. */
  ADF_FRONT,
  /** Automatic document feeder, both sides: pages alternate front, back. */
  ADF_DUPLEX;

  /** The code used on the command line and in profiles ({@code adf-duplex}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #code()} (case-insensitive; {@code adf} means {@link #ADF_FRONT}). */
  public static ScanSource fromCode(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (c.equals("ADF")) {
      return ADF_FRONT;
    }
    try {
      return valueOf(c);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown scan source '" + code + "': use flatbed, adf-front or adf-duplex", e);
    }
  }

  /** True for both feeder sources. */
  public boolean isFeeder() {
    return this != FLATBED;
  }
}
