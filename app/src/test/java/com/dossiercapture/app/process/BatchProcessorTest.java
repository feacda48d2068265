package com.dossiercapture.app.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.TestImages;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.image.ImageProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every staged page gets exactly one report line, in batch order, whatever its worker does. */
class BatchProcessorTest {

  @TempDir Path tmp;

  /** A folder of {@code n} small page images, p00.png ... */
  private Path pages(int n) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < n; i++) {
      TestImages.png(in.resolve(String.format("p%02d.png", i)), "P" + i);
    }
    return in;
  }

  @Test
  void aWorkerThatDiesWithAnErrorStillReportsItsPageAsFailed() throws Exception {
    Path in = pages(6);
    AtomicInteger calls = new AtomicInteger();
    // Every other page hits what a broken installation throws: an Error, not an Exception.
    PageAnalyzer flaky =
        (img, dpi) -> {
          if (calls.incrementAndGet() % 2 == 0) {
            throw new NoClassDefFoundError("com/google/zxing/client/j2se/SomethingMissing");
          }
          return new PageResult(
              0,
              0.0,
              false,
              false,
              null,
              "evidence",
              0.9,
              null,
              null,
              null,
              "x",
              null,
              null,
              Map.of("ocr", 1L),
              null);
        };
    List<BatchProcessor.PageReport> reports = new ArrayList<>();
    try (StagingStore store = StagingStore.open(tmp.resolve("store"))) {
      long batch = store.createBatch(BatchSpec.of("op")).id();
      BatchProcessor p = new BatchProcessor(store, 2, () -> flaky, null);
      BatchProcessor.Summary s =
          p.run(in, batch, new Intake(ImageProbe.Limits.DEFAULT), reports::add);
      assertThat(s.pages()).isEqualTo(6);
      assertThat(s.failed()).isEqualTo(3);
      assertThat(store.pageCount()).isEqualTo(6); // staged durably before analysis
    }
    assertThat(reports)
        .extracting(BatchProcessor.PageReport::index)
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(reports.stream().filter(BatchProcessor.PageReport::failed))
        .hasSize(3)
        .allSatisfy(
            r -> assertThat(r.fields().get("error").toString()).contains("NoClassDefFoundError"));
  }

  private static PageResult result(String type) {
    return new PageResult(
        0, 0.0, false, false, null, type, 0.9, null, null, null, "x", null, null, Map.of(), null);
  }

  @Test
  void aWaitingPageIsStartedAndTypedBetweenTheLinesOfAPageBeingRead() throws Exception {
    Path in = pages(2);
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch secondTyped = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    // One worker. The first page is typed from its title, then reads its lines until the second
    // page has been typed (or 10 s): only a worker that starts the waiting page between those
    // lines types it before the first page ends.
    PageAnalyzer analyzer =
        new PageAnalyzer() {
          @Override
          public PageResult analyze(java.awt.image.BufferedImage page, int dpi) {
            throw new AssertionError("the processor passes its progress");
          }

          @Override
          public PageResult analyze(java.awt.image.BufferedImage page, int dpi, Progress progress)
              throws InterruptedException {
            if (calls.incrementAndGet() == 1) {
              progress.typed("judgment", 0.95);
              long end = System.nanoTime() + 10_000_000_000L;
              while (secondTyped.getCount() > 0 && System.nanoTime() < end) {
                Thread.sleep(5);
                progress.between();
              }
              return result("judgment");
            }
            return result("summons"); // typed from its result: it told nothing before
          }
        };
    try (StagingStore store = StagingStore.open(tmp.resolve("store"))) {
      long batch = store.createBatch(BatchSpec.of("op")).id();
      BatchProcessor p = new BatchProcessor(store, 1, () -> analyzer, null);
      p.run(
          in,
          batch,
          new Intake(ImageProbe.Limits.DEFAULT),
          new BatchProcessor.Listener() {
            @Override
            public void pageDone(BatchProcessor.PageReport report) {
              events.add("done " + report.index());
            }

            @Override
            public void pageTyped(
                int index, Long pageId, String docType, double confidence, boolean early) {
              events.add("typed " + index + " " + docType + (early ? " early" : ""));
              if (index == 1) {
                secondTyped.countDown();
              }
            }
          });
    }
    assertThat(events)
        .containsExactly("typed 0 judgment early", "typed 1 summons", "done 0", "done 1");
  }

  @Test
  void everyAnalysedPageIsTypedOnceBeforeItIsReported() throws Exception {
    Path in = pages(5);
    PageAnalyzer twice =
        new PageAnalyzer() {
          @Override
          public PageResult analyze(java.awt.image.BufferedImage page, int dpi) {
            return result("evidence");
          }

          @Override
          public PageResult analyze(java.awt.image.BufferedImage page, int dpi, Progress progress) {
            progress.typed("complaint", 0.5);
            progress.typed("appeal", 0.6); // a second telling is not passed on
            return result("evidence");
          }
        };
    Map<Integer, List<String>> typed = new java.util.concurrent.ConcurrentHashMap<>();
    List<Integer> doneWithType = java.util.Collections.synchronizedList(new ArrayList<>());
    try (StagingStore store = StagingStore.open(tmp.resolve("store"))) {
      long batch = store.createBatch(BatchSpec.of("op")).id();
      new BatchProcessor(store, 2, () -> twice, null)
          .run(
              in,
              batch,
              new Intake(ImageProbe.Limits.DEFAULT),
              new BatchProcessor.Listener() {
                @Override
                public void pageDone(BatchProcessor.PageReport report) {
                  if (typed.containsKey(report.index())) {
                    doneWithType.add(report.index());
                  }
                }

                @Override
                public void pageTyped(
                    int index, Long pageId, String docType, double c, boolean early) {
                  typed
                      .computeIfAbsent(
                          index, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                      .add(docType);
                }
              });
    }
    assertThat(typed).hasSize(5);
    assertThat(typed.values()).allSatisfy(l -> assertThat(l).containsExactly("complaint"));
    assertThat(doneWithType).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void aListenerFailingOnATypeDoesNotFailThePage() throws Exception {
    Path in = pages(3);
    PageAnalyzer analyzer = (img, dpi) -> result("evidence");
    List<BatchProcessor.PageReport> reports = new ArrayList<>();
    try (StagingStore store = StagingStore.open(tmp.resolve("store"))) {
      long batch = store.createBatch(BatchSpec.of("op")).id();
      BatchProcessor.Summary s =
          new BatchProcessor(store, 2, () -> analyzer, null)
              .run(
                  in,
                  batch,
                  new Intake(ImageProbe.Limits.DEFAULT),
                  new BatchProcessor.Listener() {
                    @Override
                    public void pageDone(BatchProcessor.PageReport report) {
                      reports.add(report);
                    }

                    @Override
                    public void pageTyped(
                        int index, Long pageId, String docType, double c, boolean early) {
                      throw new IllegalStateException("a broken progress display");
                    }
                  });
      assertThat(s.failed()).isZero();
    }
    assertThat(reports).hasSize(3).noneMatch(BatchProcessor.PageReport::failed);
  }
}
