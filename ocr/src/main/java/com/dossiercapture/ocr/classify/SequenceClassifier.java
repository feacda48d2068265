package com.dossiercapture.ocr.classify;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.DocumentClassifier.Classification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, page by page in batch order, each page's document type, whether it starts a document,
 * how sure that is, and its case number. Stateful: one per batch.
 *
 * <p>Three sources of evidence are combined:
 *
 * <ol>
 *   <li>the catalogue's title rules ({@link DocumentClassifier}): a title line that matches a
 *       keyword strongly (≥ {@value #STRONG_TITLE}) decides the type and starts a document, as
 *       before;
 *   <li>the statistical model ({@link DocTypeModel}) over the whole page's character n-grams: it
 *       decides when there is no strong title (garbled or lost titles, continuation pages), and
 *       says whether the page looks like a document's first page;
 *   <li>the sequence: the document open before this page (a continuation page is likely) and the
 *       catalogue order (dossiers are bound in it, so going back is unlikely), as a prior.
 * </ol>
 *
 * <p>The confidence is the combined probability of the chosen type, mapped through the model's
 * {@link Calibration}; pages below {@link ClassifierSettings#reviewBelow()} are marked for review.
 *
 * <p>Case numbers: a separator sheet names the dossier's case number; a page whose OCR shows a case
 * number with the same digits gets the dossier's (OCR misreads characters, not the whole number),
 * see {@link CaseNumberReader}.
 */
public final class SequenceClassifier {

  /** A title matched at least this well decides the type. */
  public static final double STRONG_TITLE = 0.85;

  /** A title matched at least this well starts a document. */
  public static final double TITLE_STARTS = 0.8;

  /**
   * A strong title loses only when, even with the title's weight, the model gives its type less
   * than this (a table of contents or an evidence list prints other documents' titles as lines).
   */
  static final double MODEL_VETO = 0.1;

  /** Prior weight of the document already open (a continuation is likely). */
  static final double CONTINUE_WEIGHT = 3.0;

  /** Prior weight of a type earlier in the catalogue than the open document. */
  static final double BACKWARD_WEIGHT = 0.5;

  /** Untitled material at the start of a dossier is most likely evidence. */
  static final String UNTITLED = "evidence";

  /**
   * One page as the batch sees it.
   *
   * @param text OCR text, lines joined by newlines
   * @param blank page judged empty
   * @param separator page is a batch control sheet
   * @param rules the title rules' verdict, or null to apply them to {@code text}
   * @param caseNumber the case number the page pipeline read (the separator's from its barcode)
   */
  public record Page(
      String text, boolean blank, boolean separator, Classification rules, String caseNumber) {}

  /**
   * The decision on one page.
   *
   * @param docType catalogue code, {@code blank} or {@code separator}
   * @param confidence calibrated, 0..1
   * @param documentStart the page begins a document
   * @param review the confidence is below the review threshold
   * @param caseNumber normalised case number printed on the page, or null
   * @param rawConfidence the combined probability before calibration
   */
  public record Decision(
      String docType,
      double confidence,
      boolean documentStart,
      boolean review,
      String caseNumber,
      double rawConfidence) {}

  private final Catalogue catalogue;
  private final DocumentClassifier rules;
  private final DocTypeModel model;
  private final ClassifierSettings settings;
  private String current;
  private double currentConfidence;
  private CaseNumber dossierNumber;

  public SequenceClassifier(Catalogue catalogue, DocTypeModel model, ClassifierSettings settings) {
    this.catalogue = Objects.requireNonNull(catalogue);
    this.rules = new DocumentClassifier(catalogue);
    this.model = Objects.requireNonNull(model);
    this.settings = Objects.requireNonNull(settings);
  }

  /** Decides the next page of the batch. */
  public Decision next(Page page) {
    if (page.separator()) {
      current = null;
      dossierNumber =
          page.caseNumber() == null ? null : CaseNumber.parse(page.caseNumber()).orElse(null);
      return new Decision(Catalogue.SEPARATOR, 0.99, true, false, page.caseNumber(), 0.99);
    }
    if (page.blank()) {
      return new Decision(Catalogue.BLANK, 0.95, false, false, null, 0.95);
    }
    String text = page.text() == null ? "" : page.text();
    CaseNumber cn = CaseNumberReader.read(text, dossierNumber);
    String caseNumber = cn != null ? cn.normalised() : text.isEmpty() ? page.caseNumber() : null;
    if (dossierNumber == null
        && cn != null
        && CaseNumber.findAll(ScriptFolding.toSimplified(text)).stream()
            .anyMatch(c -> c.normalised().equals(cn.normalised()))) {
      dossierNumber = cn; // read well-formed: the dossier's number for the pages after
    }
    List<String> lines = List.of(text.split("\n"));
    Classification r = page.rules() != null ? page.rules() : rules.classify(lines);
    if (r.docType() != null && listsTitles(lines)) {
      // A table of contents or an evidence list prints other documents' titles as its lines: the
      // title rules cannot tell which is its own; the model decides.
      r = Classification.NONE;
    }

    Map<String, Double> post = new HashMap<>();
    DocTypeModel.Prediction p = text.isBlank() ? null : model.predict(text);
    if (p != null) {
      double sum = 0;
      for (var e : p.types().entrySet()) {
        double w = e.getValue() * prior(e.getKey()) * ruleFactor(r, e.getKey());
        post.put(e.getKey(), w);
        sum += w;
      }
      for (var e : post.entrySet()) {
        e.setValue(e.getValue() / sum);
      }
    }

    String type;
    boolean start;
    double raw;
    boolean modelVetoes =
        p != null && r.docType() != null && post.getOrDefault(r.docType(), 0.0) < MODEL_VETO;
    if (r.docType() != null && r.confidence() >= STRONG_TITLE && !modelVetoes) {
      type = r.docType();
      start = true;
      raw =
          p == null ? r.confidence() : Math.max(post.getOrDefault(type, 0.0), 0.5 * r.confidence());
    } else if (p == null) {
      // No text the model can use: the rules' weak verdict, or carry the open document on.
      if (r.docType() != null && (r.confidence() >= TITLE_STARTS || current == null)) {
        type = r.docType();
        start = true;
        raw = r.confidence() * 0.8;
      } else if (current == null) {
        type = UNTITLED;
        start = true;
        raw = 0.3;
      } else {
        type = current;
        start = false;
        raw = currentConfidence * 0.9;
      }
    } else {
      type = best(post);
      raw = post.get(type);
      double startP = p.startGiven().getOrDefault(type, 0.0);
      if (current == null) {
        start = true;
      } else if (!type.equals(current)) {
        start = true;
      } else {
        start =
            (r.docType() != null && r.confidence() >= TITLE_STARTS)
                || startP > settings.sameTypeStart();
      }
    }
    if (start || !type.equals(current)) {
      current = type;
    }
    currentConfidence = raw;
    double conf = model.calibration().apply(raw);
    conf = Math.round(conf * 1000) / 1000.0;
    return new Decision(type, conf, start, conf < settings.reviewBelow(), caseNumber, raw);
  }

  /** Lines looked at for {@link #listsTitles}. */
  static final int LIST_LINES = 12;

  /** Whether at least three lines near the top each match a different catalogue title. */
  boolean listsTitles(List<String> lines) {
    java.util.Set<String> types = new java.util.HashSet<>();
    for (int i = 0; i < Math.min(LIST_LINES, lines.size()); i++) {
      Classification c = rules.classify(List.of(lines.get(i)));
      if (c.docType() != null && c.confidence() >= STRONG_TITLE && c.title() != null) {
        types.add(c.docType());
      }
    }
    return types.size() >= 3;
  }

  /** The prior of a type given the open document and the catalogue order. */
  private double prior(String code) {
    if (current == null) {
      return 1;
    }
    if (code.equals(current)) {
      return CONTINUE_WEIGHT;
    }
    int o = catalogue.orderOf(code);
    int c = catalogue.orderOf(current);
    return o > 0 && c > 0 && o < c ? BACKWARD_WEIGHT : 1;
  }

  /**
   * How much a title match multiplies a type's probability: a weak match (a keyword inside a longer
   * line) is some evidence, an exact title line a lot.
   */
  static double ruleFactor(Classification r, String code) {
    if (r.docType() == null || !r.docType().equals(code)) {
      return 1;
    }
    double q = r.confidence();
    if (q >= 0.95) {
      return 50;
    }
    if (q >= 0.88) {
      return 20;
    }
    if (q >= 0.84) {
      return 8;
    }
    if (q >= 0.8) {
      return 5;
    }
    return 2;
  }

  private static String best(Map<String, Double> m) {
    return m.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
