package com.dossiercapture.app.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles and slopes for the benchmark's figures. */
public final class Stats {

  private Stats() {}

  /**
   * The nearest-rank percentile (the smallest value with at least {@code p}% of the values at or
   * below it), the definition the Scorer uses for skew p95. NaN for no values.
   */
  public static double percentile(List<? extends Number> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>(values.size());
    values.forEach(x -> v.add(x.doubleValue()));
    Collections.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.size());
    return v.get(Math.clamp(rank - 1, 0, v.size() - 1));
  }

  /** The largest value, NaN for none. */
  public static double max(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
  }

  /**
   * The least-squares slope of y over x. NaN when fewer than two points or all x are equal.
   *
   * @param x e.g. pages processed
   * @param y e.g. megabytes
   */
  public static double slope(double[] x, double[] y) {
    int n = x.length;
    if (n != y.length) {
      throw new IllegalArgumentException("x and y differ in length");
    }
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** Pages per minute for {@code pages} in {@code nanos}. */
  public static double perMinute(int pages, long nanos) {
    return nanos <= 0 ? Double.NaN : pages * 60e9 / nanos;
  }
}
