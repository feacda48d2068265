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

  @Test
  void aWorkerThatDiesWithAnErrorStillReportsItsPageAsFailed() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 6; i++) {
      TestImages.png(in.resolve(String.format("p%02d.png", i)), "P" + i);
    }
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
}
