package com.dossiercapture.app.bench;

import com.dossiercapture.app.i18n.Messages;

/** Texts of the benchmark commands: {@code com/dossiercapture/app/bench_messages*.properties}. */
public final class BenchMessages {

  /** The bundle's base name (Chinese; English in {@code _en}). */
  public static final String BUNDLE = "com.dossiercapture.app.bench_messages";

  private BenchMessages() {}

  static String get(String key, Object... args) {
    return Messages.from(BUNDLE, key, args);
  }
}
