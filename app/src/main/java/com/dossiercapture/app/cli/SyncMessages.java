package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;

/**
 * Texts of the sync, receiver and approve commands, from {@code
 * com/dossiercapture/app/sync_messages*.properties} in the language {@link Messages} chose.
 */
final class SyncMessages {

  /** The bundle's base name (Chinese). */
  static final String BUNDLE = "com.dossiercapture.app.sync_messages";

  private SyncMessages() {}

  static String get(String key, Object... args) {
    return Messages.from(BUNDLE, key, args);
  }
}
