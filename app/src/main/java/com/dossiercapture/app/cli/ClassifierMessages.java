package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;

/**
 * Texts of the classifier command, from {@code
 * com/dossiercapture/app/classifier_messages*.properties} in the language {@link Messages} chose.
 */
final class ClassifierMessages {

  /** The bundle's base name (Chinese). */
  static final String BUNDLE = "com.dossiercapture.app.classifier_messages";

  private ClassifierMessages() {}

  static String get(String key, Object... args) {
    return Messages.from(BUNDLE, key, args);
  }
}
