package com.dossiercapture.ocr.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Maps a raw confidence (the combined probability of the chosen type) to a calibrated one: "among
 * pages reported at 0.9, about 90% are right". Histogram binning on held-out pages, made monotonic
 * by pooling adjacent violators (isotonic regression over bins), interpolated between bin centres.
 * Bins with too few pages keep the raw value.
 */
public final class Calibration {

  /** Number of equal-width bins over [0, 1]. */
  public static final int BINS = 10;

  /** Bins with fewer held-out pages than this keep the raw confidence. */
  static final int MIN_PAGES = 8;

  /** No change. */
  public static final Calibration IDENTITY = new Calibration(identityValues());

  private final double[] values; // calibrated value at each bin centre

  private Calibration(double[] values) {
    this.values = values.clone();
  }

  private static double[] identityValues() {
    double[] v = new double[BINS];
    for (int i = 0; i < BINS; i++) {
      v[i] = (i + 0.5) / BINS;
    }
    return v;
  }

  /** One held-out observation: the raw confidence and whether the decision was right. */
  public record Observation(double raw, boolean right) {}

  /** Fits the map on held-out observations. */
  public static Calibration fit(List<Observation> obs) {
    double[] sum = new double[BINS];
    int[] n = new int[BINS];
    for (Observation o : obs) {
      int b = bin(o.raw());
      n[b]++;
      sum[b] += o.right() ? 1 : 0;
    }
    double[] v = identityValues();
    double[] w = new double[BINS];
    for (int i = 0; i < BINS; i++) {
      if (n[i] >= MIN_PAGES) {
        // Laplace-smoothed towards the bin centre, so a small bin cannot claim 100%.
        v[i] = (sum[i] + v[i]) / (n[i] + 1);
        w[i] = n[i] + 1;
      } else {
        w[i] = 1;
      }
    }
    // Pool adjacent violators: the map must not decrease.
    double[] val = v.clone();
    double[] wt = w.clone();
    int[] start = new int[BINS];
    int[] end = new int[BINS];
    int k = 0;
    for (int i = 0; i < BINS; i++) {
      val[k] = v[i];
      wt[k] = w[i];
      start[k] = i;
      end[k] = i;
      while (k > 0 && val[k - 1] > val[k]) {
        double tw = wt[k - 1] + wt[k];
        val[k - 1] = (val[k - 1] * wt[k - 1] + val[k] * wt[k]) / tw;
        wt[k - 1] = tw;
        end[k - 1] = end[k];
        k--;
      }
      k++;
    }
    double[] out = new double[BINS];
    for (int j = 0; j < k; j++) {
      for (int i = start[j]; i <= end[j]; i++) {
        out[i] = val[j];
      }
    }
    return new Calibration(out);
  }

  static int bin(double raw) {
    return Math.max(0, Math.min(BINS - 1, (int) (raw * BINS)));
  }

  /** The calibrated confidence, between 0.01 and 0.99. */
  public double apply(double raw) {
    double x = raw * BINS - 0.5;
    double y;
    if (x <= 0) {
      y = values[0];
    } else if (x >= BINS - 1) {
      y = values[BINS - 1];
    } else {
      int i = (int) x;
      double f = x - i;
      y = values[i] * (1 - f) + values[i + 1] * f;
    }
    return Math.max(0.01, Math.min(0.99, y));
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(BINS);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static Calibration read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != BINS) {
      throw new IOException("calibration with " + n + " bins, expected " + BINS);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readDouble();
    }
    return new Calibration(v);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Calibration[");
    for (int i = 0; i < BINS; i++) {
      b.append(String.format(Locale.ROOT, i == 0 ? "%.2f" : " %.2f", values[i]));
    }
    return b.append(']').toString();
  }
}
