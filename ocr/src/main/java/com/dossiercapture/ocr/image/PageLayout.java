package com.dossiercapture.ocr.image;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/** Simple layout facts of an upright page, measured on its ink. */
public final class PageLayout {

  private PageLayout() {}

  /**
   * Where to cut an upright page so that the part above holds the title area (court name, title,
   * case number) and no text line is cut in two: the first white gap (at least 0.6 mm high) below a
   * quarter of the page height. Returns the page height when there is no such gap before 45% (then
   * the page is read in one pass).
   */
  public static int titleCut(Mat grey, int dpi) {
    InkMap ink = InkMap.of(grey, dpi);
    int h = ink.height;
    int[] rows = new int[h];
    for (int i = 0; i < ink.count; i++) {
      rows[ink.ys[i]]++;
    }
    double pxPerMm = InkMap.WORK_DPI / 25.4 * Math.min(1.0, dpi / InkMap.WORK_DPI);
    int gap = Math.max(2, (int) Math.round(0.6 * pxPerMm));
    int run = 0;
    for (int y = h / 4; y < (int) (h * 0.45); y++) {
      run = rows[y] == 0 ? run + 1 : 0;
      if (run >= gap) {
        int cut = y - run / 2;
        int at = Math.min(grey.rows(), (int) Math.round(cut / ink.scale));
        Mats.keep(grey);
        return at;
      }
    }
    int all = grey.rows();
    Mats.keep(grey);
    return all;
  }

  /**
   * The text lines of a horizontal strip of an upright page, as boxes in page coordinates, top to
   * bottom: runs of rows holding ink (specks and the scanner backing left out), split at white gaps
   * of at least 1 mm, at least 2.5 mm and at most 25 mm high (taller is a seal or a picture).
   *
   * @param y0 first row of the strip
   * @param y1 row after the strip
   */
  public static List<Rect> textLines(Mat grey, int dpi, int y0, int y1) {
    int top = Math.max(0, y0);
    int bottom = Math.min(grey.rows(), y1);
    List<Rect> out = new ArrayList<>();
    if (bottom - top < 4) {
      return out;
    }
    Mat strip = grey.submat(top, bottom, 0, grey.cols());
    InkMap ink = InkMap.of(strip, dpi);
    Mats.keep(grey, strip);
    int h = ink.height;
    int[] rows = new int[h];
    int[] minX = new int[h];
    int[] maxX = new int[h];
    java.util.Arrays.fill(minX, Integer.MAX_VALUE);
    for (int i = 0; i < ink.count; i++) {
      int y = ink.ys[i];
      rows[y]++;
      minX[y] = Math.min(minX[y], ink.xs[i]);
      maxX[y] = Math.max(maxX[y], ink.xs[i]);
    }
    double pxPerMm = dpi * ink.scale / 25.4;
    int gap = Math.max(2, (int) Math.round(pxPerMm));
    int minH = (int) Math.round(2.5 * pxPerMm);
    int maxH = (int) Math.round(25 * pxPerMm);
    int start = -1;
    int last = -1;
    int bx0 = Integer.MAX_VALUE;
    int bx1 = -1;
    for (int y = 0; y <= h; y++) {
      boolean inked = y < h && rows[y] > 0;
      if (inked) {
        if (start >= 0 && y - last > gap) {
          addLine(out, start, last, bx0, bx1, minH, maxH, ink.scale, top, grey);
          start = -1;
        }
        if (start < 0) {
          start = y;
          bx0 = Integer.MAX_VALUE;
          bx1 = -1;
        }
        last = y;
        bx0 = Math.min(bx0, minX[y]);
        bx1 = Math.max(bx1, maxX[y]);
      }
    }
    if (start >= 0) {
      addLine(out, start, last, bx0, bx1, minH, maxH, ink.scale, top, grey);
    }
    return out;
  }

  private static void addLine(
      List<Rect> out,
      int start,
      int last,
      int x0,
      int x1,
      int minH,
      int maxH,
      double scale,
      int top,
      Mat grey) {
    int hh = last - start + 1;
    if (hh < minH || hh > maxH || x1 < x0) {
      return;
    }
    int ry0 = top + (int) Math.floor(start / scale);
    int ry1 = Math.min(grey.rows(), top + (int) Math.ceil((last + 1) / scale));
    int rx0 = (int) Math.floor(x0 / scale);
    int rx1 = Math.min(grey.cols(), (int) Math.ceil((x1 + 1) / scale));
    out.add(new Rect(rx0, ry0, rx1 - rx0, ry1 - ry0));
    Mats.keep(grey);
  }

  /** Share of ink points in the page (for tests and diagnostics). */
  static int inkPoints(Mat grey, int dpi) {
    return InkMap.of(grey, dpi).count;
  }
}
