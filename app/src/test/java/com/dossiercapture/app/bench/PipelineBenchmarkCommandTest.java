package com.dossiercapture.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.Main;
import com.dossiercapture.app.i18n.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmark pipeline --only speed} end to end on a few generated pages. */
class PipelineBenchmarkCommandTest {

  static {
    // The app's surefire runs with -Djava.awt.headless=false for the UI tests (under Xvfb); the
    // corpus generator renders pages off-screen and must not need a display. Each test class runs
    // in its own JVM (reuseForks=false), so this is set before AWT starts.
    System.setProperty("java.awt.headless", "true");
  }

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cl = Main.commandLine(args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @AfterEach
  void resetLanguage() {
    Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
  }

  @Test
  void speedSectionPrintsEveryFigure() throws Exception {
    Path json = tmp.resolve("figures.json");
    int code =
        run(
            "--lang",
            "en",
            "benchmark",
            "pipeline",
            "--pages",
            "3",
            "--seed",
            "9090",
            "--only",
            "speed",
            "--work",
            tmp.resolve("work").toString(),
            "--json",
            json.toString());
    String text = out.toString();
    assertThat(code).as(text + err).isZero();
    assertThat(text).contains("Generated 3 pages (seed 9090)");
    assertThat(text).containsPattern("A ours \\(process pipeline\\) +3 pages, 0 failed");
    assertThat(text).containsPattern("= \\d+\\.\\d pages/min");
    assertThat(text).contains("CER simplified");
    assertThat(text).contains("docType accuracy");
    boolean tesseract = Tools.find("tesseract").isPresent();
    if (tesseract) {
      assertThat(text).contains("B tesseract CLI").contains("-l chi_sim, 2 processes");
      assertThat(text).containsPattern("ours = \\d+\\.\\d % of tesseract CLI throughput");
    } else {
      System.err.println("tesseract CLI not installed: the B comparison was skipped");
      assertThat(text).contains("tesseract command is not installed");
    }
    assertThat(text).doesNotContain("C ocrmypdf").doesNotContain("D type latency");
    assertThat(Files.exists(tmp.resolve("work/report.jsonl"))).isTrue();

    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertThat(figures.path("corpusPages").asInt()).isEqualTo(3);
    assertThat(figures.path("ours").path("pagesPerMinute").asDouble()).isPositive();
    assertThat(figures.path("ours").path("cer").has("simplified")).isTrue();
    assertThat(figures.path("latency").isNull()).isTrue();
    if (tesseract) {
      assertThat(figures.path("tesseract").path("pagesPerMinute").asDouble()).isPositive();
      assertThat(figures.path("tesseract").path("oursPercent").asDouble()).isPositive();
    }
  }

  @Test
  void badArgumentsExitTwo() {
    assertThat(run("--lang", "en", "benchmark", "pipeline", "--only", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown section: fast");
    assertThat(run("--lang", "en", "benchmark", "pipeline", "--workers", "0")).isEqualTo(2);
    assertThat(
            run(
                "--lang",
                "en",
                "benchmark",
                "pipeline",
                "--corpus",
                tmp.resolve("nothing").toString()))
        .isEqualTo(2);
  }

  @Test
  void helpIsInBothLanguages() {
    assertThat(run("--lang", "en", "benchmark", "pipeline", "--help")).isZero();
    assertThat(out.toString())
        .contains("--memory-pages")
        .contains("The pipeline speed comparisons");
    out.getBuffer().setLength(0);
    assertThat(run("--lang", "zh", "benchmark", "pipeline", "--help")).isZero();
    assertThat(out.toString()).contains("流水线速度对比");
  }
}
