package com.dossiercapture.app.cli;

import com.dossiercapture.app.process.ClassifierTrainingService;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.ClassifierSettings;
import com.dossiercapture.ocr.classify.DocTypeModel;
import com.dossiercapture.ocr.classify.DocTypeTraining;
import com.dossiercapture.ocr.classify.DocTypeTraining.LabeledPage;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classifier train|retrain|evaluate}: the document-type model. {@code train} makes the model
 * shipped in the jar from the synthetic corpus (fixed seed: the same command gives the same model);
 * {@code retrain} learns from the archivists' corrections in a staging store and saves the model
 * there as a new version; {@code evaluate} replays a {@code process} report's OCR text through the
 * classifier against the corpus truth (accuracy and calibration without running OCR again).
 */
@Command(
    name = "classifier",
    mixinStandardHelpOptions = true,
    resourceBundle = ClassifierMessages.BUNDLE,
    subcommands = {
      ClassifierCommand.Train.class,
      ClassifierCommand.Retrain.class,
      ClassifierCommand.Evaluate.class
    })
public final class ClassifierCommand {

  /** {@code classifier train [--seed S] [--pages N] [--out DIR]}. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      resourceBundle = ClassifierMessages.BUNDLE)
  public static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "classifier.seed")
    long seed = ClassifierTrainingService.DEFAULT_SEED;

    @Option(names = "--pages", paramLabel = "N", descriptionKey = "classifier.pages")
    int pages = ClassifierTrainingService.DEFAULT_PAGES;

    @Option(names = "--out", paramLabel = "DIR", descriptionKey = "classifier.out")
    Path out = Path.of("ocr/src/main/resources/com/dossiercapture/ocr/classify");

    @Override
    public Integer call() throws IOException {
      PrintWriter w = spec.commandLine().getOut();
      if (pages < 50) {
        spec.commandLine()
            .getErr()
            .println(ClassifierMessages.get("classifier.tooFewPages", pages));
        return 2;
      }
      ClassifierTrainingService svc = ClassifierTrainingService.defaults();
      long t0 = System.nanoTime();
      List<List<LabeledPage>> base =
          svc.generateBaseSet(
              seed,
              pages,
              n -> {
                if (n % 100 == 0) {
                  w.println(ClassifierMessages.get("classifier.generated", n, pages));
                  w.flush();
                }
              });
      DocTypeTraining.Result r = svc.trainBase(base, seed);
      ClassifierTrainingService.writeResources(r.model(), base, out);
      w.println(r.metrics().table());
      w.println(
          ClassifierMessages.get(
              "classifier.trained",
              r.metrics().trainingPages(),
              r.model().bytes().length / 1024,
              out,
              (System.nanoTime() - t0) / 1e9));
      return 0;
    }
  }

  /** {@code classifier retrain --store DIR [--operator NAME]}. */
  @Command(
      name = "retrain",
      mixinStandardHelpOptions = true,
      resourceBundle = ClassifierMessages.BUNDLE)
  public static final class Retrain implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--store",
        required = true,
        paramLabel = "DIR",
        descriptionKey = "classifier.store")
    Path store;

    @Option(names = "--operator", paramLabel = "NAME", descriptionKey = "classifier.operator")
    String operator = System.getProperty("user.name", "operator");

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isDirectory(store)) {
        err.println(ClassifierMessages.get("classifier.noStore", store));
        return 2;
      }
      try (StagingStore st = StagingStore.open(store)) {
        ClassifierTrainingService.Retrained r =
            ClassifierTrainingService.defaults().retrain(st, operator);
        w.println(r.metrics().table());
        w.println(
            ClassifierMessages.get(
                "classifier.retrained",
                r.saved().version(),
                r.corrected(),
                r.saved().trainingPages()));
        return 0;
      } catch (IllegalStateException e) {
        err.println(ClassifierMessages.get("classifier.noCorrections", store));
        return 1;
      } catch (StoreException e) {
        err.println(ClassifierMessages.get("classifier.storeError", e.getMessage()));
        return 1;
      }
    }
  }

  /** {@code classifier evaluate --truth ground-truth.jsonl --report report.jsonl [--store DIR]}. */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      resourceBundle = ClassifierMessages.BUNDLE)
  public static final class Evaluate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--truth",
        required = true,
        paramLabel = "FILE",
        descriptionKey = "classifier.truth")
    Path truth;

    @Option(
        names = "--report",
        required = true,
        paramLabel = "FILE",
        descriptionKey = "classifier.report")
    Path report;

    @Option(names = "--store", paramLabel = "DIR", descriptionKey = "classifier.modelStore")
    Path store;

    @Option(names = "--errors", descriptionKey = "classifier.errors")
    boolean errors;

    @Override
    public Integer call() throws IOException {
      PrintWriter w = spec.commandLine().getOut();
      if (!Files.isRegularFile(truth) || !Files.isRegularFile(report)) {
        spec.commandLine()
            .getErr()
            .println(ClassifierMessages.get("classifier.noFile", truth, report));
        return 2;
      }
      DocTypeModel model;
      if (store != null) {
        try (StagingStore st = StagingStore.open(store)) {
          model = ClassifierTrainingService.modelFor(st);
        }
      } else {
        model = DocTypeModel.shipped();
      }
      List<List<LabeledPage>> batches = replay(truth, report);
      DocTypeTraining.Metrics m =
          DocTypeTraining.evaluate(
              Catalogue.loadDefault(),
              model,
              batches,
              ClassifierSettings.defaults(),
              null,
              errors ? w::println : null);
      w.println(m.table());
      return 0;
    }
  }

  /** The report's OCR text labelled with the truth, one batch per separator. */
  static List<List<LabeledPage>> replay(Path truth, Path report) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<Integer, JsonNode> rep = new HashMap<>();
    for (JsonNode n : lines(json, report)) {
      rep.put(n.path("index").asInt(), n);
    }
    List<List<LabeledPage>> batches = new ArrayList<>();
    for (JsonNode t : lines(json, truth)) {
      JsonNode r = rep.get(t.path("index").asInt());
      String text = r == null ? "" : r.path("text").asText("");
      String type = t.path("docType").asText();
      if (batches.isEmpty() || t.path("separator").asBoolean()) {
        batches.add(new ArrayList<>());
      }
      batches
          .getLast()
          .add(
              new LabeledPage(
                  text,
                  type,
                  t.path("documentStart").asBoolean(),
                  t.hasNonNull("caseNumber") ? t.get("caseNumber").asText() : null));
    }
    return batches;
  }

  private static List<JsonNode> lines(ObjectMapper json, Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (!l.isBlank()) {
          out.add(json.readTree(l));
        }
      }
    }
    return out;
  }
}
