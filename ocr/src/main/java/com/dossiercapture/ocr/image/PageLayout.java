package com.dossiercapture.ocr.image;

import org.opencv.core.Mat;

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
        return Math.min(grey.rows(), (int) Math.round(cut / ink.scale));
      }
    }
    return grey.rows();
  }

  /** Share of ink points in the page (for tests and diagnostics). */
  static int inkPoints(Mat grey, int dpi) {
    return InkMap.of(grey, dpi).count;
  }
}
