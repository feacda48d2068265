package com.dossiercapture.app.gui.scan;

import com.dossiercapture.app.i18n.Messages;

/** The texts of the scan station and the window shell ({@code scan_messages*.properties}). */
public final class ScanTexts {

  /** The bundle's base name (Chinese). */
  public static final String BUNDLE = "com.dossiercapture.app.scan_messages";

  private ScanTexts() {}

  /** The text for a key, with MessageFormat arguments. */
  public static String t(String key, Object... args) {
    return Messages.from(BUNDLE, key, args);
  }
}
