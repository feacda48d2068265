package com.dossiercapture.ocr.pipeline;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.DocumentClassifier;
import com.dossiercapture.ocr.classify.DocumentClassifier.Classification;
import com.dossiercapture.ocr.classify.FieldExtractor;
import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.ocr.image.BarcodeScanner;
import com.dossiercapture.ocr.image.BlankDetector;
import com.dossiercapture.ocr.image.BorderCleaner;
import com.dossiercapture.ocr.image.Mats;
import com.dossiercapture.ocr.image.OrientationDetector;
import com.dossiercapture.ocr.image.PageLayout;
import com.dossiercapture.ocr.image.QualityCheck;
import com.dossiercapture.ocr.image.SkewEstimator;
import com.dossiercapture.ocr.tesseract.TesseractEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * The page pipeline: orientation, deskew, border cleanup, blank detection, barcode/separator,
 * quality warnings, OCR and classification of one page. The original image is never changed.
 *
 * <p>Holds native OCR handles: <b>one per worker thread</b>, closed when the worker ends.
 *
 * <p>The title area (top of the page, cut at a white gap) is read first: it decides whether the
 * page is upside down (upright Chinese reads with high confidence, upside-down does not), which
 * script it is in (chi_sim or chi_tra, whichever reads better), and its document type; the rest of
 * the page is read after.
 */
public final class PagePipeline implements AutoCloseable {

  /** A title area read with at least this mean confidence and characters is taken as upright. */
  static final double UPRIGHT_CONFIDENCE = 0.72;

  static final int UPRIGHT_CHARS = 6;

  /** Above this confidence on the first language, the second is not tried. */
  static final double SCRIPT_SURE = 0.86;

  private final PipelineSettings settings;
  private final DocumentClassifier classifier;
  private final Map<String, TesseractEngine> engines = new LinkedHashMap<>();

  /**
   * Creates a pipeline; starts the first OCR language at once so a missing installation is reported
   * here, not on the first page.
   */
  public PagePipeline(PipelineSettings settings) {
    this.settings = Objects.requireNonNull(settings);
    this.classifier = new DocumentClassifier(settings.catalogue());
    Mats.load();
    if (settings.ocr()) {
      engine(settings.languages().getFirst());
    }
  }

  private TesseractEngine engine(String language) {
    return engines.computeIfAbsent(
        language,
        l -> new TesseractEngine(new TesseractEngine.Settings(settings.tessdata(), l, 3)));
  }

  /** What was read in the title area, and with which language. */
  private record Read(String language, OcrResult result) {
    double plausibility() {
      return result.meanConfidence() * Math.min(1.0, result.characterCount() / 10.0);
    }

    boolean confident() {
      return result.characterCount() >= UPRIGHT_CHARS
          && result.meanConfidence() >= UPRIGHT_CONFIDENCE;
    }
  }

