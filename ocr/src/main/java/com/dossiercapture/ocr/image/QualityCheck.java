package com.dossiercapture.ocr.image;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

/**
 * Scan-quality warnings an operator should see at once (rescan the page): too dark, too light
 * (faint print or a wrong threshold), blurred.
 */
public final class QualityCheck {

  /** Warning codes, stable for reports and translations. */
  public static final String TOO_DARK = "too_dark";

  public static final String TOO_LIGHT = "too_light";
  public static final String BLURRED = "blurred";

  private QualityCheck() {}

  /**
   * Checks a grey page.
   *
   * @param blank whether the page was judged blank (no text to be faint or blurred)
   */
  public static List<String> check(Mat grey, int dpi, boolean blank) {
    List<String> warnings = new ArrayList<>();
    double scale = Math.min(1.0, 150.0 / Math.max(dpi, 1));
    Mat small = scale < 1 ? Mats.scale(grey, scale) : grey;
    double mean = Core.mean(small).val[0];
    if (mean < 110 || BorderCleaner.darkShare(small) > 0.35) {
      warnings.add(TOO_DARK);
      Mats.keep(grey, small);
      return warnings;
    }
    if (blank) {
      Mats.keep(grey, small);
      return warnings;
    }
    // The darkest 0.5% of pixels should be real ink (well below 120).
    Mat cont = small.isContinuous() ? small : small.clone();
    byte[] px = new byte[(int) cont.total()];
    cont.get(0, 0, px);
    Mats.keep(cont);
    int[] hist = new int[256];
    for (byte b : px) {
      hist[b & 0xff]++;
    }
    double acc = 0;
    int dark = 255;
    for (int v = 0; v < 256; v++) {
      acc += hist[v];
      if (acc >= px.length * 0.005) {
        dark = v;
        break;
      }
    }
    if (dark > 140) {
      warnings.add(TOO_LIGHT);
    }
    // Sharp text has strong second derivatives at stroke edges.
    Mat lap = new Mat();
    Imgproc.Laplacian(small, lap, CvType.CV_64F);
    MatOfDouble mu = new MatOfDouble();
    MatOfDouble sigma = new MatOfDouble();
    Core.meanStdDev(lap, mu, sigma);
    Mat abs = new Mat();
    Core.convertScaleAbs(lap, abs);
    Core.MinMaxLocResult mm = Core.minMaxLoc(abs);
    if (mm.maxVal < 60) {
      warnings.add(BLURRED);
    }
    Mats.keep(grey, small, lap);
    Mats.keep(mu, sigma, abs);
    return warnings;
  }
}
