package com.dossiercapture.ocr.tesseract;

import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrEngine;
import com.dossiercapture.ocr.engine.OcrException;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.ocr.engine.OcrWord;
import com.dossiercapture.ocr.nativeutil.NativeEnv;
import com.sun.jna.Pointer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * Tesseract through Tess4J's C-API interface mapping ({@code TessAPI}). The image goes in as raw
 * 8-bit grey pixels ({@code TessBaseAPISetImage}), never through leptonica's Java bindings, so it
 * works with the leptonica of Debian 12 (stack-facts.md). One instance holds one native handle: not
 * thread-safe, one per worker, close it when done.
 */
public final class TesseractEngine implements OcrEngine {

  /**
   * Guards Tesseract's process-wide state. Handle creation, Init, global variables and End take it
   * exclusively; recognition takes it shared, so engines recognise in parallel but never while
   * another engine starts or ends (Init writes parameters that running recognitions read).
   */
  private static final ReentrantReadWriteLock LIFECYCLE = new ReentrantReadWriteLock();

  private static boolean quietSet;

  /**
   * How to start Tesseract.
   *
   * @param datapath folder holding the {@code .traineddata} files
   * @param language e.g. {@code chi_sim}, {@code chi_tra}, {@code eng}, {@code chi_sim+eng}
   * @param pageSegMode Tesseract's page segmentation mode (3 = automatic, 6 = one block)
   */
  public record Settings(Path datapath, String language, int pageSegMode) {

    /** Debian's tessdata folder. */
    public static final Path DEFAULT_DATAPATH = Path.of("/usr/share/tesseract-ocr/5/tessdata");

    /** The datapath from {@code -Ddc.tessdata}, {@code TESSDATA_PREFIX}, or Debian's default. */
    public static Path defaultDatapath() {
      String p = System.getProperty("dc.tessdata");
      if (p == null || p.isBlank()) {
        p = System.getenv("TESSDATA_PREFIX");
      }
      return p == null || p.isBlank() ? DEFAULT_DATAPATH : Path.of(p);
    }

    /** Automatic page segmentation with the default datapath. */
    public static Settings of(String language) {
      return new Settings(defaultDatapath(), language, 3);
    }
  }

  private final Settings settings;
  private TessAPI api;
  private TessBaseAPI handle;

  /**
   * Starts Tesseract.
   *
   * @throws OcrException naming the missing file or library and the package to install
   */
  public TesseractEngine(Settings settings) {
    this.settings = settings;
    for (String lang : settings.language().split("\\+")) {
      Path data = settings.datapath().resolve(lang + ".traineddata");
      if (!Files.isRegularFile(data)) {
        throw new OcrException(
            "Tesseract language data "
                + data
                + " is missing: install it (Debian/Ubuntu: apt-get install tesseract-ocr-"
                + lang.replace('_', '-')
                + ") or point -Ddc.tessdata / TESSDATA_PREFIX at a folder that has it");
      }
    }
    // Before libtesseract loads (TessAPI.INSTANCE does it on first touch).
    NativeEnv.limitOpenMpThreads();
    LIFECYCLE.writeLock().lock();
    try {
      init(settings);
    } finally {
      LIFECYCLE.writeLock().unlock();
    }
  }

  /**
   * Creates and starts the handle. Serialised across all engines: Tesseract keeps some parameters
   * (such as {@code debug_file}) in process-wide globals, and writing them while another thread's
   * engine reads them corrupted the C heap (a SIGSEGV in malloc, seen with two workers).
   */
  private void init(Settings settings) {
    try {
      // The interface mapping resolves each function on first call, so a libtesseract older than
      // Tess4J's headers (Debian 12 has 5.3) works as long as we call only what it has.
      api = TessAPI.INSTANCE;
      handle = api.TessBaseAPICreate();
    } catch (UnsatisfiedLinkError e) {
      throw new OcrException(
          "cannot load libtesseract: install it (Debian/Ubuntu: apt-get install libtesseract5"
              + " libtesseract-dev); "
              + e.getMessage(),
          e);
    }
    int rc =
        api.TessBaseAPIInit2(
            handle, settings.datapath().toString(), settings.language(), 1 /* OEM_LSTM_ONLY */);
    if (rc != 0) {
      api.TessBaseAPIDelete(handle);
      handle = null;
      throw new OcrException(
          "Tesseract could not start with language "
              + settings.language()
              + " from "
              + settings.datapath());
    }
    api.TessBaseAPISetPageSegMode(handle, settings.pageSegMode());
    // Keep Tesseract quiet on stderr about resolution guesses (we always pass the dpi). The
    // variable is global: set it once, before any engine has started recognising.
    if (!quietSet) {
      api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
      quietSet = true;
    }
  }

