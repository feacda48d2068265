package com.dossiercapture.ocr.classify;

import com.dossiercapture.domain.Catalogue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains and evaluates the document-type model on batches of labelled pages: splits the batches
 * (whole batches, so a dossier's pages never sit on both sides) into training and held-out sets,
 * trains the model, runs the {@link SequenceClassifier} over the held-out batches in order, fits
 * the confidence {@link Calibration} on them and reports accuracy, documentStart F1 and the
 * calibration table.
 */
public final class DocTypeTraining {

  /** GIS iterations. */
  public static final int ITERATIONS = 150;

  /** Features seen fewer times are dropped. */
  public static final int CUTOFF = 3;

  /**
   * One labelled page in batch order.
   *
   * @param text OCR text (or printed text with simulated OCR noise)
   * @param docType the right type (a catalogue code, blank or separator)
   * @param documentStart the page begins a document
   * @param caseNumber the case number printed on the page, normalised, or null (the separator's:
   *     its barcode's)
   */
  public record LabeledPage(String text, String docType, boolean documentStart, String caseNumber) {
    boolean blank() {
      return Catalogue.BLANK.equals(docType);
    }

    boolean separator() {
      return Catalogue.SEPARATOR.equals(docType);
    }
  }

  /** One calibration bin on held-out pages. */
  public record Bin(double from, double to, int pages, double meanConfidence, double accuracy) {}

  /**
   * How a model did on held-out pages (document pages only: blank and separator pages are decided
   * by the image, not by the classifier).
   */
  public record Metrics(
      int trainingPages,
      int heldOutPages,
      double docTypeAccuracy,
      double documentStartF1,
      double caseNumberExact,
      int reviewPages,
      double reviewAccuracy,
      List<Bin> calibration) {

    /** As JSON (stored beside the model). */
    public String toJson() {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "{\"trainingPages\":%d,\"heldOutPages\":%d,\"docTypeAccuracy\":%.4f,"
                  + "\"documentStartF1\":%.4f,\"caseNumberExact\":%.4f,\"reviewPages\":%d,"
                  + "\"reviewAccuracy\":%.4f,\"calibration\":[",
              trainingPages,
              heldOutPages,
              docTypeAccuracy,
              documentStartF1,
              caseNumberExact,
              reviewPages,
              reviewAccuracy));
      for (int i = 0; i < calibration.size(); i++) {
        Bin x = calibration.get(i);
        b.append(i == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"from\":%.1f,\"to\":%.1f,\"pages\":%d,\"meanConfidence\":%.3f,\"accuracy\":%.3f}",
                    x.from(),
                    x.to(),
                    x.pages(),
                    x.meanConfidence(),
                    x.accuracy()));
      }
      return b.append("]}").toString();
    }

    /** A table for people. */
    public String table() {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "docType accuracy %.2f%% on %d held-out document pages; documentStart F1 %.3f;"
                  + " case number exact %.2f%%; %d pages marked for review (%.1f%% of them right)%n",
              100 * docTypeAccuracy,
              heldOutPages,
              documentStartF1,
              100 * caseNumberExact,
              reviewPages,
              100 * reviewAccuracy));
      b.append("confidence   pages  mean conf  accuracy\n");
      for (Bin x : calibration) {
        b.append(
            String.format(
                Locale.ROOT,
                "%.1f–%.1f  %7d  %9.3f  %8.3f%n",
                x.from(),
                x.to(),
                x.pages(),
                x.meanConfidence(),
                x.accuracy()));
      }
      return b.toString();
    }
  }

  /** A trained model and how it did. */
  public record Result(DocTypeModel model, Metrics metrics) {}

  private DocTypeTraining() {}

  /**
   * Trains on part of the batches, calibrates and evaluates on the rest.
   *
   * @param batches labelled pages, each batch in order
   * @param heldOutShare share of batches held out (0.2)
   * @param seed for the split
   */
  public static Result train(
      Catalogue catalogue,
      List<List<LabeledPage>> batches,
      List<List<LabeledPage>> extraTrain,
      double heldOutShare,
      long seed,
      ClassifierSettings settings) {
    return train(catalogue, batches, extraTrain, heldOutShare, seed, settings, List.of());
  }

  /**
   * Trains on part of the batches plus {@code extraTrain}, calibrates and evaluates on the rest
   * plus {@code extraHeldOut} (corrected pages kept apart by the caller).
   */
  public static Result train(
      Catalogue catalogue,
      List<List<LabeledPage>> batches,
      List<List<LabeledPage>> extraTrain,
      double heldOutShare,
      long seed,
      ClassifierSettings settings,
      List<List<LabeledPage>> extraHeldOut) {
    List<List<LabeledPage>> shuffled = new ArrayList<>(batches);
    Collections.shuffle(shuffled, new Random(seed));
    int held = Math.max(1, (int) Math.round(shuffled.size() * heldOutShare));
    if (shuffled.size() < 2) {
      throw new IllegalArgumentException("need at least two batches to hold one out");
    }
    List<List<LabeledPage>> test = new ArrayList<>(shuffled.subList(0, held));
    test.addAll(extraHeldOut);
    List<List<LabeledPage>> trainSet = new ArrayList<>(shuffled.subList(held, shuffled.size()));
    trainSet.addAll(extraTrain);
    List<DocTypeModel.Example> examples = examples(trainSet);
    DocTypeModel raw = DocTypeModel.train(examples, ITERATIONS, CUTOFF);
    List<Calibration.Observation> obs = new ArrayList<>();
    evaluate(catalogue, raw, test, settings, obs);
    DocTypeModel calibrated = raw.withCalibration(Calibration.fit(obs));
    Metrics m = evaluate(catalogue, calibrated, test, settings, null);
    return new Result(
        calibrated,
        new Metrics(
            examples.size(),
            m.heldOutPages(),
            m.docTypeAccuracy(),
            m.documentStartF1(),
            m.caseNumberExact(),
            m.reviewPages(),
            m.reviewAccuracy(),
            m.calibration()));
  }

  /** The model's training examples: every document page of the batches. */
  public static List<DocTypeModel.Example> examples(List<List<LabeledPage>> batches) {
    List<DocTypeModel.Example> out = new ArrayList<>();
    for (List<LabeledPage> b : batches) {
      for (LabeledPage p : b) {
        if (!p.blank() && !p.separator()) {
          out.add(new DocTypeModel.Example(p.text(), p.docType(), p.documentStart()));
        }
      }
    }
    return out;
  }

  /**
   * Runs the sequence classifier over batches (each in order, from a fresh state) and compares.
   *
   * @param observations receives (raw confidence, right) per document page, or null
   */
  public static Metrics evaluate(
      Catalogue catalogue,
      DocTypeModel model,
      List<List<LabeledPage>> batches,
      ClassifierSettings settings,
      List<Calibration.Observation> observations) {
    return evaluate(catalogue, model, batches, settings, observations, null);
  }

  /**
   * As {@link #evaluate(Catalogue, DocTypeModel, List, ClassifierSettings, List)}, describing each
   * wrong page to {@code errors} (when not null).
   */
  public static Metrics evaluate(
      Catalogue catalogue,
      DocTypeModel model,
      List<List<LabeledPage>> batches,
      ClassifierSettings settings,
      List<Calibration.Observation> observations,
      java.util.function.Consumer<String> errors) {
    int n = 0;
    int right = 0;
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int cnPages = 0;
    int cnRight = 0;
    int review = 0;
    int reviewRight = 0;
    int[] binN = new int[Calibration.BINS];
    double[] binConf = new double[Calibration.BINS];
    int[] binRight = new int[Calibration.BINS];
    for (List<LabeledPage> b : batches) {
      SequenceClassifier sc = new SequenceClassifier(catalogue, model, settings);
      for (LabeledPage p : b) {
        SequenceClassifier.Decision d =
            sc.next(
                new SequenceClassifier.Page(
                    p.text(),
                    p.blank(),
                    p.separator(),
                    null,
                    p.separator() ? p.caseNumber() : null));
        if (p.blank() || p.separator()) {
          continue;
        }
        n++;
        boolean ok = p.docType().equals(d.docType());
        right += ok ? 1 : 0;
        if (d.documentStart() && p.documentStart()) {
          tp++;
        } else if (d.documentStart()) {
          fp++;
        } else if (p.documentStart()) {
          fn++;
        }
        if (p.caseNumber() != null) {
          cnPages++;
          cnRight += p.caseNumber().equals(d.caseNumber()) ? 1 : 0;
        }
        if (errors != null
            && (!ok
                || d.documentStart() != p.documentStart()
                || !java.util.Objects.equals(p.caseNumber(), d.caseNumber()))) {
          String head = p.text().length() > 60 ? p.text().substring(0, 60) : p.text();
          errors.accept(
              String.format(
                  Locale.ROOT,
                  "truth %s start=%s cn=%s | got %s %.2f start=%s cn=%s | %s",
                  p.docType(),
                  p.documentStart(),
                  p.caseNumber(),
                  d.docType(),
                  d.confidence(),
                  d.documentStart(),
                  d.caseNumber(),
                  head.replace('\n', '/')));
        }
        if (d.review()) {
          review++;
          reviewRight += ok ? 1 : 0;
        }
        int bin = Calibration.bin(d.confidence());
        binN[bin]++;
        binConf[bin] += d.confidence();
        binRight[bin] += ok ? 1 : 0;
        if (observations != null) {
          observations.add(new Calibration.Observation(d.rawConfidence(), ok));
        }
      }
    }
    List<Bin> bins = new ArrayList<>();
    for (int i = 0; i < Calibration.BINS; i++) {
      if (binN[i] > 0) {
        bins.add(
            new Bin(
                i / (double) Calibration.BINS,
                (i + 1) / (double) Calibration.BINS,
                binN[i],
                binConf[i] / binN[i],
                binRight[i] / (double) binN[i]));
      }
    }
    double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    return new Metrics(
        0,
        n,
        n == 0 ? 0 : right / (double) n,
        f1,
        cnPages == 0 ? 1 : cnRight / (double) cnPages,
        review,
        review == 0 ? 0 : reviewRight / (double) review,
        bins);
  }
}
