package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.app.process.BatchProcessor;
import com.dossiercapture.app.process.Intake;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.app.process.ReportWriter;
import com.dossiercapture.ocr.pipeline.PipelineSettings;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.dossiercapture.staging.image.ImageProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code process --input DIR --report REPORT.jsonl [--workers N] [--store DIR]}: the headless page
 * pipeline (process-report.md). Exit 0 when every page was processed, 3 when some failed, 2 for bad
 * arguments.
 */
@Command(name = "process", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class ProcessCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "DIR", descriptionKey = "process.input")
  Path input;

  @Option(
      names = "--report",
      required = true,
      paramLabel = "FILE",
      descriptionKey = "process.report")
  Path report;

  @Option(names = "--workers", paramLabel = "N", descriptionKey = "process.workers")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--store", paramLabel = "DIR", descriptionKey = "process.store")
  Path store;

  @Option(names = "--operator", paramLabel = "NAME", descriptionKey = "process.operator")
  String operator = System.getProperty("user.name", "operator");

  @Option(names = "--ocr-engine", paramLabel = "ENGINE", descriptionKey = "process.ocrEngine")
  String ocrEngine = "auto";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(input)) {
      err.println(Messages.get("process.notADirectory", input));
      return 2;
    }
    if (workers < 1 || workers > 64) {
      err.println(Messages.get("process.badWorkers", workers));
      return 2;
    }
    PipelineSettings.EngineChoice engine = OcrEngineOption.parse(ocrEngine);
    if (engine == null) {
      err.println(Messages.get("process.badOcrEngine", ocrEngine));
      return 2;
    }
    boolean throwAway = store == null;
    Path storeDir = throwAway ? Files.createTempDirectory("dossier-capture-process-") : store;
    try (StagingStore st = StagingStore.open(storeDir);
        ReportWriter writer = new ReportWriter(report)) {
      Batch batch = st.createBatch(BatchSpec.of(operator));
      BatchProcessor processor =
          new BatchProcessor(st, workers, Pipelines.analyzers(engine), Pipelines.boundaries(st));
      BatchProcessor.Summary s =
          processor.run(input, batch.id(), new Intake(ImageProbe.Limits.DEFAULT), writer);
      out.println(
          Messages.get(
              "process.summary",
              s.pages(),
              s.failed(),
              s.millis() / 1000.0,
              s.millis() == 0 ? 0 : s.pages() * 60_000.0 / s.millis(),
              report));
      if (!throwAway) {
        out.println(Messages.get("process.storedIn", batch.id(), storeDir));
        if (s.assembly() != null) {
          out.println(
              Messages.get(
                  "process.assembled",
                  s.assembly().dossiers().size(),
                  s.assembly().documents(),
                  s.assembly().unassigned()));
        }
      }
      out.flush();
      return s.failed() == 0 ? 0 : 3;
    } catch (StoreException e) {
      err.println(Messages.get("error.store." + e.kind().name(), e.getMessage()));
      return e.kind() == StoreException.Kind.LOCKED ? 2 : 1;
    } finally {
      if (throwAway) {
        deleteTree(storeDir);
      }
    }
  }

  /** Removes the throw-away store of a run without --store (the caller asked for no store). */
  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
