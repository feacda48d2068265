package com.dossiercapture.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.simulated.SimulatedAdfConfig;
import com.dossiercapture.scanner.simulated.SimulatedAdfDriver;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.StagingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning into a batch without a window: durability, superseded sides, the sheet count. */
class BatchScannerTest {

  @TempDir Path tmp;

  @Test
  void aResumedDoubleFeedKeepsEveryPageAndTheSheetCountGatesSubmitting() throws Exception {
    try (StagingStore store = StagingStore.open(tmp.resolve("store"))) {
      long batch = store.createBatch(BatchSpec.of("tester")).id();
      BatchScanner[] self = new BatchScanner[1];
      BatchScanner scanner =
          new BatchScanner(
              store,
              batch,
              new BatchProcessor(store, 1, null, null),
              "tester",
              new BatchScanner.Listener() {
                @Override
                public void event(ScanEvent e) {
                  if (e instanceof ScanEvent.FaultRaised) {
                    // the operator clears it from another thread while the scanner waits
                    Thread.ofPlatform()
                        .start(
                            () -> {
                              while (!self[0].faultPending()) {
                                Thread.onSpinWait();
                              }
                              self[0].resume();
                            });
                  }
                }
              });
      self[0] = scanner;
      SimulatedAdfDriver driver = new SimulatedAdfDriver();
      var device = driver.resolve("simulated:builtin?sheets=3&ppm=0&doublefeed=4").orElseThrow();
      ScanResult r =
          scanner.scan(
              driver,
              device,
              ScanOptions.defaults().withSource(ScanSource.ADF_DUPLEX).withDpi(100));
      assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
      assertThat(r.faults()).hasSize(1);
      assertThat(scanner.awaitProcessed(30, TimeUnit.SECONDS)).isTrue();

      List<Page> pages = store.pages(batch);
      assertThat(pages).hasSize(7); // sheet 2's front came twice
      assertThat(pages.stream().filter(Page::isActive)).hasSize(6);
      assertThat(BatchScanner.SheetCheck.of(3, pages).ok()).isTrue();
      assertThat(BatchScanner.SheetCheck.of(4, pages).ok()).isFalse();
      assertThat(BatchScanner.SheetCheck.of(null, pages).ok()).isFalse();

      assertThatThrownBy(() -> scanner.submit(4)).hasMessageContaining("3 sheet(s)");
      assertThat(store.batch(batch).status()).isEqualTo("scanning");
      scanner.submit(3);
      assertThat(store.batch(batch).status()).isEqualTo("submitted");
      assertThat(store.auditLog())
          .anyMatch(a -> a.action().equals("batch.submit") && "sheets 3 of 3".equals(a.detail()));
      assertThatThrownBy(() -> store.submitBatch(batch, "tester", null))
          .isInstanceOf(com.dossiercapture.staging.StoreException.class);
      scanner.close();
    }
  }

  @Test
  void aDeletedFrontNoLongerCountsAsASheet() throws Exception {
    try (StagingStore store = StagingStore.open(tmp.resolve("store"))) {
      long batch = store.createBatch(BatchSpec.of("tester")).id();
      try (BatchScanner scanner =
          new BatchScanner(
              store, batch, new BatchProcessor(store, 1, null, null), "tester", null)) {
        SimulatedAdfDriver driver = new SimulatedAdfDriver();
        var device = SimulatedAdfDriver.device(SimulatedAdfConfig.parse("builtin?sheets=2&ppm=0"));
        scanner.scan(
            driver, device, ScanOptions.defaults().withSource(ScanSource.ADF_FRONT).withDpi(100));
        List<Page> pages = store.pages(batch);
        assertThat(BatchScanner.SheetCheck.of(2, pages).ok()).isTrue();
        store.markDeleted(pages.getFirst().id(), "tester", "test");
        assertThat(BatchScanner.SheetCheck.of(2, store.pages(batch)).scanned()).isEqualTo(1);
      }
    }
  }
}
