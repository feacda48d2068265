package com.dossiercapture.staging.bench;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.StagingStore;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Durable ingest benchmark: 300-dpi grey A4 pages (2480×3508) as a scanner delivers them, through
 * {@link StagingStore#ingestRaster} (PNG encode, write, fsync, rename, fsync folder, commit), one
 * acquisition thread as in the workstation. Prints pages/min and latency percentiles.
 *
 * <p>Run: {@code ./dossier-capture benchmark ingest [--pages N] [--dir DIR]}.
 */
public final class IngestBenchmark {

  /** The measured figures. */
  public record Result(
      int pages,
      double seconds,
      double pagesPerMinute,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs,
      double mbPerPage) {}

  private IngestBenchmark() {}

  /** Runs the benchmark into a store in {@code dir} (created; should be empty). */
  public static Result run(Path dir, int pages, int warmup, PrintStream log) throws IOException {
    Files.createDirectories(dir);
    BufferedImage[] templates = new BufferedImage[4];
    for (int i = 0; i < templates.length; i++) {
      templates[i] = a4Page(i);
    }
    double[] ms = new double[pages];
    long bytes = 0;
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("benchmark"));
      for (int i = 0; i < warmup; i++) {
        store.ingestRaster(b.id(), unique(templates[i % templates.length], -1 - i), meta(i));
      }
      long start = System.nanoTime();
      for (int i = 0; i < pages; i++) {
        BufferedImage img = unique(templates[i % templates.length], i);
        long t0 = System.nanoTime();
        var p = store.ingestRaster(b.id(), img, meta(i));
        ms[i] = (System.nanoTime() - t0) / 1e6;
        bytes += p.byteSize();
        if (log != null && (i + 1) % 50 == 0) {
          log.printf("  %d/%d pages%n", i + 1, pages);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(ms);
      return new Result(
          pages,
          seconds,
          pages / seconds * 60,
          pct(ms, 50),
          pct(ms, 95),
          pct(ms, 99),
          ms[ms.length - 1],
          bytes / (double) pages / (1 << 20));
    }
  }

  private static PageMeta meta(int i) {
    return new PageMeta(
        null,
        i % 2 == 0 ? com.dossiercapture.domain.Side.FRONT : com.dossiercapture.domain.Side.BACK,
        i / 2 + 1,
        300,
        ColourMode.GREY,
        "benchmark");
  }

  private static double pct(double[] sorted, int p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  /** A copy of the template with the page number written into its pixels (so no two are equal). */
  private static BufferedImage unique(BufferedImage template, int n) {
    BufferedImage copy =
        new BufferedImage(template.getWidth(), template.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] src = ((DataBufferByte) template.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) copy.getRaster().getDataBuffer()).getData();
    System.arraycopy(src, 0, dst, 0, src.length);
    for (int k = 0; k < 32; k++) {
      dst[k] = (byte) (((n >>> k) & 1) == 0 ? 250 : 5);
    }
    return copy;
  }

  /** A 300-dpi grey A4 page: text lines, a table, a stamp-like circle, paper noise. */
  static BufferedImage a4Page(long seed) {
    int w = 2480;
    int h = 3508;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(242, 242, 242));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(25, 25, 25));
    Random r = new Random(seed);
    g.setFont(new Font(Font.SERIF, Font.BOLD, 90));
    g.drawString("CIVIL JUDGMENT", 800, 400);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
    for (int y = 600; y < 2600; y += 85) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 70; i++) {
        sb.append(r.nextInt(8) == 0 ? ' ' : (char) ('a' + r.nextInt(26)));
      }
      g.drawString(sb.toString(), 250, y);
    }
    for (int i = 0; i <= 5; i++) {
      g.drawLine(250, 2700 + i * 120, 2230, 2700 + i * 120);
    }
    g.drawOval(1600, 2900, 450, 450);
    g.dispose();
    byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < d.length; i++) {
      int v = (d[i] & 0xff) + r.nextInt(11) - 5;
      d[i] = (byte) Math.max(0, Math.min(255, v));
    }
    return img;
  }

  /** Command-line entry: {@code IngestBenchmark [pages] [dir]}. */
  public static void main(String[] args) throws IOException {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("dc-ingest-bench");
    Result r = run(dir, pages, 10, System.out);
    print(r, dir, System.out);
  }

  /** Prints the figures. */
  public static void print(Result r, Path dir, PrintStream out) {
    out.printf(
        "durable ingest, 300-dpi grey A4 (2480x3508), store in %s%n"
            + "  pages: %d in %.1f s = %.0f pages/min%n"
            + "  latency per page (encode+write+fsync+commit): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n"
            + "  file size: %.2f MiB/page (lossless PNG)%n",
        dir,
        r.pages(),
        r.seconds(),
        r.pagesPerMinute(),
        r.p50Ms(),
        r.p95Ms(),
        r.p99Ms(),
        r.maxMs(),
        r.mbPerPage());
  }
}
