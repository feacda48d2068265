package com.dossiercapture.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.TestImages;
import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.sync.receiver.ReceiverOptions;
import com.dossiercapture.sync.receiver.ReceiverServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archivist's end of the command line, on real parts: approve a dossier, sync it to the
 * reference receiver over loopback HTTP, export its archival PDF.
 */
class CliWorkflowTest extends CliTestBase {

  private static final String CASE = "（2024）湘0602民初1234号";

  @TempDir Path tmp;

  private Path storeWithOneDossier() {
    Path dir = tmp.resolve("store");
    try (StagingStore store = StagingStore.open(dir)) {
      var dossier = store.openDossier(CASE, "岳阳楼区人民法院", "op");
      var batch = store.createBatch(new BatchSpec(dossier.id(), "op", "ws1", "grey-300", 2));
      var docs = new Documents(store);
      var complaint =
          docs.create(dossier.id(), "complaint", "民事起诉状", LocalDate.of(2024, 3, 1), "op");
      var judgment = docs.create(dossier.id(), "judgment", "民事判决书", LocalDate.of(2024, 6, 2), "op");
      long[] ids = new long[3];
      for (int i = 0; i < 3; i++) {
        ids[i] =
            store
                .ingestRaster(
                    batch.id(),
                    TestImages.page("PAGE " + (i + 1), 850, 1100),
                    new PageMeta(null, Side.FRONT, i + 1, 100, ColourMode.GREY, "scan"))
                .id();
      }
      docs.assignPages(complaint.id(), List.of(ids[0], ids[1]), "op");
      docs.assignPages(judgment.id(), List.of(ids[2]), "op");
    }
    return dir;
  }

  @Test
  void approveSyncAndExportADossier() throws Exception {
    Path store = storeWithOneDossier();

    assertThat(run("approve", "--store", store.toString(), "--all")).as(err.toString()).isZero();
    try (StagingStore st = StagingStore.open(store)) {
      assertThat(st.outboxCount("pending")).isEqualTo(1);
    }

    Path data = tmp.resolve("central");
    try (ReceiverServer receiver = ReceiverServer.start(ReceiverOptions.loopback(0, data))) {
      int code =
          run(
              "sync",
              "--store",
              store.toString(),
              "--central",
              receiver.baseUri().toString(),
              "--once");
      assertThat(code).as(err.toString()).isZero();
      assertThat(receiver.store().pageCount()).isEqualTo(3);
    }
    try (StagingStore st = StagingStore.open(store)) {
      assertThat(st.outboxCount("sent")).isEqualTo(1);
      assertThat(st.findDossier(CASE).orElseThrow().status()).isEqualTo("synced");
    }

    Path pdf = tmp.resolve("out/dossier.pdf");
    Files.createDirectories(pdf.getParent());
    assertThat(
            run("export", "--store", store.toString(), "--dossier", CASE, "--out", pdf.toString()))
        .as(err.toString())
        .isZero();
    try (var doc = Loader.loadPDF(pdf.toFile())) {
      // cover + contents + 3 scanned pages + remarks
      assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(6);
      assertThat(doc.getDocumentCatalog().getDocumentOutline()).isNotNull();
    }
  }

  @Test
  void exportOfAnUnknownDossierFailsClearlyAndWritesNothing() {
    Path store = storeWithOneDossier();
    Path pdf = tmp.resolve("x.pdf");
    int code =
        run(
            "export",
            "--store",
            store.toString(),
            "--dossier",
            "（2020）京01民终9号",
            "--out",
            pdf.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).isNotBlank();
    assertThat(pdf).doesNotExist();
  }

  @Test
  void syncWithTheCentralSystemDownKeepsTheDossierQueued() {
    Path store = storeWithOneDossier();
    assertThat(run("approve", "--store", store.toString(), "--dossier", CASE)).isZero();
    int code =
        run("sync", "--store", store.toString(), "--central", "http://127.0.0.1:9", "--once");
    assertThat(code).isNotZero();
    try (StagingStore st = StagingStore.open(store)) {
      assertThat(st.outboxCount("pending")).isEqualTo(1);
      assertThat(st.outboxCount("sent")).isZero();
    }
  }

  @Test
  void scanFromTheSimulatedFeederStoresEveryPageAndStopsOnAJam() {
    Path store = tmp.resolve("scanned");
    int code =
        run(
            "scan",
            "--device",
            "simulated:builtin?sheets=3&ppm=0",
            "--source",
            "adf-duplex",
            "--dpi",
            "100",
            "--case",
            CASE,
            "--store",
            store.toString());
    assertThat(code).as(err.toString()).isZero();
    try (StagingStore st = StagingStore.open(store)) {
      var batch = st.batches().getFirst();
      assertThat(st.pages(batch.id())).hasSize(6);
      assertThat(st.pages(batch.id()))
          .extracting(p -> p.sheet() + ":" + p.side().code())
          .containsExactly("1:front", "1:back", "2:front", "2:back", "3:front", "3:back");
      assertThat(batch.dossierId()).isEqualTo(st.findDossier(CASE).orElseThrow().id());
    }

    // A jam on sheet 2 with --on-fault stop: the pages before it are kept, exit code 3.
    Path jammed = tmp.resolve("jammed");
    int jamCode =
        run(
            "scan",
            "--device",
            "simulated:builtin?sheets=4&ppm=0&jam=2",
            "--dpi",
            "100",
            "--on-fault",
            "stop",
            "--store",
            jammed.toString());
    assertThat(jamCode).isEqualTo(3);
    try (StagingStore st = StagingStore.open(jammed)) {
      int kept = st.pages(st.batches().getFirst().id()).size();
      assertThat(kept).isBetween(1, 3);
      assertThat(st.check().ok()).isTrue();
    }
  }
}
