package com.dossiercapture.scanner.sane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the tests that drive libsane in their own process (frame formats, every injected fault,
 * cancel mid-page, option handling: {@link SaneDriverTest}, {@link HungCancelTest}) in a child JVM.
 * The SANE 1.2.1 test backend can wedge its host process (its reader thread left blocked on glibc's
 * malloc lock, ADR 0009); the workstation survives that by hosting libsane in a child process, and
 * so does this suite: a child that does not finish in time is killed and the class run again (at
 * most three attempts, each wedge printed). A test that fails fails the suite.
 */
class SaneInProcessSuiteTest {

  private static final long TIMEOUT_SECONDS = 120;

  @ParameterizedTest
  @ValueSource(strings = {"SaneDriverTest", "HungCancelTest"})
  void inProcessSaneTestsPass(String simpleName) throws Exception {
    SaneTestBackend.runtime(); // skips when libsane is missing
    String cls = getClass().getPackageName() + "." + simpleName;
    List<String> wedged = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      Path log = Files.createTempFile("dc-sane-inprocess-", ".log");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-Xmx1g",
                  "-Ddc.sane.inprocess=true",
                  "-cp",
                  System.getProperty("java.class.path"),
                  InProcessRunner.class.getName(),
                  cls)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String output = read(log);
      if (!finished) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        wedged.add("attempt " + attempt);
        System.out.printf(
            "%s: child JVM did not finish in %d s (libsane wedged?); last output:%n%s%n",
            simpleName, TIMEOUT_SECONDS, tail(output));
        continue;
      }
      System.out.println(tail(output));
      assertThat(p.exitValue()).as("%s in a child JVM:%n%s", simpleName, output).isZero();
      assertThat(output).contains("IN-PROCESS RESULT " + cls).contains("failed 0");
      if (!wedged.isEmpty()) {
        System.out.printf("%s passed after wedged %s%n", simpleName, wedged);
      }
      return;
    }
    throw new AssertionError(simpleName + " wedged on every attempt: " + wedged);
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
