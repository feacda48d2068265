package com.dossiercapture.ocr.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The ink of a page at a working resolution: a binary mask (ink = 255) with the dark scanner
 * backing along the edges, huge blobs (photos, black pages) and single-pixel noise removed, plus
 * the coordinates of its ink pixels. Geometry (skew, text-line direction) is measured on it.
 */
final class InkMap {

  /** Working resolution for geometry: fine enough for 0.05° on A4, small enough to be quick. */
  static final double WORK_DPI = 150;

  final int width;
  final int height;
  final double scale;
  final int[] xs;
  final int[] ys;
  final int count;

  private InkMap(int width, int height, double scale, int[] xs, int[] ys, int count) {
    this.width = width;
    this.height = height;
    this.scale = scale;
    this.xs = xs;
    this.ys = ys;
    this.count = count;
  }

  /** Builds the ink map of a grey page scanned at {@code dpi}. */
  static InkMap of(Mat grey, int dpi) {
    double scale = Math.min(1.0, WORK_DPI / Math.max(dpi, 1));
    Mat small = scale < 1 ? Mats.scale(grey, scale) : grey;
    Mat bin = binarise(small);
    Mat labels = new Mat();
    Mat stats = new Mat();
    Mat centroids = new Mat();
    int n = Imgproc.connectedComponentsWithStats(bin, labels, stats, centroids, 8, CvType.CV_32S);
    int w = bin.cols();
    int h = bin.rows();
    boolean[] keep = new boolean[n];
    int[] st = new int[5];
    for (int i = 1; i < n; i++) {
      stats.get(i, 0, st);
      int x = st[0];
      int y = st[1];
      int bw = st[2];
      int bh = st[3];
      int area = st[4];
      boolean touchesEdge = x <= 1 || y <= 1 || x + bw >= w - 1 || y + bh >= h - 1;
      boolean huge = bw > w * 0.5 && bh > h * 0.3;
      boolean speck = area < 3;
      keep[i] = !touchesEdge && !huge && !speck;
    }
    int[] lab = new int[w * h];
    labels.get(0, 0, lab);
    Mats.keep(grey, small, bin, labels);
    Mats.keep(stats, centroids);
    int total = 0;
    for (int v : lab) {
      if (v > 0 && keep[v]) {
        total++;
      }
    }
    // Keep geometry quick: at most ~80k points, evenly strided.
    int stride = Math.max(1, total / 80_000);
    int m = total / stride + 1;
    int[] xs = new int[m];
    int[] ys = new int[m];
    int k = 0;
    int seen = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = lab[y * w + x];
        if (v > 0 && keep[v]) {
          if (seen++ % stride == 0 && k < m) {
            xs[k] = x;
            ys[k] = y;
            k++;
          }
        }
      }
    }
    return new InkMap(w, h, scale, xs, ys, k);
  }

  /**
   * Ink = 255. Otsu's threshold when the page has real contrast, capped so that faint bleed-through
   * and paper texture never count as ink.
   */
  static Mat binarise(Mat grey) {
    Mat bin = new Mat();
    double otsu =
        Imgproc.threshold(grey, bin, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
    double t = Math.min(otsu, 160);
    Imgproc.threshold(grey, bin, t, 255, Imgproc.THRESH_BINARY_INV);
    Mats.keep(grey, bin);
    return bin;
  }
}
