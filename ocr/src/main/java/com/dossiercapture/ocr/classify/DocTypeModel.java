package com.dossiercapture.ocr.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * The statistical document-type model: a maximum-entropy classifier (Apache OpenNLP's GIS trainer)
 * over {@link PageFeatures}. Its outcomes are {@code S:type} (the first page of a document of that
 * type) and {@code C:type} (a later page), so one model says both what a page is and whether it
 * looks like a document's beginning. Serialised as a small gzip stream: a header, the confidence
 * calibration ({@link Calibration}) and OpenNLP's binary model.
 */
public final class DocTypeModel {

  /** Outcome prefix of a document's first page. */
  public static final String START = "S:";

  /** Outcome prefix of a later page. */
  public static final String CONTINUATION = "C:";

  /** The model shipped in the jar (trained by {@code dossier-capture classifier train}). */
  public static final String RESOURCE = "/com/dossiercapture/ocr/classify/doctype-model.bin.gz";

  private static final String MAGIC = "dossier-capture doctype model v1";

  /**
   * One training page.
   *
   * @param text OCR text (or printed text with simulated OCR noise)
   * @param docType catalogue code
   * @param documentStart whether the page is the first of its document
   */
  public record Example(String text, String docType, boolean documentStart) {
    String outcome() {
      return (documentStart ? START : CONTINUATION) + docType;
    }
  }

  /**
   * What the model says about one page.
   *
   * @param types probability of each catalogue code (start and continuation summed), all codes the
   *     model knows
   * @param startGiven for each code, the probability that the page starts a document of it
   */
  public record Prediction(Map<String, Double> types, Map<String, Double> startGiven) {
    /** The most probable code. */
    public String best() {
      return types.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
  }

  private final MaxentModel model;
  private final Calibration calibration;
  private volatile byte[] bytes;

  private DocTypeModel(MaxentModel model, Calibration calibration, byte[] bytes) {
    this.model = model;
    this.calibration = calibration;
    this.bytes = bytes;
  }

  /** The model shipped with the product. */
  public static DocTypeModel shipped() {
    try (InputStream in = DocTypeModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the document-type model " + RESOURCE + " is missing");
      }
      return read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped document-type model", e);
    }
  }

  /** Reads a model written by {@link #bytes()}. */
  public static DocTypeModel read(byte[] data) {
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(data)))) {
      String magic = in.readUTF();
      if (!MAGIC.equals(magic)) {
        throw new IllegalArgumentException("not a document-type model: " + magic);
      }
      Calibration cal = Calibration.read(in);
      AbstractModel m = new GenericModelReader(new BinaryFileDataReader(in)).getModel();
      return new DocTypeModel(m, cal, data.clone());
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged document-type model: " + e.getMessage(), e);
    }
  }

  /**
   * Trains a model.
   *
   * @param examples training pages
   * @param iterations GIS iterations (100–200 is plenty)
   * @param cutoff features seen fewer times are dropped (keeps the model small)
   */
  public static DocTypeModel train(List<Example> examples, int iterations, int cutoff) {
    List<Event> events = new ArrayList<>(examples.size());
    for (Example e : examples) {
      events.add(new Event(e.outcome(), PageFeatures.of(e.text())));
    }
    TrainingParameters p = new TrainingParameters();
    p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    p.put(TrainingParameters.CUTOFF_PARAM, cutoff);
    p.put(TrainingParameters.THREADS_PARAM, 1);
    p.put("PrintMessages", false);
    EventTrainer trainer = TrainerFactory.getEventTrainer(p, new java.util.HashMap<>());
    try {
      MaxentModel m = trainer.train(ObjectStreamUtils.createObjectStream(events));
      return new DocTypeModel(m, Calibration.IDENTITY, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same model with another confidence calibration. */
  public DocTypeModel withCalibration(Calibration c) {
    return new DocTypeModel(model, c, null);
  }

  public Calibration calibration() {
    return calibration;
  }

  /** The serialised model (gzip). */
  public byte[] bytes() {
    byte[] b = bytes;
    if (b == null) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(buf))) {
        out.writeUTF(MAGIC);
        calibration.write(out);
        GenericModelWriter w = new GenericModelWriter((AbstractModel) model, out);
        w.persist();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      b = buf.toByteArray();
      bytes = b;
    }
    return b.clone();
  }

  /** Classifies a page from its OCR text. */
  public Prediction predict(String text) {
    double[] p = model.eval(PageFeatures.of(text));
    Map<String, Double> types = new LinkedHashMap<>();
    Map<String, Double> starts = new LinkedHashMap<>();
    for (int i = 0; i < p.length; i++) {
      String o = model.getOutcome(i);
      String code = o.substring(2);
      types.merge(code, p[i], Double::sum);
      if (o.startsWith(START)) {
        starts.merge(code, p[i], Double::sum);
      }
    }
    Map<String, Double> startGiven = new LinkedHashMap<>();
    for (var e : types.entrySet()) {
      startGiven.put(
          e.getKey(), e.getValue() <= 0 ? 0 : starts.getOrDefault(e.getKey(), 0.0) / e.getValue());
    }
    return new Prediction(types, startGiven);
  }

  /** The codes the model knows. */
  public List<String> codes() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < model.getNumOutcomes(); i++) {
      String c = model.getOutcome(i).substring(2);
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }
}
