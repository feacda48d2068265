package com.dossiercapture.ocr.image;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.detector.Detector;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * Reads a barcode or QR code anywhere on a page, in any orientation (ZXing). QR and Data Matrix are
 * rotation invariant; 1D codes are tried turned by 90° too.
 *
 * <p>Most pages carry no code, so the cheap passes come first: a third of the page size without
 * ZXing's "try harder" (a few ms), then half size trying harder. A noisy module grid often reads
 * better reduced than at full resolution. Only when QR finder patterns show at half size but no
 * code decoded is the page tried at full resolution (and at a third, trying harder): scanning a
 * whole page at full resolution costs ten times as much and is almost never what finds a code.
 */
public final class BarcodeScanner {

  /**
   * A decoded code.
   *
   * @param text the payload
   * @param format ZXing's format name, e.g. {@code QR_CODE}
   * @param orientation for a QR code, how far it is turned clockwise (0, 90, 180, 270), else -1
   */
  public record Barcode(String text, String format, int orientation) {}

  private static final Map<DecodeHintType, Object> HARD = hints(true);

  private static final Map<DecodeHintType, Object> QUICK = hints(false);

  /** Which passes ran on the last page scanned by this thread (for tests and diagnostics). */
  private static final ThreadLocal<String> LAST_PASSES = new ThreadLocal<>();

  private static Map<DecodeHintType, Object> hints(boolean tryHarder) {
    Map<DecodeHintType, Object> h = new EnumMap<>(DecodeHintType.class);
    if (tryHarder) {
      h.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    }
    h.put(DecodeHintType.CHARACTER_SET, "UTF-8");
    h.put(
        DecodeHintType.POSSIBLE_FORMATS,
        List.of(
            BarcodeFormat.QR_CODE,
            BarcodeFormat.DATA_MATRIX,
            BarcodeFormat.CODE_128,
            BarcodeFormat.CODE_39,
            BarcodeFormat.PDF_417));
    return Map.copyOf(h);
  }

  private BarcodeScanner() {}

  /** The first code found on the grey page, or null. */
  public static Barcode scan(Mat grey) {
    StringBuilder passes = new StringBuilder("third");
    try {
      BufferedImage third = Mats.toImage(Mats.scale(grey, 0.33));
      Barcode b = decode(third, QUICK);
      if (b != null) {
        return b;
      }
      passes.append(",half");
      BufferedImage half = Mats.toImage(Mats.scale(grey, 0.5));
      b = decode(half, HARD);
      if (b != null || !finderPatternsLikely(half)) {
        return b;
      }
      passes.append(",full");
      b = decode(Mats.toImage(grey), HARD);
      if (b != null) {
        return b;
      }
      passes.append(",third-hard");
      return decode(third, HARD);
    } finally {
      LAST_PASSES.set(passes.toString());
    }
  }

  /** The passes {@link #scan} ran on this thread's last page, e.g. {@code third,half}. */
  static String lastPasses() {
    return LAST_PASSES.get();
  }

  /**
   * Whether ZXing's QR detector finds finder patterns (a code it could not decode) in the image.
   */
  static boolean finderPatternsLikely(BufferedImage image) {
    try {
      BitMatrix bits =
          new HybridBinarizer(new BufferedImageLuminanceSource(image)).getBlackMatrix();
      new Detector(bits).detect(HARD);
      return true;
    } catch (FormatException e) {
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  static Barcode decode(BufferedImage image) {
    return decode(image, HARD);
  }

  static Barcode decode(BufferedImage image, Map<DecodeHintType, Object> hints) {
    MultiFormatReader reader = new MultiFormatReader();
    reader.setHints(hints);
    try {
      Result r =
          reader.decodeWithState(
              new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
      return new Barcode(r.getText(), r.getBarcodeFormat().name(), qrOrientation(r));
    } catch (ReaderException e) {
      return null;
    }
  }

  /**
   * For a QR code ZXing reports the finder centres bottom-left, top-left, top-right: the direction
   * from top-left to top-right is the code's x axis, which tells how it is turned.
   */
  private static int qrOrientation(Result r) {
    ResultPoint[] p = r.getResultPoints();
    if (r.getBarcodeFormat() != BarcodeFormat.QR_CODE || p == null || p.length < 3) {
      return -1;
    }
    double dx = p[2].getX() - p[1].getX();
    double dy = p[2].getY() - p[1].getY();
    double deg = Math.toDegrees(Math.atan2(dy, dx)); // clockwise on a y-down screen
    return (int) (Math.floorMod(Math.round(deg / 90.0), 4) * 90);
  }
}
