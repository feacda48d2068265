package com.dossiercapture.app.gui.review;

import com.dossiercapture.app.i18n.Messages;

/**
 * Texts of the review station, from {@code com/dossiercapture/app/review_messages*.properties} in
 * the language {@link Messages} chose.
 */
public final class ReviewTexts {

  /** The bundle's base name (Chinese). */
  public static final String BUNDLE = "com.dossiercapture.app.review_messages";

  private ReviewTexts() {}

  public static String get(String key, Object... args) {
    return Messages.from(BUNDLE, key, args);
  }
}
