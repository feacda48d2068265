package com.dossiercapture.staging.export;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures the archival export: a dossier of N synthetic 300-dpi A4 pages (grey, or bitonal) with
 * an OCR text layer of 30 lines a page, exported as one PDF/A volume. Prints seconds, pages per
 * minute and bytes per page. Not a test: run it by hand.
 *
 * <pre>java -cp ... com.dossiercapture.staging.export.ExportBenchmark [pages] [grey|bw] [quality]
 * [threads]</pre>
 */
public final class ExportBenchmark {

  private ExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    boolean bw = args.length > 1 && args[1].equals("bw");
    float quality =
        args.length > 2 ? Float.parseFloat(args[2]) : ExportOptions.DEFAULT_JPEG_QUALITY;
    int threads =
        args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    run(pages, bw, quality, threads, System.out);
  }

  /** Builds the dossier, exports it, prints the figures. */
  public static void run(int pages, boolean bw, float quality, int threads, PrintStream out)
      throws Exception {
    Path dir = Files.createTempDirectory("dc-export-bench");
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      Dossier d = store.openDossier("（2024）湘0602民初1号", "湖南省岳阳市岳阳楼区人民法院", "bench");
      long batch = store.createBatch(new BatchSpec(d.id(), "bench", "bench", "a4-300", null)).id();
      Documents docs = new Documents(store);
      String[] types = {
        "complaint", "evidence", "hearing_transcript", "judgment", "service_receipt"
      };
      long t0 = System.nanoTime();
      List<Long> ids = new ArrayList<>();
      Random r = new Random(1);
      for (int i = 0; i < pages; i++) {
        BufferedImage img = page(r, bw);
        Page p =
            store.ingestRaster(
                batch,
                img,
                new PageMeta(
                    null,
                    Side.FRONT,
                    null,
                    300,
                    bw ? ColourMode.BLACK_AND_WHITE : ColourMode.GREY,
                    "bench-" + i));
        store.saveResult(p.id(), result(r));
        ids.add(p.id());
      }
      int per = (pages + types.length - 1) / types.length;
      for (int t = 0; t < types.length && t * per < pages; t++) {
        DossierDocument doc = docs.create(d.id(), types[t], null, null, "bench");
        docs.assignPages(doc.id(), ids.subList(t * per, Math.min(pages, (t + 1) * per)), "bench");
      }
      new Approval(store).approve(d.id(), "bench");
      out.printf(
          Locale.ROOT,
          "prepared %d %s 300-dpi A4 pages in %.1f s%n",
          pages,
          bw ? "bitonal" : "grey",
          (System.nanoTime() - t0) / 1e9);

      Path pdf = dir.resolve("volume.pdf");
      ExportOptions o =
          ExportOptions.defaults().withJpegQuality(quality).withThreads(threads).withActor("bench");
      ExportResult res = new ArchivalPdfExporter(store).exportDossier(d.caseNumber(), pdf, o);
      out.printf(
          Locale.ROOT,
          "export: %d pages (%d PDF pages) in %.1f s = %.0f pages/min, %d threads, quality %.2f%n",
          res.scannedPages(),
          res.totalPages(),
          res.millis() / 1000.0,
          res.scannedPages() * 60_000.0 / Math.max(1, res.millis()),
          threads,
          quality);
      out.printf(
          Locale.ROOT,
          "file: %.1f MB, %.0f KB per page; max heap used %.0f MB%n",
          res.bytes() / 1e6,
          res.bytes() / 1024.0 / res.scannedPages(),
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static BufferedImage page(Random r, boolean bw) {
    int w = 2480;
    int h = 3508;
    BufferedImage img =
        new BufferedImage(w, h, bw ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(bw ? Color.WHITE : new Color(236, 236, 232));
    g.fillRect(0, 0, w, h);
    g.setColor(bw ? Color.BLACK : new Color(30, 30, 30));
    // 30 lines of 38 "characters" (strokes in a 60-px cell), like a typed A4 page.
    for (int line = 0; line < 30; line++) {
      int y = 300 + line * 100;
      for (int c = 0; c < 38; c++) {
        int x = 200 + c * 55;
        for (int s = 0; s < 5; s++) {
          int sx = x + r.nextInt(40);
          int sy = y + r.nextInt(40);
          if (r.nextBoolean()) {
            g.fillRect(sx, sy, 4 + r.nextInt(30), 5);
          } else {
            g.fillRect(sx, sy, 5, 4 + r.nextInt(30));
          }
        }
      }
    }
    if (!bw) {
      // Paper texture and scanner noise: what makes real grey scans large.
      var raster = img.getRaster();
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          row[x] = Math.max(0, Math.min(255, row[x] + r.nextInt(9) - 4));
        }
        raster.setSamples(0, y, w, 1, 0, row);
      }
    }
    g.dispose();
    return img;
  }

  private static PageResult result(Random r) {
    StringBuilder text = new StringBuilder();
    StringBuilder json = new StringBuilder("{\"lines\":[");
    String chars = "原告被告民事判决书本院认为借款合同事实与理由诉讼请求人民法院审判员书记员";
    for (int line = 0; line < 30; line++) {
      StringBuilder lt = new StringBuilder();
      StringBuilder words = new StringBuilder();
      for (int c = 0; c < 38; c += 2) {
        String word =
            "" + chars.charAt(r.nextInt(chars.length())) + chars.charAt(r.nextInt(chars.length()));
        lt.append(word);
        if (c > 0) {
          words.append(',');
        }
        words
            .append("{\"text\":\"")
            .append(word)
            .append("\",\"box\":{\"x\":")
            .append(200 + c * 55)
            .append(",\"y\":")
            .append(300 + line * 100)
            .append(",\"width\":105,\"height\":50}}");
      }
      text.append(lt).append('\n');
      json.append(line > 0 ? "," : "")
          .append("{\"text\":\"")
          .append(lt)
          .append("\",\"words\":[")
          .append(words)
          .append("]}");
    }
    json.append("]}");
    return new PageResult(
        0,
        0.0,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        text.toString(),
        json.toString(),
        null,
        Map.of(),
        null);
  }
}
