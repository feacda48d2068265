package com.dossiercapture.ocr.pipeline;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.DocumentClassifier;
import com.dossiercapture.ocr.classify.DocumentClassifier.Classification;
import com.dossiercapture.ocr.classify.FieldExtractor;
import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.ocr.engine.OcrWord;
import com.dossiercapture.ocr.image.BarcodeScanner;
import com.dossiercapture.ocr.image.BlankDetector;
import com.dossiercapture.ocr.image.BorderCleaner;
import com.dossiercapture.ocr.image.Mats;
import com.dossiercapture.ocr.image.OrientationDetector;
import com.dossiercapture.ocr.image.PageLayout;
import com.dossiercapture.ocr.image.QualityCheck;
import com.dossiercapture.ocr.image.SealFinder;
import com.dossiercapture.ocr.image.SkewEstimator;
import com.dossiercapture.ocr.paddle.PaddleOcrEngine;
import com.dossiercapture.ocr.paddle.ScriptFusion;
import com.dossiercapture.ocr.tesseract.TesseractEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The page pipeline: orientation, deskew, border cleanup, blank detection, barcode/separator,
 * quality warnings, OCR and classification of one page. The original image is never changed.
 *
 * <p>Holds native OCR handles: <b>one per worker thread</b>, closed when the worker ends.
 *
 * <p>The title area (top of the page, cut at a white gap) is read first: it decides whether the
 * page is upside down (upright Chinese reads with high confidence, upside-down does not), which
 * script it is in (chi_sim or chi_tra, whichever reads better), and its document type; the rest of
 * the page is read after. When the title area shows no clear title, the lines Tesseract dropped
 * (large type is often lost) or garbled are read again one at a time; pages whose title area read
 * cleanly pay nothing for this.
 *
 * <p>With PP-OCR ({@link PipelineSettings.EngineChoice}, ADR 0009) the whole page is read by PP-OCR
 * first; a plausible reading shows the page upright and gives the title area, and Tesseract's title
 * stage above runs only for pages it does not settle.
 */
public final class PagePipeline implements AutoCloseable {

  /** A title area read with at least this mean confidence and characters is taken as upright. */
  static final double UPRIGHT_CONFIDENCE = 0.72;

  static final int UPRIGHT_CHARS = 6;

  /** Above this confidence on the first language, the second is not tried. */
  static final double SCRIPT_SURE = 0.86;

  /** A title matched at least this well is not read again. */
  static final double SURE_TITLE = 0.85;

  /** At most this many title lines are read again on one page. */
  static final int MAX_REREADS = 3;

  /** A short line at least this much like a catalogue title (but not matching one) is re-read. */
  static final double TITLE_LIKE = 0.4;

  /** The skew range of {@link OrientationDetector#axisAndSkew}. */
  static final double AXIS_SKEW_RANGE = 15;

  private final PipelineSettings settings;
  private final DocumentClassifier classifier;
  private final Map<String, TesseractEngine> engines = new LinkedHashMap<>();
  private final boolean paddleReads;
  private PaddleOcrEngine paddle;

  /**
   * Creates a pipeline; starts the first OCR language at once so a missing installation is reported
   * here, not on the first page.
   */
  public PagePipeline(PipelineSettings settings) {
    this.settings = Objects.requireNonNull(settings);
    this.classifier = new DocumentClassifier(settings.catalogue());
    Mats.load();
    this.paddleReads = paddleReads(settings);
    if (settings.ocr()) {
      engine(settings.languages().getFirst());
      if (paddleReads) {
        paddle = new PaddleOcrEngine();
      }
    }
  }

