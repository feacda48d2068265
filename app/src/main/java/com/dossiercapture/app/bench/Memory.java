package com.dossiercapture.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Heap after a full collection and the process's resident set, in megabytes. */
public final class Memory {

  /**
   * One measurement after {@code pages} pages.
   *
   * @param heapMb heap in use after a full collection
   * @param heapCommittedMb heap the JVM holds from the system (G1 grows and shrinks it)
   * @param rssMb the process's resident set (VmRSS), NaN off Linux
   */
  public record Sample(int pages, double heapMb, double heapCommittedMb, double rssMb) {

    /** Resident memory outside the Java heap (Tesseract, OpenCV, JIT, threads). */
    public double nativeMb() {
      return rssMb - heapCommittedMb;
    }
  }

  /**
   * The verdict on a series.
   *
   * @param heapSlope heap-after-GC growth over the last half of the run, MB per 100 pages
   * @param rssSlope resident-set growth over the last half, MB per 100 pages (NaN off Linux)
   * @param nativeSlope growth of the resident set outside the committed heap, MB per 100 pages:
   *     what the verdict uses, because the JVM growing and shrinking its committed heap moves the
   *     resident set by hundreds of MB without any leak
   * @param flat heap and native growth at or under the limits
   */
  public record Trend(double heapSlope, double rssSlope, double nativeSlope, boolean flat) {}

  /** Flat when the heap after GC grows by at most this many MB per 100 pages in the last half. */
  public static final double HEAP_LIMIT_MB_PER_100 = 1.0;

  /**
   * ... and the resident set outside the committed heap (native: Tesseract, OpenCV) by at most this
   * many MB per 100 pages.
   */
  public static final double RSS_LIMIT_MB_PER_100 = 4.0;

  private Memory() {}

  /** Collects garbage and measures. */
  public static Sample sample(int pages) {
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Sample(pages, heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, rssMb());
  }

  /** VmRSS of /proc/self/status in MB, NaN where there is no such file. */
  public static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return parseKb(line) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return Double.NaN;
  }

  static long parseKb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /**
   * Slopes over the samples of the last half of the run (pages after half the largest page count;
   * at least the last two samples) and the flat/not-flat verdict: heap after GC by {@link
   * #HEAP_LIMIT_MB_PER_100}, resident set outside the committed heap by {@link
   * #RSS_LIMIT_MB_PER_100}.
   */
  public static Trend trend(List<Sample> series) {
    if (series.size() < 2) {
      return new Trend(Double.NaN, Double.NaN, Double.NaN, false);
    }
    int last = series.getLast().pages();
    List<Sample> half = series.stream().filter(s -> s.pages() >= last / 2.0).toList();
    if (half.size() < 2) {
      half = series.subList(series.size() - 2, series.size());
    }
    double[] x = half.stream().mapToDouble(s -> s.pages() / 100.0).toArray();
    double heap = Stats.slope(x, half.stream().mapToDouble(Sample::heapMb).toArray());
    double rss = Stats.slope(x, half.stream().mapToDouble(Sample::rssMb).toArray());
    double nat = Stats.slope(x, half.stream().mapToDouble(Sample::nativeMb).toArray());
    boolean flat =
        heap <= HEAP_LIMIT_MB_PER_100 && (Double.isNaN(nat) || nat <= RSS_LIMIT_MB_PER_100);
    return new Trend(heap, rss, nat, flat);
  }
}
