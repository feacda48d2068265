package com.dossiercapture.ocr.image;

import java.awt.image.BufferedImage;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Finds how far a page's content was turned clockwise (0, 90, 180 or 270). Two steps:
 *
 * <ol>
 *   <li>the text-line axis, from projection profiles: horizontal lines give sharper row profiles
 *       than column profiles (this holds for Chinese too: line gaps are wider than character gaps),
 *       which leaves {0, 180} or {90, 270};
 *   <li>up or down, by asking a scorer (an OCR engine's confidence) which of the two candidate
 *       upright versions of a text band reads better. Upside-down Chinese reads as low-confidence
 *       noise.
 * </ol>
 */
public final class OrientationDetector {

  /** Says how plausible an upright candidate image is; higher is more plausible. */
  @FunctionalInterface
  public interface UprightScorer {
    double score(BufferedImage candidate, int dpi);
  }

  /**
   * The decision.
   *
   * @param orientation how far the content is turned clockwise: 0, 90, 180 or 270
   * @param confidence 0..1, how sure the second step was (0.5 = a coin toss)
   * @param reason a short explanation for logs
   */
  public record Result(int orientation, double confidence, String reason) {}

  private OrientationDetector() {}

  /**
   * Detects the orientation of a grey page.
   *
   * @param scorer judges candidate upright text bands; null to decide on geometry alone (0 or 90)
   */
  public static Result detect(Mat grey, int dpi, UprightScorer scorer) {
    InkMap ink = InkMap.of(grey, dpi);
    if (ink.count < SkewEstimator.MIN_POINTS) {
      return new Result(0, 0.5, "too little ink to tell");
    }
    SkewEstimator.Estimate rows = SkewEstimator.search(ink.xs, ink.ys, ink.count, 15);
    SkewEstimator.Estimate cols = SkewEstimator.searchTransposed(ink, 15);
    boolean sideways = cols.sharpness() > rows.sharpness();
    return decide(grey, dpi, scorer, sideways, rows, cols);
  }

  /**
   * The text-line axis only: 0 when lines run horizontally (the page is at 0 or 180), 90 when they
   * run vertically (90 or 270). Cheap: no OCR.
   */
  public static int axis(Mat grey, int dpi) {
    InkMap ink = InkMap.of(grey, dpi);
    if (ink.count < SkewEstimator.MIN_POINTS) {
      return 0;
    }
    SkewEstimator.Estimate rows = SkewEstimator.search(ink.xs, ink.ys, ink.count, 15);
    SkewEstimator.Estimate cols = SkewEstimator.searchTransposed(ink, 15);
    return cols.sharpness() > rows.sharpness() ? 90 : 0;
  }

  /**
   * The text-line axis and, when lines run horizontally, the skew measured on the same ink: the row
   * search that decides the axis is exactly the skew search of the page as it stands, so a page at
   * 0 or 180 needs no second measurement.
   *
   * @param orientation 0 or 90, as {@link #axis}
   * @param skew the skew when {@code orientation} is 0, else null (measure it on the turned page)
   */
  public record Axis(int orientation, SkewEstimator.Estimate skew) {}

  /** {@link #axis} and the row skew estimate within ±15°, in one measurement. */
  public static Axis axisAndSkew(Mat grey, int dpi) {
    InkMap ink = InkMap.of(grey, dpi);
    SkewEstimator.Estimate rows = SkewEstimator.search(ink.xs, ink.ys, ink.count, 15);
    if (ink.count < SkewEstimator.MIN_POINTS) {
      return new Axis(0, rows);
    }
    SkewEstimator.Estimate cols = SkewEstimator.searchTransposed(ink, 15);
    return cols.sharpness() > rows.sharpness() ? new Axis(90, null) : new Axis(0, rows);
  }

  private static Result decide(
      Mat grey,
      int dpi,
      UprightScorer scorer,
      boolean sideways,
      SkewEstimator.Estimate rows,
      SkewEstimator.Estimate cols) {
    int[] candidates = sideways ? new int[] {90, 270} : new int[] {0, 180};
    if (scorer == null) {
      return new Result(candidates[0], 0.5, "axis only");
    }
    double[] scores = new double[2];
    for (int i = 0; i < 2; i++) {
      Mat upright = Mats.rotateClockwise(grey, 360 - candidates[i]);
      double skew = SkewEstimator.estimate(upright, dpi, 15).degrees();
      Mat straight = SkewEstimator.deskew(upright, skew);
      scores[i] = scorer.score(Mats.toImage(textBand(straight, dpi)), dpi);
    }
    int pick = scores[1] > scores[0] ? 1 : 0;
    double margin = Math.abs(scores[0] - scores[1]);
    double confidence = 0.5 + Math.min(0.5, margin);
    return new Result(
        candidates[pick],
        confidence,
        String.format(
            java.util.Locale.ROOT,
            "axis %s (row/col sharpness %.3g/%.3g), read scores %.3f vs %.3f",
            sideways ? "vertical" : "horizontal",
            rows.sharpness(),
            cols.sharpness(),
            scores[0],
            scores[1]));
  }

  /**
   * Whether OCR read the page as vertical text: most of its characters sit in lines whose boxes are
   * at least twice as tall as wide. Tesseract reads Chinese in vertical columns too, so a page
   * whose text-line axis was misjudged and that was turned a quarter too far clockwise (its top now
   * on the right) still reads well, column by column, right to left; court documents are printed in
   * horizontal lines, so such a reading means the page needs a quarter turn back
   * (counter-clockwise): its orientation is 90° more than assumed.
   *
   * @param widths line box widths
   * @param heights line box heights
   * @param chars characters read on each line
   */
  public static boolean readsVertically(int[] widths, int[] heights, int[] chars) {
    int vertical = 0;
    int horizontal = 0;
    for (int i = 0; i < widths.length; i++) {
      if (chars[i] < 3) {
        continue;
      }
      if (heights[i] >= 2 * widths[i]) {
        vertical += chars[i];
      } else if (widths[i] > heights[i]) {
        horizontal += chars[i];
      }
    }
    return vertical >= MIN_VERTICAL_CHARS && vertical > 2 * horizontal;
  }

  /** Fewer characters in vertical lines than this say nothing. */
  static final int MIN_VERTICAL_CHARS = 8;

  /**
   * The band of the page, about 12% of its height, that holds the most ink (full width): a few text
   * lines, enough to read, small enough to read quickly.
   */
  public static Mat textBand(Mat grey, int dpi) {
    InkMap ink = InkMap.of(grey, dpi);
    int h = ink.height;
    int[] rows = new int[h];
    int minX = ink.width;
    int maxX = 0;
    for (int i = 0; i < ink.count; i++) {
      rows[ink.ys[i]]++;
      minX = Math.min(minX, ink.xs[i]);
      maxX = Math.max(maxX, ink.xs[i]);
    }
    int band = Math.max(8, (int) (h * 0.12));
    int sum = 0;
    int best = 0;
    int bestStart = 0;
    for (int y = 0; y < h; y++) {
      sum += rows[y];
      if (y >= band) {
        sum -= rows[y - band];
      }
      if (sum > best) {
        best = sum;
        bestStart = Math.max(0, y - band + 1);
      }
    }
    double inv = 1 / ink.scale;
    int y0 = (int) (bestStart * inv);
    int y1 = Math.min(grey.rows(), (int) ((bestStart + band) * inv));
    int x0 = Math.max(0, (int) ((minX - 10) * inv));
    int x1 = Math.min(grey.cols(), (int) ((maxX + 10) * inv));
    if (x1 <= x0 || y1 <= y0) {
      return grey;
    }
    Mat part = grey.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
    Mat copy = part.clone();
    Mats.keep(grey, part);
    return copy;
  }
}
