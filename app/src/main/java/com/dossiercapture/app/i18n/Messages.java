package com.dossiercapture.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text from the resource bundles {@code com/dossiercapture/app/messages*.properties}:
 * Simplified Chinese is the default (the base bundle), English is selectable with {@code --lang
 * en}, the {@code DC_LANG} environment variable or the {@code dc.lang} system property.
 */
public final class Messages {

  /** The bundle's base name (Chinese). */
  public static final String BUNDLE = "com.dossiercapture.app.messages";

  private static volatile Locale locale = initialLocale();

  private Messages() {}

  /** zh-CN unless English was asked for; the operating system's locale is not consulted. */
  static Locale initialLocale() {
    String lang = System.getProperty("dc.lang");
    if (lang == null) {
      lang = System.getenv("DC_LANG");
    }
    return parse(lang);
  }

  /** {@code en}, {@code en-US}... → English; anything else → Simplified Chinese. */
  public static Locale parse(String lang) {
    return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en")
        ? Locale.ENGLISH
        : Locale.SIMPLIFIED_CHINESE;
  }

  public static Locale locale() {
    return locale;
  }

  /** Switches the language for everything created afterwards (and for picocli's help). */
  public static void setLocale(Locale l) {
    locale = l;
    Locale.setDefault(l);
  }

  public static ResourceBundle bundle() {
    return ResourceBundle.getBundle(
        BUNDLE,
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * The text for a key, with {@link MessageFormat} arguments. A missing key shows as {@code !key!}.
   */
  public static String get(String key, Object... args) {
    return from(BUNDLE, key, args);
  }

  /**
   * The text for a key of another bundle of the app (e.g. {@code sync_messages}), in the chosen
   * language, with {@link MessageFormat} arguments. A missing key shows as {@code !key!}.
   */
  public static String from(String bundle, String key, Object... args) {
    String pattern;
    try {
      pattern =
          ResourceBundle.getBundle(
                  bundle,
                  locale,
                  ResourceBundle.Control.getNoFallbackControl(
                      ResourceBundle.Control.FORMAT_PROPERTIES))
              .getString(key);
    } catch (MissingResourceException e) {
      return "!" + key + "!";
    }
    return new MessageFormat(pattern, locale).format(args);
  }
}
