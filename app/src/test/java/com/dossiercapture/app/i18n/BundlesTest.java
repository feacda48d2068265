package com.dossiercapture.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text exists in Chinese and in English, and every MessageFormat pattern parses. */
class BundlesTest {

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in =
        BundlesTest.class.getResourceAsStream("/com/dossiercapture/app/" + name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "messages",
        "sync_messages",
        "export_messages",
        "review_messages",
        "scan_messages",
        "bench_messages",
        "classifier_messages"
      })
  void chineseAndEnglishHaveTheSameKeys(String bundle) throws Exception {
    Properties zh = load(bundle + ".properties");
    Properties en = load(bundle + "_en.properties");
    assertThat(en.stringPropertyNames())
        .as("keys of %s_en", bundle)
        .isEqualTo(zh.stringPropertyNames());
    for (String key : zh.stringPropertyNames()) {
      if (key.startsWith("usage.")
          || key.contains(".usage.")
          || !zh.getProperty(key).contains("{")) {
        continue; // picocli texts use String.format, not MessageFormat
      }
      new MessageFormat(zh.getProperty(key));
      new MessageFormat(en.getProperty(key));
    }
  }
}
