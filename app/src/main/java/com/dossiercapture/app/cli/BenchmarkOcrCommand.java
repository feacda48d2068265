package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.app.process.BatchProcessor;
import com.dossiercapture.app.process.Intake;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.app.process.ReportWriter;
import com.dossiercapture.ocr.engine.OcrEngine;
import com.dossiercapture.ocr.paddle.PaddleOcrEngine;
import com.dossiercapture.ocr.pipeline.PipelineSettings.EngineChoice;
import com.dossiercapture.ocr.tesseract.TesseractEngine;
import com.dossiercapture.samples.CorpusGenerator;
import com.dossiercapture.samples.GenerateCorpus;
import com.dossiercapture.samples.Scorer;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.image.ImageProbe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark ocr [--pages 300] [--seed 4242] [--corpus DIR] [--out DIR] [--workers 2]
 * [--engines tesseract,auto]}: generates a scored corpus (or takes one), runs the whole {@code
 * process} pipeline on it once per OCR engine choice with the same workers, scores each report and
 * prints, per engine: CER per script, docType accuracy, case-number exact match, pages per minute,
 * peak resident memory of the run and the resident memory one engine instance adds (ADR 0009).
 */
@Command(name = "ocr", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class BenchmarkOcrCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--pages", paramLabel = "N", descriptionKey = "benchmark.pages")
  int pages = 300;

  @Option(names = "--seed", paramLabel = "S", descriptionKey = "benchmark.ocr.seed")
  long seed = 4242;

  @Option(names = "--corpus", paramLabel = "DIR", descriptionKey = "benchmark.ocr.corpus")
  Path corpus;

  @Option(names = "--out", paramLabel = "DIR", descriptionKey = "benchmark.ocr.out")
  Path out;

  @Option(names = "--workers", paramLabel = "N", descriptionKey = "process.workers")
  int workers = 2;

  @Option(names = "--engines", paramLabel = "LIST", descriptionKey = "benchmark.ocr.engines")
  String engines = "tesseract,auto";

  /** Figures of one engine's run. */
  record Run(String engine, Scorer.Score score, double pagesPerMinute, long peakRssKb) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<EngineChoice> choices = new ArrayList<>();
    for (String e : engines.split(",")) {
      EngineChoice c = OcrEngineOption.parse(e);
      if (c == null) {
        err.println(Messages.get("process.badOcrEngine", e));
        return 2;
      }
      choices.add(c);
    }
    if (workers < 1 || workers > 64) {
      err.println(Messages.get("process.badWorkers", workers));
      return 2;
    }
    Path dir = out != null ? out : Files.createTempDirectory("dc-ocr-bench");
    Files.createDirectories(dir);
    Path pagesDir = corpus;
    if (pagesDir == null) {
      pagesDir = dir.resolve("corpus");
      long t0 = System.nanoTime();
      int n =
          GenerateCorpus.write(
              new CorpusGenerator.Options(seed, pages, 0, CorpusGenerator.Damage.FULL, 0.15),
              pagesDir);
      o.println(
          Messages.get("benchmark.ocr.generated", n, pagesDir, (System.nanoTime() - t0) / 1e9));
    }
    Path truthFile = pagesDir.resolve("ground-truth.jsonl");
    if (!Files.isRegularFile(truthFile)) {
      err.println(Messages.get("benchmark.ocr.noTruth", truthFile));
      return 2;
    }
    var truth = Scorer.read(truthFile);
    o.flush();

    Map<String, Long> instanceKb = new LinkedHashMap<>();
    BufferedImage sample = firstPage(pagesDir);
    if (sample != null) {
      instanceKb.put(
          "tesseract",
          instanceMemory(
              () -> new TesseractEngine(TesseractEngine.Settings.of("chi_sim")), sample));
      instanceKb.put("pp-ocr", instanceMemory(PaddleOcrEngine::new, sample));
    }

    List<Run> runs = new ArrayList<>();
    for (EngineChoice c : choices) {
      String name = OcrEngineOption.name(c);
      Path report = dir.resolve("report-" + name + ".jsonl");
      Path store = Files.createTempDirectory("dc-ocr-bench-store");
      resetPeakRss();
      BatchProcessor.Summary s;
      try (StagingStore st = StagingStore.open(store);
          ReportWriter writer = new ReportWriter(report)) {
        Batch batch = st.createBatch(BatchSpec.of("benchmark"));
        s =
            new BatchProcessor(st, workers, Pipelines.analyzers(c), Pipelines.boundaries())
                .run(pagesDir, batch.id(), new Intake(ImageProbe.Limits.DEFAULT), writer);
      } finally {
        deleteTree(store);
      }
      long peak = status("VmHWM");
      double ppm = s.millis() == 0 ? 0 : s.pages() * 60_000.0 / s.millis();
      Scorer.Score score = Scorer.score(truth, Scorer.read(report));
      runs.add(new Run(name, score, ppm, peak));
      o.println(Messages.get("benchmark.ocr.ran", name, s.pages(), s.failed(), ppm, report));
      o.flush();
    }

    o.println();
    o.println(Messages.get("benchmark.ocr.header", workers, pagesDir));
    o.println(
        String.format(
            Locale.ROOT,
            "%-10s %9s %9s %8s %8s %8s %9s %9s",
            "engine",
            "CER-simp",
            "CER-trad",
            "docType",
            "case#",
            "orient",
            "pages/min",
            "peak-MiB"));
    for (Run r : runs) {
      o.println(
          String.format(
              Locale.ROOT,
              "%-10s %8.2f%% %8.2f%% %7.1f%% %7.1f%% %7.1f%% %9.1f %9d",
              r.engine(),
              100 * r.score().cer().getOrDefault("simplified", Double.NaN),
              100 * r.score().cer().getOrDefault("traditional", Double.NaN),
              100 * r.score().docTypeAccuracy(),
              100 * r.score().caseNumberExactRate(),
              100 * r.score().orientationAccuracy(),
              r.pagesPerMinute(),
              r.peakRssKb() / 1024));
    }
    instanceKb.forEach(
        (k, v) -> o.println(Messages.get("benchmark.ocr.instance", k, v < 0 ? "?" : v / 1024)));
    Run base = runs.stream().filter(r -> r.engine().equals("tesseract")).findFirst().orElse(null);
    if (base != null) {
      for (Run r : runs) {
        if (r != base) {
          o.println(
              Messages.get(
                  "benchmark.ocr.relative",
                  r.engine(),
                  ratio(r, base, "simplified"),
                  ratio(r, base, "traditional"),
                  r.pagesPerMinute() / base.pagesPerMinute()));
        }
      }
    }
    o.flush();
    return 0;
  }

  private static double ratio(Run r, Run base, String script) {
    double b = base.score().cer().getOrDefault(script, Double.NaN);
    return r.score().cer().getOrDefault(script, Double.NaN) / b;
  }

  /** The largest page image of the corpus (most text), to measure an engine instance with. */
  private static BufferedImage firstPage(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      Path p =
          s.filter(f -> f.getFileName().toString().endsWith(".png"))
              .max(Comparator.comparingLong(f -> f.toFile().length()))
              .orElse(null);
      return p == null ? null : ImageIO.read(p.toFile());
    }
  }

  /**
   * Peak resident memory (KiB) one engine instance adds while starting and reading one page: the
   * peak is reset, the engine started in this thread, a page read, the peak read back. Includes any
   * Java heap growth during the measurement (approximate; -1 where /proc is unavailable).
   */
  private static long instanceMemory(Supplier<OcrEngine> make, BufferedImage page) {
    System.gc();
    if (!resetPeakRss()) {
      return -1;
    }
    long before = status("VmRSS");
    try (OcrEngine e = make.get()) {
      e.recognise(page, 300);
      long peak = status("VmHWM");
      return peak - before;
    }
  }

  /** Resets the process's peak resident set size (Linux {@code clear_refs} 5). */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** A field of /proc/self/status in KiB, or -1. */
  static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