  @Override
  public String name() {
    return "tesseract:" + settings.language();
  }

  /** Changes the page segmentation mode for the following calls (e.g. 6 for one text block). */
  public void setPageSegMode(int mode) {
    api.TessBaseAPISetPageSegMode(handle, mode);
  }

  /** The language string this engine was started with. */
  public String language() {
    return settings.language();
  }

  @Override
  public OcrResult recognise(BufferedImage image, int dpi) {
    return recognise(image, dpi, null);
  }

  @Override
  public OcrResult recognise(BufferedImage image, int dpi, Box region) {
    if (handle == null) {
      throw new IllegalStateException("this Tesseract engine is closed");
    }
    int dx = 0;
    int dy = 0;
    BufferedImage input = image;
    if (region != null) {
      // Crop ourselves: Tesseract 5.3's SetRectangle misreads regions at the top of a page.
      int x0 = Math.max(0, region.x());
      int y0 = Math.max(0, region.y());
      int x1 = Math.min(image.getWidth(), region.x() + region.width());
      int y1 = Math.min(image.getHeight(), region.y() + region.height());
      if (x1 <= x0 || y1 <= y0) {
        return new OcrResult(List.of());
      }
      input = image.getSubimage(x0, y0, x1 - x0, y1 - y0);
      dx = x0;
      dy = y0;
    }
    byte[] grey = greyBytes(input);
    int w = input.getWidth();
    int h = input.getHeight();
    ByteBuffer buf = ByteBuffer.allocateDirect(grey.length);
    buf.put(grey).flip();
    OcrResult r;
    LIFECYCLE.readLock().lock();
    try {
      api.TessBaseAPISetImage(handle, buf, w, h, 1, w);
      api.TessBaseAPISetSourceResolution(handle, dpi);
      try {
        if (api.TessBaseAPIRecognize(handle, null) != 0) {
          throw new OcrException("Tesseract failed to recognise the image");
        }
        r = collect();
      } finally {
        api.TessBaseAPIClear(handle);
      }
    } finally {
      LIFECYCLE.readLock().unlock();
    }
    return dx == 0 && dy == 0 ? r : translate(r, dx, dy);
  }

  private static OcrResult translate(OcrResult r, int dx, int dy) {
    List<OcrLine> lines = new ArrayList<>();
    for (OcrLine l : r.lines()) {
      List<OcrWord> words = new ArrayList<>();
      for (OcrWord w : l.words()) {
        words.add(new OcrWord(w.text(), w.box().translate(dx, dy), w.confidence()));
      }
      lines.add(new OcrLine(l.text(), l.box().translate(dx, dy), l.confidence(), words));
    }
    return new OcrResult(lines);
  }

