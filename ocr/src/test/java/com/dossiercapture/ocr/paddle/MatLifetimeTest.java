package com.dossiercapture.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image code survives two threads with a garbage collection every millisecond ({@link
 * MatLifetimeStress}, in a child JVM, since a corrupted C heap ends the process). Without {@code
 * Mats.keep} this crashed the JVM ("corrupted double-linked list", SIGSEGV in {@code
 * cv::Mat::release}) within seconds; with two page workers it crashed about one run in three of a
 * 38-page traditional-script batch.
 */
class MatLifetimeTest {

  private static final int SECONDS = 30;

  @Test
  void openCvCodeSurvivesConcurrentCollection() throws Exception {
    Path log = Files.createTempFile("dc-mat-lifetime-", ".log");
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-Xmx512m",
                  "-Djava.awt.headless=true",
                  "-cp",
                  System.getProperty("java.class.path"),
                  MatLifetimeStress.class.getName(),
                  String.valueOf(SECONDS))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean finished = p.waitFor(SECONDS + 120, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      String tail = out.length() > 3000 ? out.substring(out.length() - 3000) : out;
      assertThat(finished).as("stress child finished; output:%n%s", tail).isTrue();
      assertThat(p.exitValue()).as("stress child exit code; output:%n%s", tail).isZero();
      Matcher m = Pattern.compile("iterations (\\d+) failures 0").matcher(out);
      assertThat(m.find()).as("iteration count printed; output:%n%s", tail).isTrue();
      // Enough passes that a use after free would have had its chances.
      assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(5);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
