package com.dossiercapture.ocr.paddle;

import com.dossiercapture.ocr.engine.Box;

/**
 * A detected text region: a quadrilateral in image pixels, corners clockwise from the top left (as
 * PaddleOCR orders them), with the detector's score.
 *
 * @param xs x of top-left, top-right, bottom-right, bottom-left
 * @param ys y of the same corners
 * @param score mean text probability inside the region before unclipping, 0..1
 */
record TextBox(double[] xs, double[] ys, double score) {

  /** Length of the top edge (the text direction). */
  double width() {
    return Math.max(
        Math.hypot(xs[1] - xs[0], ys[1] - ys[0]), Math.hypot(xs[2] - xs[3], ys[2] - ys[3]));
  }

  /** Length of the left edge. */
  double height() {
    return Math.max(
        Math.hypot(xs[3] - xs[0], ys[3] - ys[0]), Math.hypot(xs[2] - xs[1], ys[2] - ys[1]));
  }

  double centreX() {
    return (xs[0] + xs[1] + xs[2] + xs[3]) / 4;
  }

  double centreY() {
    return (ys[0] + ys[1] + ys[2] + ys[3]) / 4;
  }

  /** Angle of the top edge in radians (positive = turned clockwise on screen, y down). */
  double angle() {
    return Math.atan2(ys[1] - ys[0], xs[1] - xs[0]);
  }

  /** The axis-aligned bounding box, clipped to an image of the given size. */
  Box bounds(int imageWidth, int imageHeight) {
    double x0 = Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      x0 = Math.min(x0, xs[i]);
      y0 = Math.min(y0, ys[i]);
      x1 = Math.max(x1, xs[i]);
      y1 = Math.max(y1, ys[i]);
    }
    int l = (int) Math.max(0, Math.floor(x0));
    int t = (int) Math.max(0, Math.floor(y0));
    int r = (int) Math.min(imageWidth, Math.ceil(x1));
    int b = (int) Math.min(imageHeight, Math.ceil(y1));
    return new Box(l, t, Math.max(1, r - l), Math.max(1, b - t));
  }
}