  private OcrResult collect() {
    List<OcrLine> lines = new ArrayList<>();
    TessResultIterator ri = api.TessBaseAPIGetIterator(handle);
    if (ri == null) {
      return new OcrResult(lines);
    }
    try {
      TessPageIterator pi = api.TessResultIteratorGetPageIterator(ri);
      List<OcrWord> current = new ArrayList<>();
      int level = TessPageIteratorLevel.RIL_WORD;
      do {
        if (api.TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_TEXTLINE) != 0
            && !current.isEmpty()) {
          lines.add(line(current));
          current = new ArrayList<>();
        }
        Pointer p = api.TessResultIteratorGetUTF8Text(ri, level);
        if (p == null) {
          continue;
        }
        String text;
        try {
          text = p.getString(0, StandardCharsets.UTF_8.name()).strip();
        } finally {
          api.TessDeleteText(p);
        }
        if (text.isEmpty()) {
          continue;
        }
        float conf = api.TessResultIteratorConfidence(ri, level);
        IntBuffer l = IntBuffer.allocate(1);
        IntBuffer t = IntBuffer.allocate(1);
        IntBuffer r = IntBuffer.allocate(1);
        IntBuffer b = IntBuffer.allocate(1);
        api.TessPageIteratorBoundingBox(pi, level, l, t, r, b);
        current.add(
            new OcrWord(
                text,
                new Box(l.get(0), t.get(0), r.get(0) - l.get(0), b.get(0) - t.get(0)),
                Math.max(0, Math.min(1, conf / 100.0))));
      } while (api.TessResultIteratorNext(ri, level) != 0);
      if (!current.isEmpty()) {
        lines.add(line(current));
      }
    } finally {
      api.TessResultIteratorDelete(ri);
    }
    return new OcrResult(lines);
  }

  private static OcrLine line(List<OcrWord> words) {
    StringBuilder text = new StringBuilder();
    Box box = words.getFirst().box();
    double conf = 0;
    for (OcrWord w : words) {
      if (!text.isEmpty() && needsSpace(text.charAt(text.length() - 1), w.text().charAt(0))) {
        text.append(' ');
      }
      text.append(w.text());
      box = box.union(w.box());
      conf += w.confidence();
    }
    return new OcrLine(text.toString(), box, conf / words.size(), words);
  }

  /** A space separates two words unless either side is a CJK character or CJK punctuation. */
  static boolean needsSpace(char before, char after) {
    return !isCjk(before) && !isCjk(after);
  }

  static boolean isCjk(char c) {
    Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
        || b == Character.UnicodeBlock.GENERAL_PUNCTUATION && c != '-';
  }

  /** What the getRGB path makes of each grey level of a TYPE_BYTE_GRAY image. */
  private static final byte[] GREY_LUT = greyLut();

  private static byte[] greyLut() {
    BufferedImage ramp = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = ((DataBufferByte) ramp.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < 256; i++) {
      px[i] = (byte) i;
    }
    // A sub-image, so that the general path below converts it.
    return greyBytes(ramp.getSubimage(0, 0, 256, 1), false);
  }

  /** The image as tightly packed 8-bit grey rows (luminance of colour images). */
  static byte[] greyBytes(BufferedImage image) {
    return greyBytes(image, true);
  }

  private static byte[] greyBytes(BufferedImage image, boolean fast) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (fast
        && image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getDataBuffer() instanceof DataBufferByte db
        && db.getData().length == w * h
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0) {
      return db.getData();
    }
    byte[] out = new byte[w * h];
    if (fast
        && image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getDataBuffer() instanceof DataBufferByte db
        && image.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel csm
        && csm.getPixelStride() == 1
        && db.getNumBanks() == 1) {
      // A region of a grey page (getSubimage): map its rows through a table that gives exactly
      // the bytes of the getRGB path below (Java's linear-grey to sRGB conversion lightens mid
      // greys, and Tesseract's accuracy was measured with that), without converting pixel by
      // pixel.
      byte[] lut = GREY_LUT;
      byte[] src = db.getData();
      int stride = csm.getScanlineStride();
      int x0 = -image.getRaster().getSampleModelTranslateX();
      int y0 = -image.getRaster().getSampleModelTranslateY();
      int base = db.getOffset() + csm.getOffset(x0, y0);
      for (int y = 0; y < h; y++) {
        int from = base + y * stride;
        int to = y * w;
        for (int x = 0; x < w; x++) {
          out[to + x] = lut[src[from + x] & 0xff];
        }
      }
      return out;
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int rgb = row[x];
        int a = rgb >>> 24;
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int v = (299 * r + 587 * g + 114 * b) / 1000;
        // Transparent pixels are paper.
        out[y * w + x] = (byte) (255 - (255 - v) * a / 255);
      }
    }
    return out;
  }

  @Override
  public void close() {
    LIFECYCLE.writeLock().lock();
    try {
      if (handle != null) {
        api.TessBaseAPIEnd(handle);
        api.TessBaseAPIDelete(handle);
        handle = null;
      }
    } finally {
      LIFECYCLE.writeLock().unlock();
    }
  }
}