  /**
   * Whether PP-OCR reads the page text: always for {@code PP_OCR}, for Chinese languages with
   * {@code AUTO} (ADR 0009). Tesseract still reads the title area of pages whose PP-OCR reading
   * does not show them upright.
   */
  static boolean paddleReads(PipelineSettings settings) {
    return switch (settings.ocrEngine()) {
      case TESSERACT -> false;
      case PP_OCR -> true;
      case AUTO -> settings.languages().stream().anyMatch(l -> l.startsWith("chi"));
    };
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

  /** What a caller learns of a page while it is analysed, on the analysing thread (ADR 0014). */
  public interface Progress {
    /** Tells nothing. */
    Progress NONE = new Progress() {};

    /**
     * The page's type as its title area shows it, before the rest of the page is read; called at
     * most once, and only when the title area names a type (a page without a title is typed when
     * its analysis ends). The final type may still differ (the whole page's text, the batch order).
     */
    default void typed(String docType, double confidence) {}

    /**
     * Called between two pieces of work on the page (the lines read after it was typed, the
     * readings that settle its orientation): the caller may run other urgent work here, on this
     * thread (another page), with this pipeline, whose OCR calls are complete at that point. Runs
     * nothing by default.
     */
    default void between() {}
  }

  /**
   * Analyses one page.
   *
   * @param original the page as scanned (not modified)
   * @param dpi its resolution
   */
  public PageAnalysis analyze(BufferedImage original, int dpi) {
    return analyze(original, dpi, Progress.NONE);
  }

  /**
   * Analyses one page, telling {@code progress} its type as soon as the title area shows it and
   * letting it run other work between the lines read after that.
   *
   * @param original the page as scanned (not modified)
   * @param dpi its resolution
   */
  public PageAnalysis analyze(BufferedImage original, int dpi, Progress caller) {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(caller, "progress");
    if (dpi < 50 || dpi > 1200) {
      throw new IllegalArgumentException("implausible resolution " + dpi + " dpi");
    }
    // Time the caller spends in between() (other pages) is not this page's: the laps leave it out.
    long[] away = {0};
    Progress progress =
        new Progress() {
          @Override
          public void typed(String docType, double confidence) {
            caller.typed(docType, confidence);
          }

          @Override
          public void between() {
            long b = System.nanoTime();
            caller.between();
            away[0] += System.nanoTime() - b;
          }
        };
    Map<String, Long> ms = new LinkedHashMap<>();
    for (String k : List.of("orient", "deskew", "blank", "barcode", "ocr", "classify")) {
      ms.put(k, 0L);
    }
    long t = System.nanoTime();
    Mat grey = Mats.grey(original);
    Mat cleaned = BorderCleaner.clean(grey);
    BlankDetector.Result blank = BlankDetector.detect(cleaned, dpi);
    t = lap(ms, "blank", t, away);

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
    t = lap(ms, "barcode", t, away);

    boolean byCode = separator && code.orientation() >= 0;
    OrientationDetector.Axis axis = byCode ? null : OrientationDetector.axisAndSkew(cleaned, dpi);
    int orientation = byCode ? code.orientation() : axis.orientation();
    // Nothing to turn at 0: no copy (cleaned is never modified after this).
    Mat upright = orientation == 0 ? cleaned : Mats.rotateClockwise(cleaned, 360 - orientation);
    t = lap(ms, "orient", t, away);

    // The axis search already measured the skew of an unturned page within ±15°.
    double skew =
        axis != null
                && axis.skew() != null
                && orientation == 0
                && settings.maxSkewDegrees() == AXIS_SKEW_RANGE
            ? axis.skew().degrees()
            : SkewEstimator.estimate(upright, dpi, settings.maxSkewDegrees()).degrees();
    Mat straight = SkewEstimator.deskew(upright, skew);
    t = lap(ms, "deskew", t, away);

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

    Upright v = Upright.of(orientation, skew, straight, dpi);
    // With PP-OCR, the whole page is read first: when it reads plausibly, the page is upright and
    // its title area needs no Tesseract reading of its own. The title area's lines are read before
    // the rest: when they show an upright page with a title, its type is told at once.
    PaddlePass pass = paddleReads ? paddlePass(v.img(), dpi, v.cut(), progress, false) : null;
    OcrResult page = pass == null ? null : pass.page();
    boolean told = pass != null && pass.told();
    int boxes = pass == null ? Integer.MAX_VALUE : pass.reading().boxCount();
    // A reading whose boxes were mostly turned to be read is of a page still a quarter off, even
    // where its tall boxes side by side were grouped into one wide line (a table's columns).
    Read top =
        page != null && pass.reading().quarterTurn() == 0 ? paddleTitle(page, v.cut()) : null;
    boolean paddleUpright = top != null;
    if (!paddleUpright
        && page != null
        && boxes > NEARLY_EMPTY_BOXES
        && pass.reading().quarterTurn() == 0
        && !readsVertically(new Read(null, page))
        && pass.reading().upsideDown()) {
      // PP-OCR's direction classifier finds most lines upside down: read the page turned by 180°
      // with PP-OCR; if that reading shows it upright, Tesseract's title reads (both ways up) and
      // its reading of the turned page are saved.
      t = lap(ms, "ocr", t, away);
      Upright flipped = v.flipped(dpi);
      t = lap(ms, "orient", t, away);
      PaddlePass again = paddlePass(flipped.img(), dpi, flipped.cut(), progress, told);
      Read ftop =
          again.reading().quarterTurn() == 0 ? paddleTitle(again.page(), flipped.cut()) : null;
      told = again.told();
      if (ftop != null) {
        v = flipped;
        page = again.page();
        top = ftop;
        paddleUpright = true;
      }
    }
    if (!paddleUpright
        && page != null
        && boxes > NEARLY_EMPTY_BOXES
        && pass.reading().quarterTurn() != 0) {
      // Read as vertical columns: the axis step left the page turned by a quarter. The boxes
      // PP-OCR turned to read show which way: turn the page so, straighten it and read it again;
      // if that reading shows it upright, Tesseract's reads (title area, turned page) are saved.
      t = lap(ms, "ocr", t, away);
      int q = pass.reading().quarterTurn();
      Upright turned = turnedTo(cleaned, (v.orientation() - q + 360) % 360, dpi);
      t = lap(ms, "orient", t, away);
      PaddlePass again = paddlePass(turned.img(), dpi, turned.cut(), progress, told);
      Read top2 =
          again.reading().quarterTurn() == 0 ? paddleTitle(again.page(), turned.cut()) : null;
      told = again.told();
      if (top2 != null) {
        v = turned;
        page = again.page();
        top = top2;
        paddleUpright = true;
      }
    }
    if (!paddleUpright && page != null && boxes <= NEARLY_EMPTY_BOXES) {
      // A seal, a signature, a line or two: Tesseract's reads of the title area, both ways up,
      // would take seconds on such a page (measured: 2.8 s each on a seal alone) and read no
      // more. PP-OCR reads it turned by 180° as well and the better reading wins, as below.
      Upright flipped = v.flipped(dpi);
      OcrResult fpage = paddle.recognise(flipped.img(), dpi);
      Read up = new Read(null, page);
      Read down = new Read(null, fpage);
      boolean flip =
          up.result().characterCount() < UPRIGHT_CHARS
                  && down.result().characterCount() < UPRIGHT_CHARS
              ? bandSaysFlip(v.straight(), flipped.straight(), dpi)
              : down.plausibility() > up.plausibility();
      if (flip) {
        v = flipped;
        page = fpage;
      }
      top = titleLines(page, v.cut());
      paddleUpright = true;
    }
    if (!paddleUpright) {
      top = readTitle(v.img(), dpi, v.cut());
    }
    t = lap(ms, "ocr", t, away);

    if (!paddleUpright && !top.confident()) {
      // Upright or upside down? Read the title area of the page turned by 180° and compare.
      Upright flipped = v.flipped(dpi);
      progress.between();
      Read ftop = readTitle(flipped.img(), dpi, flipped.cut());
      boolean flip;
      if (top.result().characterCount() < UPRIGHT_CHARS
          && ftop.result().characterCount() < UPRIGHT_CHARS) {
        flip = bandSaysFlip(v.straight(), flipped.straight(), dpi);
      } else {
        flip = ftop.plausibility() > top.plausibility();
      }
      if (flip) {
        v = flipped;
        top = ftop;
        page = null;
      }
      t = lap(ms, "orient", t, away);
    }

    if (readsVertically(top)) {
      // The axis was misjudged and the page turned a quarter too far: Tesseract read the
      // horizontal lines as vertical columns. Turn it back and read again (rare: costs one read).
      Upright turned = turnedTo(cleaned, (v.orientation() + 90) % 360, dpi);
      progress.between();
      Read top2 = readTitle(turned.img(), dpi, turned.cut());
      if (!readsVertically(top2) && top2.plausibility() >= 0.8 * top.plausibility()) {
        v = turned;
        top = top2;
        page = null; // PP-OCR's reading was of the page as it stood: read the turned page again
      }
      t = lap(ms, "orient", t, away);
    }

    Classification early =
        classifier.classify(top.result().lines().stream().map(OcrLine::text).toList());
    t = lap(ms, "classify", t, away);

    if (early.confidence() < SURE_TITLE && top.language() != null) {
      // No clear title: Tesseract may have dropped or garbled it. Read those lines again, alone.
      Read again = recoverTitle(v.straight(), dpi, v.cut(), top);
      if (again != top) {
        Classification second =
            classifier.classify(again.result().lines().stream().map(OcrLine::text).toList());
        if (second.confidence() > early.confidence()) {
          early = second;
          top = again;
        }
      }
      t = lap(ms, "ocr", t, away);
    }
    if (!told && !paddleUpright && early.docType() != null) {
      progress.typed(early.docType(), early.confidence()); // before the rest of the page is read
    }

    List<OcrLine> lines;
    if (paddleReads) {
      OcrResult read =
          page != null ? page : paddle.begin(v.img(), dpi, null).readRest(progress::between);
      // Lines under a round seal (the date, the court's name) are read again with the seal lifted.
      List<SealFinder.Seal> seals = SealFinder.find(v.straight(), dpi);
      Mat view = SealFinder.dropOut(v.straight(), seals);
      for (SealFinder.Seal seal : seals) {
        // As scanned, and from the copy where the seal can be lifted; per line the better reading
        // wins (SealLines.better): the drop-out reads most dates whole, but erases thin strokes
        // as light as the seal.
        List<OcrLine> again = readAround(v.straight(), seal, dpi);
        if (view != v.straight() && seal.separable()) {
          progress.between();
          again = SealLines.better(readAround(view, seal, dpi), again);
        }
        read = new OcrResult(SealLines.merge(read.lines(), again, seal));
        progress.between();
      }
      lines = readWithPaddle(view, read, dpi, progress);
    } else {
      TesseractEngine engine = engine(top.language());
      // The rest of the page with its seals dropped out, as for PP-OCR (same preprocessing).
      Mat view = SealFinder.dropOut(v.straight(), SealFinder.find(v.straight(), dpi));
      BufferedImage img = v.img();
      int cut = v.cut();
      BufferedImage lifted = view == v.straight() ? img : Mats.toImage(view);
      OcrResult rest =
          cut < img.getHeight()
              ? engine.recognise(
                  lifted, dpi, new Box(0, cut, img.getWidth(), img.getHeight() - cut))
              : new OcrResult(List.of());
      lines = new ArrayList<>(top.result().lines());
      lines.addAll(rest.lines());
    }
    OcrResult all = new OcrResult(lines);
    t = lap(ms, "ocr", t, away);

    Classification cls =
        early.docType() != null
            ? early
            : classifier.classify(lines.stream().map(OcrLine::text).toList());
    if (paddleReads && early.docType() != null && early.confidence() < SURE_TITLE) {
      // PP-OCR also reads the large title type that Tesseract may have lost.
      Classification late = classifier.classify(lines.stream().map(OcrLine::text).toList());
      if (late.confidence() > cls.confidence()) {
        cls = late;
      }
    }
    String text = all.text();
    FieldExtractor.Fields fields = FieldExtractor.extract(text);
    boolean textSeparator = code == null && fields.caseNumber() != null && text.contains("分隔页");
    List<String> warnings = QualityCheck.check(v.straight(), dpi, false);
    lap(ms, "classify", t, away);
    CaseNumber cn = fields.caseNumber();
    return new PageAnalysis(
        v.orientation(),
        round(v.skew()),
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
        top.language() != null
            ? top.language()
            : ScriptFusion.looksTraditional(text) ? "chi_tra" : settings.languages().getFirst(),
        text,
        lines,
        all.words(),
        warnings,
        v.img(),
        ms);
  }

  /**
   * The page turned upright as far as it is known: how far it was turned (clockwise degrees), its
   * skew, the straightened raster, its image for the engines and where its title area ends. The
   * orientation steps try a turned view and keep it whole when its reading is better.
   */
  private record Upright(int orientation, double skew, Mat straight, BufferedImage img, int cut) {

    static Upright of(int orientation, double skew, Mat straight, int dpi) {
      return new Upright(
          orientation, skew, straight, Mats.toImage(straight), PageLayout.titleCut(straight, dpi));
    }

    /** The same page turned by 180° (a turned straight page is straight: same skew). */
    Upright flipped(int dpi) {
      return of((orientation + 180) % 360, skew, Mats.rotateClockwise(straight, 180), dpi);
    }
  }

  /** The cleaned scan turned to {@code orientation} and straightened again from scratch. */
  private Upright turnedTo(Mat cleaned, int orientation, int dpi) {
    Mat up = orientation == 0 ? cleaned : Mats.rotateClockwise(cleaned, 360 - orientation);
    double skew = SkewEstimator.estimate(up, dpi, settings.maxSkewDegrees()).degrees();
    return Upright.of(orientation, skew, SkewEstimator.deskew(up, skew), dpi);
  }

  /**
   * The whole page read by PP-OCR. On a traditional-script page ({@code AUTO}), each line is read
   * again by Tesseract chi_tra: the traditional characters it agrees on replace PP-OCR's simplified
   * forms, and the ones PP-OCR's dictionary lacks fill the gaps they left ({@link ScriptFusion}).
   */
  private List<OcrLine> readWithPaddle(Mat straight, OcrResult read, int dpi, Progress progress) {
    List<OcrLine> lines = read.lines();
    if (settings.ocrEngine() != PipelineSettings.EngineChoice.AUTO
        || !settings.languages().contains("chi_tra")
        || !ScriptFusion.looksTraditional(read.text())) {
      return lines;
    }
    TesseractEngine tra = engine("chi_tra");
    List<OcrLine> out = new ArrayList<>(lines.size());
    for (OcrLine l : lines) {
      Box b = l.box();
      OcrLine again = readLine(tra, straight, dpi, new Rect(b.x(), b.y(), b.width(), b.height()));
      OcrLine filled = fillGaps(l, straight, dpi, tra);
      OcrLine fused =
          again == null ? filled : ScriptFusion.fuse(filled, again.text(), paddle::knows);
      out.add(ScriptFusion.centredPunctuation(fused));
      progress.between();
    }
    return out;
  }

  /** Text lines reach this far (mm) above and below a seal: the band read again around it. */
  static final double SEAL_BAND_MM = 12;

  /**
   * PP-OCR's reading of the lines at a seal, in page coordinates. The text boxes are found in the
   * page's full-width band around the seal (its height and 12 mm more above and below), at a finer
   * scale than on the whole page (whose detector input is at most {@value
   * PaddleOcrEngine#DETECTION_MAX_SIDE} px a side); only the rows that meet the seal's square are
   * read.
   */
  private List<OcrLine> readAround(Mat view, SealFinder.Seal seal, int dpi) {
    int margin = (int) Math.round(SEAL_BAND_MM * dpi / 25.4);
    int y0 = Math.max(0, seal.cy() - seal.radius() - margin);
    int y1 = Math.min(view.rows(), seal.cy() + seal.radius() + margin);
    Mat band = view.submat(y0, y1, 0, view.cols());
    BufferedImage img = Mats.toImage(band);
    Mats.keep(view, band);
    int r = seal.radius() + seal.radius() / 10;
    Box square = new Box(seal.cx() - r, seal.cy() - r - y0, 2 * r, 2 * r);
    return SealLines.moved(paddle.begin(img, dpi, null).readRowsMeeting(square).lines(), 0, y0);
  }

  /** A page read by PP-OCR, and whether its type was told from its title area. */
  private record PaddlePass(PaddleOcrEngine.Reading reading, OcrResult page, boolean told) {}

  /**
   * Reads a page with PP-OCR: its title area first (telling its type when that shows an upright
   * page with a title and none was told yet), then the rest, line by line.
   */
  private PaddlePass paddlePass(
      BufferedImage img, int dpi, int cut, Progress progress, boolean told) {
    PaddleOcrEngine.Reading reading = paddle.begin(img, dpi, null);
    if (!told) {
      Read head = paddleTitle(reading.readAbove(cut), cut);
      if (head != null && !readsVertically(head) && reading.quarterTurn() == 0) {
        told = tellType(progress, head);
      }
    }
    OcrResult page = reading.readRest(progress::between);
    return new PaddlePass(reading, page, told);
  }

  /** Tells the type the title area of PP-OCR's reading names, if it names one. */
  private boolean tellType(Progress progress, Read head) {
    Classification c =
        classifier.classify(head.result().lines().stream().map(OcrLine::text).toList());
    if (c.docType() == null) {
      return false;
    }
    progress.typed(c.docType(), c.confidence());
    return true;
  }

  /**
   * A page on which PP-OCR finds at most this many text boxes holds too little text for Tesseract's
   * title-area reads to settle its orientation better than PP-OCR's own two readings.
   */
  static final int NEARLY_EMPTY_BOXES = 3;

  /** The lines of a PP-OCR reading whose middle is above the cut, as a title read. */
  private static Read titleLines(OcrResult page, int cut) {
    return new Read(
        null,
        new OcrResult(
            page.lines().stream().filter(l -> l.box().y() + l.box().height() / 2 < cut).toList()));
  }

  /** PP-OCR's page reading is taken as upright with this many characters at this confidence. */
  static final int PADDLE_UPRIGHT_CHARS = 30;

  static final double PADDLE_UPRIGHT_CONFIDENCE = 0.85;

  /**
   * The title area of PP-OCR's page reading (lines whose middle is above the cut), or null when the
   * reading does not show that the page is upright: then Tesseract reads the title area as without
   * PP-OCR (and decides between upright and upside down). The language is null: PP-OCR reads both
   * scripts.
   */
  private static Read paddleTitle(OcrResult page, int cut) {
    if (readsVertically(new Read(null, page))) {
      // PP-OCR turns tall crops and reads them well: a page the axis step left turned by a quarter
      // reads as confident vertical columns. Not upright: the Tesseract path turns it back.
      return null;
    }
    Read top = titleLines(page, cut);
    boolean upright =
        top.confident()
            || page.characterCount() >= PADDLE_UPRIGHT_CHARS
                && page.meanConfidence() >= PADDLE_UPRIGHT_CONFIDENCE;
    return upright ? top : null;
  }

  /** Whether the title area was read as vertical columns ({@link OrientationDetector}). */
  private static boolean readsVertically(Read read) {
    List<OcrLine> lines = read.result().lines();
    int[] w = new int[lines.size()];
    int[] h = new int[lines.size()];
    int[] c = new int[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      w[i] = lines.get(i).box().width();
      h[i] = lines.get(i).box().height();
      c[i] = lines.get(i).text().strip().length();
    }
    return OrientationDetector.readsVertically(w, h, c);
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

  /**
   * Reads again, one line at a time, the title-area lines that the first read dropped (ink with no
   * OCR line on it) or garbled (short lines that look like a catalogue title without matching one).
   * Each line is cut out, binarised, scaled to a text height Tesseract reads well and read as a
   * single line. Costs nothing on pages whose title area was read completely and plausibly.
   *
   * @return {@code top} itself when nothing changed, else the title read with the new lines
   */
  private Read recoverTitle(Mat straight, int dpi, int cut, Read top) {
    List<OcrLine> lines = new ArrayList<>(top.result().lines());
    List<Rect> todo = new ArrayList<>();
    List<Integer> replace = new ArrayList<>();
    for (Rect band : PageLayout.textLines(straight, dpi, 0, cut)) {
      if (!covered(band, lines) && todo.size() < MAX_REREADS) {
        todo.add(band);
        replace.add(-1);
      }
    }
    int n = Math.min(DocumentClassifier.TITLE_LINES, lines.size());
    for (int i = 0; i < n && todo.size() < MAX_REREADS; i++) {
      OcrLine l = lines.get(i);
      if (classifier.titleLikeness(l.text()) >= TITLE_LIKE) {
        Box b = l.box();
        todo.add(new Rect(b.x(), b.y(), b.width(), b.height()));
        replace.add(i);
      }
    }
    if (todo.isEmpty()) {
      return top;
    }
    TesseractEngine engine = engine(top.language());
    boolean changed = false;
    List<OcrLine> added = new ArrayList<>();
    for (int k = 0; k < todo.size(); k++) {
      OcrLine again = readLine(engine, straight, dpi, todo.get(k));
      if (again == null) {
        continue;
      }
      int i = replace.get(k);
      if (i < 0) {
        added.add(again);
        changed = true;
      } else if (classifier.titleQuality(again.text())
          > classifier.titleQuality(lines.get(i).text())) {
        lines.set(i, again);
        changed = true;
      }
    }
    if (!changed) {
      return top;
    }
    lines.addAll(added);
    lines.sort(java.util.Comparator.comparingInt(l -> l.box().y()));
    return new Read(top.language(), new OcrResult(lines));
  }

  /** Whether OCR lines cover most of a band of ink (vertically overlapping, across its width). */
  static boolean covered(Rect band, List<OcrLine> lines) {
    int covered = 0;
    for (OcrLine l : lines) {
      Box b = l.box();
      int oy = Math.min(band.y + band.height, b.y() + b.height()) - Math.max(band.y, b.y());
      if (oy < band.height * 0.4) {
        continue;
      }
      int ox = Math.min(band.x + band.width, b.x() + b.width()) - Math.max(band.x, b.x());
      covered += Math.max(0, ox);
    }
    return covered >= band.width * 0.5;
  }

  /** Text height (px) Tesseract's LSTM models read best; a re-read line is scaled towards it. */
  static final double TARGET_LINE_PX = 48;

  /**
   * Reads one line of the page alone: cut out with a margin, scaled so its height is near {@link
   * #TARGET_LINE_PX}, binarised (Otsu), single-line page segmentation. Boxes in page coordinates
   * (approximate: the line's box). Null when nothing was read.
   */
  private OcrLine readLine(TesseractEngine engine, Mat straight, int dpi, Rect r) {
    int pad = Math.max(4, r.height / 3);
    int x0 = Math.max(0, r.x - pad);
    int y0 = Math.max(0, r.y - pad);
    int x1 = Math.min(straight.cols(), r.x + r.width + pad);
    int y1 = Math.min(straight.rows(), r.y + r.height + pad);
    if (x1 - x0 < 4 || y1 - y0 < 4) {
      return null;
    }
    Mat crop = straight.submat(y0, y1, x0, x1);
    double f = Math.max(0.4, Math.min(3.0, TARGET_LINE_PX / Math.max(1, r.height)));
    Mat scaled = Math.abs(f - 1) < 0.1 ? crop.clone() : Mats.scale(crop, f);
    Mat bin = new Mat();
    Imgproc.threshold(scaled, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
    Mats.keep(straight, crop, scaled, bin);
    OcrResult res;
    engine.setPageSegMode(7);
    try {
      res = engine.recognise(Mats.toImage(bin), (int) Math.round(dpi * f));
    } finally {
      engine.setPageSegMode(3);
    }
    if (res.characterCount() == 0) {
      return null;
    }
    List<OcrWord> words = new ArrayList<>();
    for (OcrWord w : res.words()) {
      Box b = w.box();
      words.add(
          new OcrWord(
              w.text(),
              new Box(
                  x0 + (int) Math.round(b.x() / f),
                  y0 + (int) Math.round(b.y() / f),
                  Math.max(1, (int) Math.round(b.width() / f)),
                  Math.max(1, (int) Math.round(b.height() / f))),
              w.confidence()));
    }
    String text = String.join("", res.lines().stream().map(OcrLine::text).toList());
    return new OcrLine(text, new Box(r.x, r.y, r.width, r.height), res.meanConfidence(), words);
  }

  /** At most this many gaps of one line are read again. */
  static final int MAX_GAPS_PER_LINE = 4;

  /**
   * The PP-OCR line with the characters it dropped read again where they were dropped. PP-OCR's CTC
   * decoding leaves out characters its dictionary lacks (訴訟 糾紛 託), and Tesseract's reading of the
   * whole line often garbles the same spot; but the spot is visible: in a horizontal line of evenly
   * spaced Han characters, two neighbours whose centres lie about two or three character pitches
   * apart have one or two characters between them. That cell alone is cut out and read by Tesseract
   * chi_tra as a single character (or word); what it reads is taken only when it has ink, is Han
   * and is a character PP-OCR could not have read.
   */
  private OcrLine fillGaps(OcrLine line, Mat straight, int dpi, TesseractEngine tra) {
    List<OcrWord> ws = line.words();
    Box lb = line.box();
    if (ws.size() < 6 || lb.width() < 2 * lb.height()) {
      return line;
    }
    List<Double> steps = new ArrayList<>();
    for (int i = 0; i + 1 < ws.size(); i++) {
      if (singleHan(ws.get(i)) && singleHan(ws.get(i + 1))) {
        steps.add(centre(ws.get(i + 1)) - centre(ws.get(i)));
      }
    }
    if (steps.size() < 5) {
      return line;
    }
    java.util.Collections.sort(steps);
    double pitch = steps.get(steps.size() / 2);
    if (pitch < 4) {
      return line;
    }
    String text = line.text();
    StringBuilder nt = new StringBuilder();
    List<OcrWord> nw = new ArrayList<>();
    int pos = 0;
    int read = 0;
    boolean changed = false;
    for (int i = 0; i < ws.size(); i++) {
      OcrWord w = ws.get(i);
      int at = text.indexOf(w.text(), pos);
      if (at < 0) {
        return line; // words and text disagree: leave the line alone
      }
      nt.append(text, pos, at + w.text().length());
      pos = at + w.text().length();
      nw.add(w);
      if (i + 1 >= ws.size() || !singleHan(w) || !singleHan(ws.get(i + 1))) {
        continue;
      }
      double a = centre(w);
      double b = centre(ws.get(i + 1));
      double d = b - a;
      if (d < 1.75 * pitch || d > 4.4 * pitch || read >= MAX_GAPS_PER_LINE) {
        continue;
      }
      int missing = (int) Math.round(d / pitch) - 1;
      int gx0 = (int) Math.round(a + 0.5 * pitch);
      int gx1 = (int) Math.round(b - 0.5 * pitch);
      read++;
      String got =
          readGap(
              tra,
              straight,
              dpi,
              new Rect(gx0, lb.y(), gx1 - gx0, lb.height()),
              missing == 1 ? 10 : 7);
      StringBuilder han = new StringBuilder();
      boolean usable = true;
      for (int k = 0; k < got.length(); k++) {
        char c = got.charAt(k);
        if (ScriptFusion.isHan(c)) {
          han.append(c);
          usable &= !paddle.knows(c);
        }
      }
      if (!usable || han.isEmpty() || han.length() > missing) {
        continue;
      }
      int cell = Math.max(1, (gx1 - gx0) / han.length());
      for (int k = 0; k < han.length(); k++) {
        nt.append(han.charAt(k));
        nw.add(
            new OcrWord(
                String.valueOf(han.charAt(k)),
                new Box(gx0 + k * cell, lb.y(), cell, lb.height()),
                w.confidence()));
      }
      changed = true;
    }
    if (!changed) {
      return line;
    }
    nt.append(text.substring(pos));
    return new OcrLine(nt.toString(), lb, line.confidence(), nw);
  }

  private static boolean singleHan(OcrWord w) {
    return w.text().length() == 1 && ScriptFusion.isHan(w.text().charAt(0));
  }

  private static double centre(OcrWord w) {
    return w.box().x() + w.box().width() / 2.0;
  }

  /**
   * What Tesseract reads in one cell of a line (no horizontal margin, so that the neighbours stay
   * out), scaled like {@link #readLine} and framed in white; empty when the cell holds too little
   * ink to be a character.
   */
  private String readGap(TesseractEngine engine, Mat straight, int dpi, Rect r, int psm) {
    int pad = Math.max(2, r.height / 6);
    int x0 = Math.max(0, r.x);
    int y0 = Math.max(0, r.y - pad);
    int x1 = Math.min(straight.cols(), r.x + r.width);
    int y1 = Math.min(straight.rows(), r.y + r.height + pad);
    if (x1 - x0 < 4 || y1 - y0 < 4) {
      return "";
    }
    Mat crop = straight.submat(y0, y1, x0, x1);
    Mat ink = new Mat();
    Imgproc.threshold(crop, ink, 128, 255, Imgproc.THRESH_BINARY_INV);
    double share = Core.countNonZero(ink) / (double) ((x1 - x0) * (y1 - y0));
    if (share < 0.04) {
      Mats.keep(straight, crop, ink);
      return "";
    }
    double f = Math.max(0.4, Math.min(3.0, TARGET_LINE_PX / Math.max(1, r.height)));
    Mat scaled = Math.abs(f - 1) < 0.1 ? crop.clone() : Mats.scale(crop, f);
    Mat bin = new Mat();
    Imgproc.threshold(scaled, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
    int border = (int) Math.round(TARGET_LINE_PX / 3);
    Mat framed = new Mat();
    Core.copyMakeBorder(
        bin, framed, border, border, border, border, Core.BORDER_CONSTANT, new Scalar(255));
    Mats.keep(straight, crop, ink, scaled);
    Mats.keep(bin, framed);
    engine.setPageSegMode(psm);
    try {
      return engine.recognise(Mats.toImage(framed), (int) Math.round(dpi * f)).text().strip();
    } finally {
      engine.setPageSegMode(3);
    }
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

  /** Adds the time since {@code since}, less the time spent away (then reset), to a stage. */
  private static long lap(Map<String, Long> ms, String key, long since, long[] away) {
    long now = System.nanoTime();
    ms.merge(key, Math.max(0, now - since - away[0]) / 1_000_000, Long::sum);
    away[0] = 0;
    return now;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  @Override
  public void close() {
    engines.values().forEach(TesseractEngine::close);
    engines.clear();
    if (paddle != null) {
      paddle.close();
      paddle = null;
    }
  }
}
