package com.dossiercapture.app.process;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.ClassifierSettings;
import com.dossiercapture.ocr.classify.DocTypeModel;
import com.dossiercapture.ocr.classify.DocTypeTraining;
import com.dossiercapture.ocr.classify.DocTypeTraining.LabeledPage;
import com.dossiercapture.ocr.classify.OcrNoise;
import com.dossiercapture.samples.CorpusGenerator;
import com.dossiercapture.samples.PageTruth;
import com.dossiercapture.staging.ClassifierModel;
import com.dossiercapture.staging.Correction;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Trains the document-type model (no UI: the CLI and the GUI's "retrain" button call this).
 *
 * <ul>
 *   <li>{@link #generateBaseSet}: the base training set, from the synthetic corpus generator with a
 *       fixed seed: each page's printed text in {@value #NOISY_COPIES} readings with simulated OCR
 *       noise ({@link OcrNoise}), batch by batch (a batch is one dossier, separator first);
 *   <li>{@link #trainBase}: trains, calibrates and evaluates on it (the model shipped in the jar);
 *   <li>{@link #retrain}: the base set (shipped with the model) plus the pages archivists corrected
 *       in a staging store (their OCR text with the corrected type and document start), trained,
 *       evaluated on a held-out split and saved in the store as its next model version.
 * </ul>
 */
public final class ClassifierTrainingService {

  /** Where the base training set ships (gzip JSON Lines, one page a line). */
  public static final String BASE_SET_RESOURCE =
      "/com/dossiercapture/ocr/classify/doctype-train.jsonl.gz";

  /** The seed the shipped model was trained with. */
  public static final long DEFAULT_SEED = 20261123L;

  /** Pages generated for the shipped model. */
  public static final int DEFAULT_PAGES = 1500;

  /** Noisy readings per generated page. */
  public static final int NOISY_COPIES = 2;

  /** A corrected page counts as this many base pages (there are few of them). */
  public static final int CORRECTION_WEIGHT = 25;

  /** Share of batches (and of corrected pages) held out for evaluation and calibration. */
  public static final double HELD_OUT = 0.2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Catalogue catalogue;
  private final ClassifierSettings settings;

  public ClassifierTrainingService(Catalogue catalogue, ClassifierSettings settings) {
    this.catalogue = catalogue;
    this.settings = settings;
  }

  /** With the default catalogue and settings. */
  public static ClassifierTrainingService defaults() {
    return new ClassifierTrainingService(Catalogue.loadDefault(), ClassifierSettings.defaults());
  }

  /**
   * Generates the base training set: synthetic dossiers (no scan damage: only the text is used),
   * each page's printed text read {@value #NOISY_COPIES} times with simulated OCR noise.
   *
   * @param progress receives the number of pages generated so far, or null
   */
  public List<List<LabeledPage>> generateBaseSet(long seed, int pages, IntConsumer progress) {
    CorpusGenerator gen =
        new CorpusGenerator(
            new CorpusGenerator.Options(seed, pages, 150, CorpusGenerator.Damage.NONE, 0.15));
    List<PageTruth> truths = new ArrayList<>();
    gen.generate(
        p -> {
          truths.add(p.truth());
          if (progress != null) {
            progress.accept(truths.size());
          }
        });
    OcrNoise noise = new OcrNoise(seed ^ 0x5DEECE66DL);
    List<List<PageTruth>> dossiers = new ArrayList<>();
    for (PageTruth t : truths) {
      if (t.separator() || dossiers.isEmpty()) {
        dossiers.add(new ArrayList<>());
      }
      dossiers.getLast().add(t);
    }
    // One batch per dossier, its noisy readings one after the other (each behind its separator),
    // so that a held-out dossier has no twin in the training part.
    List<List<LabeledPage>> batches = new ArrayList<>();
    for (List<PageTruth> d : dossiers) {
      List<LabeledPage> batch = new ArrayList<>();
      for (int copy = 0; copy < NOISY_COPIES; copy++) {
        for (PageTruth t : d) {
          String text = t.blank() || t.separator() ? "" : noise.apply(t.text());
          batch.add(new LabeledPage(text, t.docType(), t.documentStart(), t.caseNumber()));
        }
      }
      batches.add(batch);
    }
    return batches;
  }

  /** Trains the base model on a base set. */
  public DocTypeTraining.Result trainBase(List<List<LabeledPage>> base, long seed) {
    return DocTypeTraining.train(catalogue, base, List.of(), HELD_OUT, seed, settings);
  }

  /** What {@link #retrain} did. */
  public record Retrained(ClassifierModel saved, DocTypeTraining.Metrics metrics, int corrected) {}

  /**
   * Retrains from the archivists' corrections in a store and saves the model there as the next
   * version (the pipeline then uses it for this store's batches).
   *
   * @throws IllegalStateException when the store holds no correction of a page's type or start
   */
  public Retrained retrain(StagingStore store, String actor) {
    List<LabeledPage> corrected = correctedPages(store);
    if (corrected.isEmpty()) {
      throw new IllegalStateException("no corrected page types in the store");
    }
    List<List<LabeledPage>> base = loadBaseSet();
    List<LabeledPage> shuffled = new ArrayList<>(corrected);
    Collections.shuffle(shuffled, new Random(DEFAULT_SEED));
    int held = shuffled.size() >= 5 ? (int) Math.round(shuffled.size() * HELD_OUT) : 0;
    List<List<LabeledPage>> extraHeld = new ArrayList<>();
    List<List<LabeledPage>> extraTrain = new ArrayList<>();
    for (int i = 0; i < shuffled.size(); i++) {
      if (i < held) {
        extraHeld.add(List.of(shuffled.get(i)));
      } else {
        for (int k = 0; k < CORRECTION_WEIGHT; k++) {
          extraTrain.add(List.of(shuffled.get(i)));
        }
      }
    }
    DocTypeTraining.Result r =
        DocTypeTraining.train(
            catalogue, base, extraTrain, HELD_OUT, DEFAULT_SEED, settings, extraHeld);
    ObjectNode metrics = (ObjectNode) readTree(r.metrics().toJson());
    metrics.put("correctedPages", corrected.size());
    metrics.put("correctedHeldOut", held);
    ClassifierModel saved =
        store.saveClassifierModel(
            r.model().bytes(), r.metrics().trainingPages(), metrics.toString(), actor);
    return new Retrained(saved, r.metrics(), corrected.size());
  }

  /**
   * The pages archivists corrected (type, document start), with their OCR text and the corrected
   * values (the latest correction of each field wins). Pages corrected to blank are left out.
   */
  public static List<LabeledPage> correctedPages(StagingStore store) {
    Map<Long, Map<String, String>> byPage = new LinkedHashMap<>();
    for (Correction c : store.corrections()) {
      byPage.computeIfAbsent(c.pageId(), k -> new LinkedHashMap<>()).put(c.field(), c.newValue());
    }
    List<LabeledPage> out = new ArrayList<>();
    for (var e : byPage.entrySet()) {
      Map<String, String> f = e.getValue();
      if (!f.containsKey("docType") && !f.containsKey("documentStart")) {
        continue;
      }
      if ("true".equals(f.get("blank"))) {
        continue;
      }
      PageResult r;
      try {
        r = store.result(e.getKey()).orElse(null);
      } catch (StoreException ex) {
        continue; // a page that is gone teaches nothing
      }
      if (r == null || r.text() == null || r.text().isBlank()) {
        continue;
      }
      String type = f.getOrDefault("docType", r.docType());
      if (type == null || Catalogue.BLANK.equals(type) || Catalogue.SEPARATOR.equals(type)) {
        continue;
      }
      boolean start =
          f.containsKey("documentStart")
              ? Boolean.parseBoolean(f.get("documentStart"))
              : Boolean.TRUE.equals(r.documentStart());
      out.add(new LabeledPage(r.text(), type, start, r.caseNumber()));
    }
    return out;
  }

  /** The model the pipeline uses for a store: its latest version, else the shipped one. */
  public static DocTypeModel modelFor(StagingStore store) {
    if (store != null) {
      var latest = store.latestClassifierModel();
      if (latest.isPresent()) {
        return DocTypeModel.read(latest.get().bytes());
      }
    }
    return DocTypeModel.shipped();
  }

  // ---------------------------------------------------------------------------------------------
  // The base set as a file

  /** Writes a base set (gzip JSON Lines: batch, text, docType, documentStart, caseNumber). */
  public static void writeBaseSet(List<List<LabeledPage>> batches, OutputStream out)
      throws IOException {
    try (OutputStream gz = new GZIPOutputStream(out)) {
      for (int b = 0; b < batches.size(); b++) {
        for (LabeledPage p : batches.get(b)) {
          ObjectNode n = JSON.createObjectNode();
          n.put("batch", b);
          n.put("text", p.text());
          n.put("docType", p.docType());
          n.put("documentStart", p.documentStart());
          n.put("caseNumber", p.caseNumber());
          gz.write((n.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  /** Reads a base set written by {@link #writeBaseSet}. */
  public static List<List<LabeledPage>> readBaseSet(InputStream in) throws IOException {
    List<List<LabeledPage>> batches = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      int last = -1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        int b = n.path("batch").asInt();
        if (b != last) {
          batches.add(new ArrayList<>());
          last = b;
        }
        batches
            .getLast()
            .add(
                new LabeledPage(
                    n.path("text").asText(""),
                    n.path("docType").asText(),
                    n.path("documentStart").asBoolean(),
                    n.hasNonNull("caseNumber") ? n.get("caseNumber").asText() : null));
      }
    }
    return batches;
  }

  /** The shipped base set. */
  public static List<List<LabeledPage>> loadBaseSet() {
    try (InputStream in = DocTypeModel.class.getResourceAsStream(BASE_SET_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the base training set " + BASE_SET_RESOURCE + " is missing");
      }
      return readBaseSet(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the shipped model and base set into a resource folder. */
  public static void writeResources(DocTypeModel model, List<List<LabeledPage>> base, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("doctype-model.bin.gz"), model.bytes());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    writeBaseSet(base, buf);
    Files.write(dir.resolve("doctype-train.jsonl.gz"), buf.toByteArray());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
