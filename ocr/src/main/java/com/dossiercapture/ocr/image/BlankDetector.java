package com.dossiercapture.ocr.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Decides whether a page is empty. Faint bleed-through, paper texture, sensor noise and dust specks
 * are not content; a signature, a seal, a handwritten note or a single short line such as 「（此页无正文）」
 * is (catalogue.md): dropping such a page loses evidence. So the rule is strict in one direction: a
 * page is blank only when it holds no dark mark bigger than a speck, and nearly no ink at all.
 */
public final class BlankDetector {

  /**
   * The evidence.
   *
   * @param blank the decision
   * @param inkMm2 area of significant dark marks, in square millimetres
   * @param marks number of significant marks
   */
  public record Result(boolean blank, double inkMm2, int marks) {}

  /** Marks smaller than this (longest side, mm) are specks. */
  static final double SPECK_MM = 1.2;

  /** Pages with less significant ink than this (mm²) are blank. */
  static final double BLANK_INK_MM2 = 6.0;

  private BlankDetector() {}

  /** Judges a grey page (dark scanner borders should already be cleaned). */
  public static Result detect(Mat grey, int dpi) {
    if (BorderCleaner.darkShare(grey) > 0.5) {
      // An all-black or very dark image is not an empty sheet of paper.
      return new Result(false, Double.NaN, 0);
    }
    double scale = Math.min(1.0, 150.0 / Math.max(dpi, 1));
    Mat small = scale < 1 ? Mats.scale(grey, scale) : grey;
    double pxPerMm = dpi * scale / 25.4;
    Mat ink = new Mat();
    // Fixed threshold: bleed-through (light grey) never counts, real ink and seals do.
    Imgproc.threshold(small, ink, 150, 255, Imgproc.THRESH_BINARY_INV);
    Mat labels = new Mat();
    Mat stats = new Mat();
    Mat centroids = new Mat();
    int n = Imgproc.connectedComponentsWithStats(ink, labels, stats, centroids, 8, CvType.CV_32S);
    int w = small.cols();
    int h = small.rows();
    int marginX = (int) (w * 0.03);
    int marginY = (int) (h * 0.03);
    double speck = SPECK_MM * pxPerMm;
    double area = 0;
    int marks = 0;
    int[] st = new int[5];
    for (int i = 1; i < n; i++) {
      stats.get(i, 0, st);
      boolean inMargin =
          st[0] + st[2] < marginX
              || st[1] + st[3] < marginY
              || st[0] > w - marginX
              || st[1] > h - marginY;
      if (inMargin || Math.max(st[2], st[3]) < speck) {
        continue;
      }
      marks++;
      area += st[4];
    }
    double mm2 = area / (pxPerMm * pxPerMm);
    Mats.keep(grey, small, ink, labels);
    Mats.keep(stats, centroids);
    return new Result(mm2 < BLANK_INK_MM2, mm2, marks);
  }
}
