package com.dossiercapture.scanner;

import java.util.Locale;

/** The operating-system families drivers are filtered by. */
public enum OperatingSystem {
  LINUX,
  WINDOWS,
  MAC,
  OTHER;

  /** The family of the running JVM, from {@code os.name}. */
  public static OperatingSystem current() {
    return of(System.getProperty("os.name", ""));
  }

  /** The family for an {@code os.name} value. */
  public static OperatingSystem of(String osName) {
    String n = osName.toLowerCase(Locale.ROOT);
    if (n.contains("win")) {
      return WINDOWS;
    }
    if (n.contains("mac") || n.contains("darwin")) {
      return MAC;
    }
    if (n.contains("linux") || n.contains("nux") || n.contains("bsd")) {
      return LINUX;
    }
    return OTHER;
  }
}