  /**
   * Analyses one page.
   *
   * @param original the page as scanned (not modified)
   * @param dpi its resolution
   */
  public PageAnalysis analyze(BufferedImage original, int dpi) {
    Objects.requireNonNull(original, "original");
    if (dpi < 50 || dpi > 1200) {
      throw new IllegalArgumentException("implausible resolution " + dpi + " dpi");
    }
    Map<String, Long> ms = new LinkedHashMap<>();
    for (String k : List.of("orient", "deskew", "blank", "barcode", "ocr", "classify")) {
      ms.put(k, 0L);
    }
    long t = System.nanoTime();
    Mat grey = Mats.grey(original);
    Mat cleaned = BorderCleaner.clean(grey);
    BlankDetector.Result blank = BlankDetector.detect(cleaned, dpi);
    t = lap(ms, "blank", t);

    if (blank.blank()) {
      List<String> warnings = QualityCheck.check(cleaned, dpi, true);
      return new PageAnalysis(
          0,
          0,
          true,
          false,
          null,
          Catalogue.BLANK,
          0.95,
          null,
          null,
          List.of(),
          List.of(),
          null,
          null,
          "",
          List.of(),
          List.of(),
          warnings,
          Mats.toImage(cleaned),
          ms);
    }

    BarcodeScanner.Barcode code = BarcodeScanner.scan(grey);
    boolean separator = code != null && isSeparatorPayload(code.text());
    t = lap(ms, "barcode", t);

    boolean byCode = separator && code.orientation() >= 0;
    int orientation = byCode ? code.orientation() : OrientationDetector.axis(cleaned, dpi);
    Mat upright = Mats.rotateClockwise(cleaned, 360 - orientation);
    t = lap(ms, "orient", t);

    double skew = SkewEstimator.estimate(upright, dpi, settings.maxSkewDegrees()).degrees();
    Mat straight = SkewEstimator.deskew(upright, skew);
    t = lap(ms, "deskew", t);

    if (!settings.ocr() || separator) {
      String cn = separator ? separatorCaseNumber(code.text()) : null;
      List<String> warnings = QualityCheck.check(straight, dpi, false);
      return new PageAnalysis(
          orientation,
          round(skew),
          false,
          separator,
          code == null ? null : code.text(),
          separator ? Catalogue.SEPARATOR : null,
          separator ? 0.99 : 0,
          cn,
          separator ? code.text() : null,
          List.of(),
          List.of(),
          null,
          null,
          "",
          List.of(),
          List.of(),
          warnings,
          Mats.toImage(straight),
          ms);
    }

    BufferedImage img = Mats.toImage(straight);
    int cut = PageLayout.titleCut(straight, dpi);
    Read top = readTitle(img, dpi, cut);
    t = lap(ms, "ocr", t);

    if (!top.confident()) {
      // Upright or upside down? Read the title area of the page turned by 180° and compare.
      Mat flipped = Mats.rotateClockwise(straight, 180);
      BufferedImage fimg = Mats.toImage(flipped);
      int fcut = PageLayout.titleCut(flipped, dpi);
      Read ftop = readTitle(fimg, dpi, fcut);
      boolean flip;
      if (top.result().characterCount() < UPRIGHT_CHARS
          && ftop.result().characterCount() < UPRIGHT_CHARS) {
        flip = bandSaysFlip(straight, flipped, dpi);
      } else {
        flip = ftop.plausibility() > top.plausibility();
      }
      if (flip) {
        orientation = (orientation + 180) % 360;
        straight = flipped;
        img = fimg;
        cut = fcut;
        top = ftop;
      }
      t = lap(ms, "orient", t);
    }

    Classification early =
        classifier.classify(top.result().lines().stream().map(OcrLine::text).toList());
    t = lap(ms, "classify", t);

    TesseractEngine engine = engine(top.language());
    OcrResult rest =
        cut < img.getHeight()
            ? engine.recognise(img, dpi, new Box(0, cut, img.getWidth(), img.getHeight() - cut))
            : new OcrResult(List.of());
    List<OcrLine> lines = new ArrayList<>(top.result().lines());
    lines.addAll(rest.lines());
    OcrResult all = new OcrResult(lines);
    t = lap(ms, "ocr", t);

    Classification cls =
        early.docType() != null
            ? early
            : classifier.classify(lines.stream().map(OcrLine::text).toList());
    String text = all.text();
    FieldExtractor.Fields fields = FieldExtractor.extract(text);
    boolean textSeparator = code == null && fields.caseNumber() != null && text.contains("分隔页");
    List<String> warnings = QualityCheck.check(straight, dpi, false);
    lap(ms, "classify", t);
    CaseNumber cn = fields.caseNumber();
    return new PageAnalysis(
        orientation,
        round(skew),
        false,
        separator || textSeparator,
        code == null ? null : code.text(),
        textSeparator ? Catalogue.SEPARATOR : cls.docType(),
        textSeparator ? 0.8 : cls.confidence(),
        cn == null ? null : cn.normalised(),
        cn == null ? null : cn.printed(),
        fields.plaintiffs(),
        fields.defendants(),
        fields.documentDate(),
        top.language(),
        text,
        lines,
        all.words(),
        warnings,
        img,
        ms);
  }

  /** Reads the title area with the first language, and with the second when unsure. */
  private Read readTitle(BufferedImage img, int dpi, int cut) {
    Box region = new Box(0, 0, img.getWidth(), cut);
    List<String> langs = settings.languages();
    Read best = new Read(langs.getFirst(), engine(langs.getFirst()).recognise(img, dpi, region));
    for (int i = 1; i < langs.size() && best.result().meanConfidence() < SCRIPT_SURE; i++) {
      if (best.result().characterCount() == 0) {
        break;
      }
      Read other = new Read(langs.get(i), engine(langs.get(i)).recognise(img, dpi, region));
      if (other.plausibility() > best.plausibility() + 0.02) {
        best = other;
      }
    }
    return best;
  }

  /** For pages with almost no text at the top: compare the densest text bands instead. */
  private boolean bandSaysFlip(Mat straight, Mat flipped, int dpi) {
    TesseractEngine e = engine(settings.languages().getFirst());
    OcrResult a = e.recognise(Mats.toImage(OrientationDetector.textBand(straight, dpi)), dpi);
    OcrResult b = e.recognise(Mats.toImage(OrientationDetector.textBand(flipped, dpi)), dpi);
    double sa = a.meanConfidence() * Math.min(1.0, a.characterCount() / 10.0);
    double sb = b.meanConfidence() * Math.min(1.0, b.characterCount() / 10.0);
    return sb > sa + 0.05;
  }

  /** Whether a barcode payload marks a separator sheet. */
  boolean isSeparatorPayload(String payload) {
    for (String p : settings.separatorPrefixes()) {
      if (payload.startsWith(p)) {
        return true;
      }
    }
    // A case system's own cover sheet: the payload is just the case number.
    return CaseNumber.parse(payload).isPresent();
  }

  private String separatorCaseNumber(String payload) {
    String rest = payload;
    for (String p : settings.separatorPrefixes()) {
      if (payload.startsWith(p)) {
        rest = payload.substring(p.length());
      }
    }
    return CaseNumber.parse(rest).map(CaseNumber::normalised).orElse(null);
  }

  private static long lap(Map<String, Long> ms, String key, long since) {
    long now = System.nanoTime();
    ms.merge(key, (now - since) / 1_000_000, Long::sum);
    return now;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  @Override
  public void close() {
    engines.values().forEach(TesseractEngine::close);
    engines.clear();
  }
}
