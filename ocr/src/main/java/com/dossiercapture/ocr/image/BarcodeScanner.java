package com.dossiercapture.ocr.image;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * Reads a barcode or QR code anywhere on a page, in any orientation (ZXing). QR and Data Matrix are
 * rotation invariant; 1D codes are tried turned by 90° too. A noisy module grid sometimes defeats
 * the finder at full resolution, so the page is retried at half and a third of its size.
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

  private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(DecodeHintType.class);

  static {
    HINTS.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    HINTS.put(DecodeHintType.CHARACTER_SET, "UTF-8");
    HINTS.put(
        DecodeHintType.POSSIBLE_FORMATS,
        List.of(
            BarcodeFormat.QR_CODE,
            BarcodeFormat.DATA_MATRIX,
            BarcodeFormat.CODE_128,
            BarcodeFormat.CODE_39,
            BarcodeFormat.PDF_417));
  }

  private BarcodeScanner() {}

  /** The first code found on the grey page, or null. */
  public static Barcode scan(Mat grey) {
    for (double f : new double[] {1.0, 0.5, 0.33}) {
      Mat m = f == 1.0 ? grey : Mats.scale(grey, f);
      Barcode b = decode(Mats.toImage(m));
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  static Barcode decode(BufferedImage image) {
    MultiFormatReader reader = new MultiFormatReader();
    reader.setHints(HINTS);
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
