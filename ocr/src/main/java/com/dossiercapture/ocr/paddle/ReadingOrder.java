package com.dossiercapture.ocr.paddle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts detected text boxes in reading order: boxes are grouped into rows in coordinates turned by
 * the median box angle (a page with residual skew still reads row by row), rows top to bottom,
 * boxes left to right within a row; neighbours in a row separated by a small gap form one line,
 * boxes across a large gap (table cells, columns of a form) stay separate lines.
 */
final class ReadingOrder {

  /** A box joins a row when its centre is within this share of the taller height of the row's. */
  static final double SAME_ROW = 0.5;

  /** Neighbours in a row closer than this many line heights are one line. */
  static final double SAME_LINE_GAP = 1.0;

  private ReadingOrder() {}

  /**
   * Lines in reading order, each a list of indices into {@code boxes}, left to right.
   *
   * @param boxes detected boxes (horizontal text: width along the text direction)
   */
  static List<List<Integer>> lines(List<TextBox> boxes) {
    int n = boxes.size();
    if (n == 0) {
      return List.of();
    }
    double theta = medianAngle(boxes);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      TextBox b = boxes.get(i);
      x[i] = b.centreX() * cos + b.centreY() * sin;
      y[i] = -b.centreX() * sin + b.centreY() * cos;
      w[i] = b.width();
      h[i] = Math.max(1, b.height());
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));

    List<List<Integer>> rows = new ArrayList<>();
    List<Integer> row = new ArrayList<>();
    double rowY = 0;
    double rowH = 0;
    for (int i : order) {
      if (!row.isEmpty() && Math.abs(y[i] - rowY) <= SAME_ROW * Math.max(h[i], rowH)) {
        rowY = (rowY * row.size() + y[i]) / (row.size() + 1);
        rowH = Math.max(rowH, h[i]);
        row.add(i);
        continue;
      }
      if (!row.isEmpty()) {
        rows.add(row);
      }
      row = new ArrayList<>();
      row.add(i);
      rowY = y[i];
      rowH = h[i];
    }
    rows.add(row);

    List<List<Integer>> lines = new ArrayList<>();
    for (List<Integer> r : rows) {
      r.sort(Comparator.comparingDouble(i -> x[i]));
      List<Integer> line = new ArrayList<>();
      for (int i : r) {
        if (!line.isEmpty()) {
          int p = line.getLast();
          double gap = (x[i] - w[i] / 2) - (x[p] + w[p] / 2);
          if (gap > SAME_LINE_GAP * Math.max(h[i], h[p])) {
            lines.add(line);
            line = new ArrayList<>();
          }
        }
        line.add(i);
      }
      lines.add(line);
    }
    return lines;
  }

  /** Median angle of the boxes' top edges, within ±45°. */
  static double medianAngle(List<TextBox> boxes) {
    double[] a =
        boxes.stream()
            .mapToDouble(TextBox::angle)
            .filter(v -> Math.abs(v) <= Math.PI / 4)
            .sorted()
            .toArray();
    return a.length == 0 ? 0 : a[a.length / 2];
  }
}
