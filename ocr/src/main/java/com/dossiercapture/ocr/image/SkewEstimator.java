package com.dossiercapture.ocr.image;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Measures and corrects the skew of text lines by projection profiles: the angle at which the ink,
 * projected onto the vertical axis, forms the sharpest peaks (sum of squared row counts) is the
 * angle of the text lines. Coarse search over ±{@code maxDegrees}, then fine search and parabolic
 * interpolation.
 *
 * <p>Sign (process-report.md): positive = content turned counter-clockwise as seen on screen (y
 * down). {@link #deskew} rotates by the opposite.
 */
public final class SkewEstimator {

  /**
   * A skew measurement.
   *
   * @param degrees skew of the content, positive = counter-clockwise
   * @param sharpness normalised profile sharpness at that angle (higher = clearer text lines)
   * @param inkPoints ink points measured (few points = unreliable)
   */
  public record Estimate(double degrees, double sharpness, int inkPoints) {}

  /** Below this many ink points (at 150 dpi) a page has too little text to measure. */
  static final int MIN_POINTS = 400;

  private SkewEstimator() {}

  /** Measures the skew of a grey page scanned at {@code dpi}, within ±maxDegrees. */
  public static Estimate estimate(Mat grey, int dpi, double maxDegrees) {
    InkMap ink = InkMap.of(grey, dpi);
    return search(ink.xs, ink.ys, ink.count, maxDegrees);
  }

  /** Like {@link #estimate} but with x and y swapped: text lines that run vertically. */
  static Estimate searchTransposed(InkMap ink, double maxDegrees) {
    return search(ink.ys, ink.xs, ink.count, maxDegrees);
  }

  static Estimate search(int[] xs, int[] ys, int n, double maxDegrees) {
    if (n < MIN_POINTS) {
      return new Estimate(0, 0, n);
    }
    int maxCoord = 0;
    for (int i = 0; i < n; i++) {
      maxCoord = Math.max(maxCoord, Math.max(xs[i], ys[i]));
    }
    int[] hist = new int[4 * maxCoord + 8];
    int offset = 2 * maxCoord + 4;
    double best = 0;
    double bestScore = -1;
    double step = 0.2;
    for (double a = -maxDegrees; a <= maxDegrees + 1e-9; a += step) {
      double s = score(xs, ys, n, a, hist, offset);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    double fineStep = 0.02;
    double center = best;
    for (double a = center - 0.24; a <= center + 0.24 + 1e-9; a += fineStep) {
      double s = score(xs, ys, n, a, hist, offset);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    // Parabola through the best fine sample and its neighbours.
    double sm = score(xs, ys, n, best - fineStep, hist, offset);
    double sp = score(xs, ys, n, best + fineStep, hist, offset);
    double denom = sm - 2 * bestScore + sp;
    double refined = best;
    if (denom < 0) {
      refined = best + fineStep * 0.5 * (sm - sp) / denom;
    }
    return new Estimate(refined, bestScore / ((double) n * n), n);
  }

  private static double score(int[] xs, int[] ys, int n, double degrees, int[] hist, int offset) {
    double rad = Math.toRadians(degrees);
    double sin = Math.sin(rad);
    double cos = Math.cos(rad);
    java.util.Arrays.fill(hist, 0);
    for (int i = 0; i < n; i++) {
      int bin = (int) Math.round(xs[i] * sin + ys[i] * cos) + offset;
      hist[bin]++;
    }
    double s = 0;
    for (int v : hist) {
      s += (double) v * v;
    }
    return s;
  }

  /**
   * A new image with the skew removed: the content is turned clockwise by {@code degrees} (for a
   * positive skew) about the centre, on a canvas of the same size; uncovered corners are white.
   */
  public static Mat deskew(Mat grey, double degrees) {
    if (Math.abs(degrees) < 0.01) {
      Mat copy = grey.clone();
      Mats.keep(grey);
      return copy;
    }
    Point centre = new Point(grey.cols() / 2.0, grey.rows() / 2.0);
    // OpenCV: positive angle = counter-clockwise; we turn the content back, clockwise.
    Mat m = Imgproc.getRotationMatrix2D(centre, -degrees, 1.0);
    Mat out = new Mat();
    Imgproc.warpAffine(
        grey, out, m, grey.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(255));
    Mats.keep(grey, out, m);
    return out;
  }
}
