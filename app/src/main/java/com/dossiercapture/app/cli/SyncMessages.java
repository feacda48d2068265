package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Texts of the sync, receiver and approve commands, from {@code
 * com/dossiercapture/app/sync_messages*.properties} in the language {@link Messages} chose.
 */
final class SyncMessages {

  /** The bundle's base name (Chinese). */
  static final String BUNDLE = "com.dossiercapture.app.sync_messages";

  private SyncMessages() {}

  static String get(String key, Object... args) {
    String pattern;
    try {
      pattern =
          ResourceBundle.getBundle(
                  BUNDLE,
                  Messages.locale(),
                  ResourceBundle.Control.getNoFallbackControl(
                      ResourceBundle.Control.FORMAT_PROPERTIES))
              .getString(key);
    } catch (MissingResourceException e) {
      return "!" + key + "!";
    }
    return new MessageFormat(pattern, Messages.locale()).format(args);
  }
}
