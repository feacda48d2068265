package com.dossiercapture.sync.bench;

import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.sync.RunSummary;
import com.dossiercapture.sync.SyncService;
import com.dossiercapture.sync.SyncSettings;
import com.dossiercapture.sync.receiver.ReceiverMain;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sync throughput and client memory: pages (A4 at 150 dpi, grey, text-like, about 0.2 MB PNG each)
 * in dossiers of 100, approved, then sent to the reference receiver running as a separate process
 * on loopback. Prints pages/s, MB/s and the client's peak heap while sending.
 *
 * <p>Run: {@code java -cp … com.dossiercapture.sync.bench.SyncBenchmark [--pages 1000] [--dir DIR]
 * [--parallel 3]} (the class path must also hold the receiver, i.e. this module).
 */
public final class SyncBenchmark {

  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = 1000;
    int parallel = 3;
    Path dir = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--pages" -> pages = Integer.parseInt(args[i + 1]);
        case "--parallel" -> parallel = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("sync-bench");
    }
    run(dir, pages, parallel, new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  static void run(Path dir, int pages, int parallel, PrintStream log) throws Exception {
    Path storeDir = dir.resolve("store");
    Path data = dir.resolve("received");
    log.printf("preparing %d pages in %s …%n", pages, storeDir);
    long totalBytes = 0;
    try (StagingStore store = StagingStore.open(storeDir)) {
      totalBytes = prepare(store, pages);
    }
    log.printf("prepared: %.1f MB%n", totalBytes / 1e6);

    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process receiver =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReceiverMain.class.getName(),
                "--port",
                Integer.toString(port),
                "--data",
                data.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = r.readLine();
      } while (line != null && !line.startsWith("receiver listening"));
      if (line == null) {
        throw new IllegalStateException("the receiver did not start");
      }
      Thread.ofPlatform()
          .daemon(true)
          .start(
              () -> {
                try {
                  while (r.readLine() != null) {
                    // drain the receiver's log so it never blocks on a full pipe
                  }
                } catch (IOException ignored) {
                  // it ended
                }
              });
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      System.gc();
      long baseline = mem.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(baseline);
      Thread sampler =
          Thread.ofPlatform()
              .daemon(true)
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      RunSummary s;
      long t0 = System.nanoTime();
      try (StagingStore store = StagingStore.open(storeDir);
          SyncService sync =
              new SyncService(
                  store,
                  SyncSettings.defaults(URI.create("http://127.0.0.1:" + port))
                      .withParallelUploads(parallel))) {
        s = sync.runOnce();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      System.gc();
      long after = mem.getHeapMemoryUsage().getUsed();
      log.printf(
          "sent %d dossier(s), %d page(s), %.1f MB in %.2f s: %.1f pages/s, %.1f MB/s%n",
          s.sent(),
          s.pagesUploaded(),
          s.bytesUploaded() / 1e6,
          secs,
          s.pagesUploaded() / secs,
          s.bytesUploaded() / 1e6 / secs);
      log.printf(
          "client heap: %.1f MB before, peak %.1f MB while sending, %.1f MB after GC (max heap"
              + " %.0f MB)%n",
          baseline / 1e6, peak.get() / 1e6, after / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
      if (!s.messages().isEmpty()) {
        log.println("messages: " + s.messages());
      }
    } finally {
      receiver.destroy();
      receiver.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static long prepare(StagingStore store, int pages) {
    Documents docs = new Documents(store);
    Approval approval = new Approval(store);
    BufferedImage template = a4();
    Random rnd = new Random(1);
    long bytes = 0;
    int perDossier = 100;
    for (int d = 0; d * perDossier < pages; d++) {
      Dossier dossier = store.openDossier("（2025）湘0602民初" + (5000 + d) + "号", "bench", "bench");
      Batch b = store.createBatch(new BatchSpec(dossier.id(), "bench", "bench", null, null));
      List<Long> ids = new ArrayList<>();
      for (int p = 0; p < perDossier && d * perDossier + p < pages; p++) {
        BufferedImage img = unique(template, rnd);
        var page = store.ingestRaster(b.id(), img, PageMeta.of("bench", 150));
        ids.add(page.id());
        bytes += page.byteSize();
      }
      DossierDocument doc = docs.create(dossier.id(), "evidence", null, null, "bench");
      docs.assignPages(doc.id(), ids, "bench");
      approval.approve(dossier.id(), "bench");
    }
    return bytes;
  }

  private static BufferedImage a4() {
    BufferedImage img = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 22));
    Random r = new Random(7);
    for (int y = 150; y < 1650; y += 34) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 80; i++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      g.drawString(sb.toString(), 110, y);
    }
    g.dispose();
    return img;
  }

  private static BufferedImage unique(BufferedImage template, Random r) {
    BufferedImage img =
        new BufferedImage(template.getWidth(), template.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] src = ((DataBufferByte) template.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < dst.length; i++) {
      int v = src[i] & 0xff;
      dst[i] = (byte) (i % 61 == 0 ? Math.max(0, v - r.nextInt(24)) : v); // scanner noise
    }
    return img;
  }
}
