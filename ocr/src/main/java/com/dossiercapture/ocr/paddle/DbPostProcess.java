package com.dossiercapture.ocr.paddle;

import com.dossiercapture.ocr.image.Mats;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns the probability map of the DB text detector into text boxes, as PaddleOCR's {@code
 * DBPostProcess} does: threshold, contours, minimum-area rectangles, box score, unclip, scale back.
 */
final class DbPostProcess {

  /** A pixel is text above this probability. */
  static final double THRESHOLD = 0.3;

  /** A box whose mean probability is below this is dropped. */
  static final double BOX_THRESHOLD = 0.5;

  /** How far a box grows: by area * ratio / perimeter on every side. */
  static final double UNCLIP_RATIO = 1.6;

  /** At most this many boxes per image. */
  static final int MAX_CANDIDATES = 1000;

  /** Boxes with a shorter side (map pixels) are dropped before and after unclipping. */
  static final double MIN_SIDE = 3;

  private DbPostProcess() {}

  /**
   * Boxes on the original image.
   *
   * @param prob probability map, row-major, {@code mapWidth * mapHeight} values
   * @param scaleX original width / map width
   * @param scaleY original height / map height
   */
  static List<TextBox> boxes(
      float[] prob,
      int mapWidth,
      int mapHeight,
      double scaleX,
      double scaleY,
      int imageWidth,
      int imageHeight) {
    Mat pred = new Mat(mapHeight, mapWidth, CvType.CV_32FC1);
    pred.put(0, 0, prob);
    Mat bitmap = new Mat();
    Imgproc.threshold(pred, bitmap, THRESHOLD, 255, Imgproc.THRESH_BINARY);
    bitmap.convertTo(bitmap, CvType.CV_8UC1);
    List<MatOfPoint> contours = new ArrayList<>();
    Mat hierarchy = new Mat();
    Imgproc.findContours(
        bitmap, contours, hierarchy, Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
    Mats.keep(bitmap, hierarchy);
    List<TextBox> out = new ArrayList<>();
    int n = Math.min(MAX_CANDIDATES, contours.size());
    for (int i = 0; i < n; i++) {
      MatOfPoint c = contours.get(i);
      if (c.rows() < 4) {
        continue;
      }
      MatOfPoint2f points = new MatOfPoint2f(c.toArray());
      RotatedRect rr = Imgproc.minAreaRect(points);
      Mats.keep(c, points);
      if (Math.min(rr.size.width, rr.size.height) < MIN_SIDE) {
        continue;
      }
      Point[] corners = new Point[4];
      rr.points(corners);
      double score = score(pred, corners);
      if (score < BOX_THRESHOLD) {
        continue;
      }
      double w = rr.size.width;
      double h = rr.size.height;
      double d = w * h * UNCLIP_RATIO / (2 * (w + h));
      RotatedRect grown = new RotatedRect(rr.center, new Size(w + 2 * d, h + 2 * d), rr.angle);
      if (Math.min(grown.size.width, grown.size.height) < MIN_SIDE + 2) {
        continue;
      }
      Point[] g = new Point[4];
      grown.points(g);
      out.add(ordered(g, scaleX, scaleY, imageWidth, imageHeight, score));
    }
    Mats.keep(pred, contours);
    return out;
  }

  /** Mean probability inside the quadrilateral. */
  private static double score(Mat pred, Point[] corners) {
    double x0 = Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (Point p : corners) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
    int l = clamp((int) Math.floor(x0), pred.cols() - 1);
    int t = clamp((int) Math.floor(y0), pred.rows() - 1);
    int r = clamp((int) Math.ceil(x1), pred.cols() - 1);
    int b = clamp((int) Math.ceil(y1), pred.rows() - 1);
    Mat mask = Mat.zeros(b - t + 1, r - l + 1, CvType.CV_8UC1);
    Point[] shifted = new Point[4];
    for (int i = 0; i < 4; i++) {
      shifted[i] = new Point(Math.round(corners[i].x - l), Math.round(corners[i].y - t));
    }
    // The box is a rotated rectangle: convex (and fillConvexPoly takes the points as one Mat that
    // we keep reachable, unlike fillPoly's list, which its wrapper converts to a Mat of its own).
    MatOfPoint quad = new MatOfPoint(shifted);
    Imgproc.fillConvexPoly(mask, quad, new Scalar(1));
    Mat roi = pred.submat(new Rect(l, t, r - l + 1, b - t + 1));
    double mean = Core.mean(roi, mask).val[0];
    Mats.keep(pred, mask, quad, roi);
    return mean;
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  /**
   * Corners ordered top-left, top-right, bottom-right, bottom-left (PaddleOCR's get_mini_boxes),
   * scaled to the original image and clipped to it.
   */
  static TextBox ordered(
      Point[] p, double scaleX, double scaleY, int imageWidth, int imageHeight, double score) {
    Point[] s = p.clone();
    java.util.Arrays.sort(s, (a, b) -> Double.compare(a.x, b.x));
    Point tl;
    Point bl;
    Point tr;
    Point br;
    if (s[1].y > s[0].y) {
      tl = s[0];
      bl = s[1];
    } else {
      tl = s[1];
      bl = s[0];
    }
    if (s[3].y > s[2].y) {
      tr = s[2];
      br = s[3];
    } else {
      tr = s[3];
      br = s[2];
    }
    Point[] o = {tl, tr, br, bl};
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = Math.max(0, Math.min(imageWidth, o[i].x * scaleX));
      ys[i] = Math.max(0, Math.min(imageHeight, o[i].y * scaleY));
    }
    return new TextBox(xs, ys, score);
  }
}
