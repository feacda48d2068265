package com.dossiercapture.ocr.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Paints white the dark scanner backing that shows around the paper (along the edges, wedges at the
 * corners of a skewed sheet, punched holes cut by the edge). Only dark regions connected to the
 * image edge and large enough to be backing are touched; text never is.
 */
public final class BorderCleaner {

  private BorderCleaner() {}

  /** A new grey image with dark edge regions painted white. */
  public static Mat clean(Mat grey) {
    Mat dark = new Mat();
    Imgproc.threshold(grey, dark, 90, 255, Imgproc.THRESH_BINARY_INV);
    Mat labels = new Mat();
    Mat stats = new Mat();
    Mat centroids = new Mat();
    int n = Imgproc.connectedComponentsWithStats(dark, labels, stats, centroids, 8, CvType.CV_32S);
    int w = grey.cols();
    int h = grey.rows();
    boolean[] backing = new boolean[n];
    boolean any = false;
    int[] st = new int[5];
    for (int i = 1; i < n; i++) {
      stats.get(i, 0, st);
      boolean touches = st[0] == 0 || st[1] == 0 || st[0] + st[2] >= w || st[1] + st[3] >= h;
      // Backing runs along an edge: long in one direction (a strip or a wedge).
      boolean long_ = st[2] > w * 0.1 || st[3] > h * 0.1;
      backing[i] = touches && long_ && st[4] > (w + h) / 4;
      any |= backing[i];
    }
    Mat out = grey.clone();
    if (!any) {
      Mats.keep(grey, dark, labels, centroids);
      Mats.keep(stats);
      return out;
    }
    int[] lab = new int[w * h];
    labels.get(0, 0, lab);
    byte[] px = new byte[w * h];
    out.get(0, 0, px);
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] > 0 && backing[lab[i]]) {
        px[i] = (byte) 255;
      }
    }
    // The anti-aliased rim of the backing: grow the cleaned area by a couple of pixels.
    out.put(0, 0, px);
    Mat mask = new Mat(h, w, CvType.CV_8UC1);
    byte[] mk = new byte[w * h];
    for (int i = 0; i < lab.length; i++) {
      mk[i] = lab[i] > 0 && backing[lab[i]] ? (byte) 255 : 0;
    }
    mask.put(0, 0, mk);
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new org.opencv.core.Size(7, 7));
    Imgproc.dilate(mask, mask, kernel);
    out.setTo(new org.opencv.core.Scalar(255), mask);
    Mats.keep(grey, dark, labels, centroids);
    Mats.keep(stats, out, mask, kernel);
    return out;
  }

  /** Share of the image that is dark (below 90): a black page scores near 1. */
  public static double darkShare(Mat grey) {
    Mat dark = new Mat();
    Imgproc.threshold(grey, dark, 90, 255, Imgproc.THRESH_BINARY_INV);
    double share = org.opencv.core.Core.countNonZero(dark) / (double) (grey.rows() * grey.cols());
    Mats.keep(grey, dark);
    return share;
  }
}
