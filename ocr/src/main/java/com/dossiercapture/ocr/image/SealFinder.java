package com.dossiercapture.ocr.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Finds round seals on an upright page and lifts them off the text stamped under them.
 *
 * <p>Court documents end with the court's round seal (42 mm across) stamped over the date and the
 * court's name. Seal ink is red: in a grey scan it is a mid grey, lighter than the black text under
 * it. PP-OCR's detector takes seal and text as one blot and the date line is lost. Within a seal's
 * circle, every pixel lighter than halfway between the seal's tone and the text's is made paper
 * white ("drop-out", as scanners do with a red lamp), so that the text under the seal can be read.
 * The page image that is kept and shown is not changed: only a copy is read.
 *
 * <p>A seal is a circle found by the Hough transform at low resolution, 12 to 30 mm in radius,
 * confirmed at full resolution by ink along most of its ring. A seal whose ink is about as dark as
 * the text (a black stamp) is found but not dropped out ({@link Seal#separable()}).
 */
public final class SealFinder {

  private SealFinder() {}

  /** Radius range of the seals looked for (court seals are 40-45 mm across; others 30-50 mm). */
  static final double MIN_RADIUS_MM = 12;

  static final double MAX_RADIUS_MM = 30;

  /** Resolution of the circle search. */
  static final double SEARCH_DPI = 60;

  /** Share of the ring (sampled every 3°) that must carry ink for a circle to be a seal. */
  static final double MIN_RING_COVER = 0.6;

  /**
   * A seal's ring must be at least this light to be dropped out: coloured ink, not a black stamp
   * (whose ink cannot be told from the text's by its tone).
   */
  static final int MIN_SEAL_TONE = 70;

  /** Pixels at most this much darker than the ring's tone are taken as seal ink. */
  static final int SEAL_INK_SPREAD = 22;

  /**
   * A seal on the page.
   *
   * @param cx centre, x (px)
   * @param cy centre, y (px)
   * @param radius radius (px)
   * @param ring the seal ink's typical grey (median along the ring)
   * @param text the darkest ink in and around the seal (its 0.5th percentile): text under the seal
   */
  public record Seal(int cx, int cy, int radius, int ring, int text) {

    /** Whether the seal's ink is light enough to be dropped out (coloured, not black). */
    public boolean separable() {
      return ring >= MIN_SEAL_TONE;
    }

    /**
     * Pixels lighter than this, inside the circle, are seal ink or paper: halfway between the
     * ring's tone and the text's, and at least {@link #SEAL_INK_SPREAD} below the ring's tone (in a
     * faint scan, text and seal differ by less than that: on 10 pages of a generated corpus, seed
     * 4242, the dates under their seals were read whole only with this margin).
     */
    public int cut() {
      return Math.min((ring + text) / 2, ring - SEAL_INK_SPREAD);
    }

    /** Whether the box (page px) meets the seal's circle's bounding square. */
    public boolean touches(int x, int y, int w, int h) {
      int r = radius + radius / 10;
      return x < cx + r && x + w > cx - r && y < cy + r && y + h > cy - r;
    }
  }

  /**
   * The seals (at most 4) on an upright, deskewed grey page; none on a page without round stamps.
   */
  public static List<Seal> find(Mat grey, int dpi) {
    Mats.load();
    double f = Math.min(1.0, SEARCH_DPI / dpi);
    Mat small = Mats.scale(grey, f);
    Mat blurred = new Mat();
    Imgproc.GaussianBlur(small, blurred, new org.opencv.core.Size(3, 3), 0);
    double pxPerMm = dpi * f / 25.4; // the search's resolution: 60 dpi, or less on a coarser scan
    int rMin = (int) Math.floor(MIN_RADIUS_MM * pxPerMm);
    int rMax = (int) Math.ceil(MAX_RADIUS_MM * pxPerMm);
    Mat circles = new Mat();
    Imgproc.HoughCircles(
        blurred, circles, Imgproc.HOUGH_GRADIENT, 1, 1.5 * rMin, 100, 24, rMin, rMax);
    Mats.keep(small, blurred);
    List<Seal> out = new ArrayList<>();
    int n = circles.empty() ? 0 : circles.cols();
    for (int i = 0; i < n && out.size() < 4; i++) {
      double[] c = circles.get(0, i);
      int cx = (int) Math.round(c[0] / f);
      int cy = (int) Math.round(c[1] / f);
      int r = (int) Math.round(c[2] / f);
      if (out.stream().anyMatch(s -> Math.hypot(s.cx - cx, s.cy - cy) < s.radius)) {
        continue;
      }
      Seal s = confirm(grey, dpi, cx, cy, r);
      if (s != null) {
        out.add(s);
      }
    }
    Mats.keep(grey, circles);
    return out;
  }

  /**
   * The seal at this circle, or null when no ring of ink lies on it. Along each of 120 rays from
   * the centre, the darkest pixel within 2.5 mm of the radius is taken as the ring's point on that
   * ray; a circle is fitted to the inked points (twice, the second time to the points near the
   * first fit) and most rays must have an inked point within 0.6 mm of it. A ring drawn with a
   * stamp passes; the text of a paragraph, whose darkest points scatter across the band, does not.
   */
  static Seal confirm(Mat grey, int dpi, int cx, int cy, int r) {
    int w = grey.cols();
    int h = grey.rows();
    int band = Math.max(3, (int) Math.round(2.5 * dpi / 25.4));
    if (cx - r - band < 0 || cy - r - band < 0 || cx + r + band >= w || cy + r + band >= h) {
      // Seals stamped over the page edge are rare; a circle cut by the edge is more likely noise.
      return null;
    }
    int x0 = cx - r - band;
    int y0 = cy - r - band;
    int x1 = cx + r + band + 1;
    int y1 = cy + r + band + 1;
    Mat sub = grey.submat(y0, y1, x0, x1);
    int sw = x1 - x0;
    byte[] px = new byte[sw * (y1 - y0)];
    Mat cont = sub.clone();
    cont.get(0, 0, px);
    Mats.keep(grey, sub, cont);
    int paper = percentile(px, 0.9);
    int rays = 120;
    double[] xs = new double[rays];
    double[] ys = new double[rays];
    int[] tone = new int[rays];
    int inked = 0;
    for (int k = 0; k < rays; k++) {
      double a = 2 * Math.PI * k / rays;
      double ca = Math.cos(a);
      double sa = Math.sin(a);
      int best = 255;
      int bestD = 0;
      for (int d = -band; d <= band; d++) {
        int x = (int) Math.round(cx + (r + d) * ca) - x0;
        int y = (int) Math.round(cy + (r + d) * sa) - y0;
        int v = px[y * sw + x] & 0xff;
        if (v < best) {
          best = v;
          bestD = d;
        }
      }
      if (best < paper - 40) {
        xs[inked] = cx + (r + bestD) * ca;
        ys[inked] = cy + (r + bestD) * sa;
        tone[inked] = best;
        inked++;
      }
    }
    double tol = 0.6 * dpi / 25.4;
    double[] fit = fitCircle(xs, ys, inked, null, 0);
    for (int pass = 0; pass < 2 && fit != null; pass++) {
      fit = fitCircle(xs, ys, inked, fit, 3 * tol);
    }
    if (fit == null) {
      return null;
    }
    int on = 0;
    int[] onTone = new int[inked];
    for (int i = 0; i < inked; i++) {
      if (Math.abs(Math.hypot(xs[i] - fit[0], ys[i] - fit[1]) - fit[2]) <= tol) {
        onTone[on++] = tone[i];
      }
    }
    double pxPerMm = dpi / 25.4;
    if (on < MIN_RING_COVER * rays
        || fit[2] < MIN_RADIUS_MM * pxPerMm
        || fit[2] > MAX_RADIUS_MM * pxPerMm) {
      return null;
    }
    int[] ringTones = Arrays.copyOf(onTone, on);
    Arrays.sort(ringTones);
    int ring = ringTones[on / 2];
    int text = percentile(px, 0.005);
    return new Seal(
        (int) Math.round(fit[0]), (int) Math.round(fit[1]), (int) Math.round(fit[2]), ring, text);
  }

  /**
   * Least-squares circle (Kåsa) through the points, or through those within {@code tol} of the
   * circle {@code near} when it is given: {cx, cy, r}, or null with fewer than 8 points.
   */
  static double[] fitCircle(double[] xs, double[] ys, int n, double[] near, double tol) {
    // Solve for D, E, F in x² + y² + D x + E y + F = 0 (normal equations, 3 x 3).
    double[][] a = new double[3][4];
    int used = 0;
    for (int i = 0; i < n; i++) {
      if (near != null && Math.abs(Math.hypot(xs[i] - near[0], ys[i] - near[1]) - near[2]) > tol) {
        continue;
      }
      double[] row = {xs[i], ys[i], 1, -(xs[i] * xs[i] + ys[i] * ys[i])};
      for (int p = 0; p < 3; p++) {
        for (int q = 0; q < 4; q++) {
          a[p][q] += row[p] * row[q];
        }
      }
      used++;
    }
    if (used < 8) {
      return null;
    }
    for (int c = 0; c < 3; c++) {
      int piv = c;
      for (int rr = c + 1; rr < 3; rr++) {
        if (Math.abs(a[rr][c]) > Math.abs(a[piv][c])) {
          piv = rr;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      if (Math.abs(a[c][c]) < 1e-9) {
        return null;
      }
      for (int rr = 0; rr < 3; rr++) {
        if (rr != c) {
          double m = a[rr][c] / a[c][c];
          for (int q = c; q < 4; q++) {
            a[rr][q] -= m * a[c][q];
          }
        }
      }
    }
    double d = a[0][3] / a[0][0];
    double e = a[1][3] / a[1][1];
    double f = a[2][3] / a[2][2];
    double cx = -d / 2;
    double cy = -e / 2;
    double r2 = cx * cx + cy * cy - f;
    return r2 <= 0 ? null : new double[] {cx, cy, Math.sqrt(r2)};
  }

  /**
   * A copy of the page with the separable seals dropped out: inside each seal's circle (and its
   * ring), pixels lighter than {@link Seal#cut()} become paper white. The page itself is not
   * changed; with no separable seal, the page itself is returned.
   */
  public static Mat dropOut(Mat grey, List<Seal> seals) {
    if (seals.stream().noneMatch(Seal::separable)) {
      return grey;
    }
    Mat out = grey.clone();
    int w = out.cols();
    int h = out.rows();
    for (Seal s : seals) {
      if (!s.separable()) {
        continue;
      }
      int r = s.radius + s.radius / 10;
      int x0 = Math.max(0, s.cx - r);
      int y0 = Math.max(0, s.cy - r);
      int x1 = Math.min(w, s.cx + r + 1);
      int y1 = Math.min(h, s.cy + r + 1);
      int sw = x1 - x0;
      Mat sub = out.submat(y0, y1, x0, x1);
      byte[] px = new byte[sw * (y1 - y0)];
      Mat cont = sub.clone();
      cont.get(0, 0, px);
      long r2 = (long) r * r;
      int cut = s.cut();
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          long dx = x - s.cx;
          long dy = y - s.cy;
          int i = (y - y0) * sw + (x - x0);
          if (dx * dx + dy * dy <= r2 && (px[i] & 0xff) > cut) {
            px[i] = (byte) 255;
          }
        }
      }
      sub.put(0, 0, px);
      Mats.keep(sub, cont);
    }
    Mats.keep(grey, out);
    return out;
  }

  /** The value below which the share {@code q} of the pixels lie. */
  private static int percentile(byte[] px, double q) {
    int[] hist = new int[256];
    for (byte b : px) {
      hist[b & 0xff]++;
    }
    long want = Math.max(1, (long) Math.ceil(q * px.length));
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += hist[v];
      if (seen >= want) {
        return v;
      }
    }
    return 255;
  }
}
