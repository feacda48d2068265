package com.dossiercapture.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.Main;
import com.dossiercapture.samples.SampleBatch;
import com.dossiercapture.samples.Scorer;
import com.dossiercapture.staging.StagingStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the shipped sample batch: the {@code process} command runs the real pipeline
 * (OpenCV, ZXing, Tesseract) and the scorer compares its report with the ground truth. The
 * thresholds are a regression net well below what the pipeline measures (see the closing notes);
 * the full accuracy figures come from the corpus benchmark.
 */
class SampleBatchPipelineTest {

  @TempDir Path tmp;

  @Test
  void processedSampleBatchMatchesItsGroundTruth() throws Exception {
    Path in = SampleBatch.extractTo(tmp.resolve("batch"));
    Path report = tmp.resolve("report.jsonl");
    Path store = tmp.resolve("store");
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code =
        cl.execute(
            "process",
            "--input",
            in.toString(),
            "--report",
            report.toString(),
            "--store",
            store.toString(),
            "--workers",
            "2");
    assertThat(code).as(err.toString()).isZero();

    Scorer.Score s =
        Scorer.score(Scorer.read(in.resolve("ground-truth.jsonl")), Scorer.read(report));
    assertThat(s.separatorsDecoded()).isEqualTo(s.separators()).isPositive();
    assertThat(s.orientationAccuracy()).isGreaterThanOrEqualTo(0.95);
    assertThat(s.blankRecall()).isEqualTo(1.0);
    assertThat(s.contentCalledBlank()).isZero();
    assertThat(s.docTypeAccuracy()).isGreaterThanOrEqualTo(0.8);
    assertThat(s.skewMae()).isLessThan(0.5);

    try (StagingStore st = StagingStore.open(store)) {
      var pages = st.pages(st.batches().getFirst().id());
      assertThat(pages).hasSize(SampleBatch.truth().size());
      assertThat(pages).allSatisfy(p -> assertThat(p.status()).isEqualTo("processed"));
      var first = st.result(pages.getFirst().id()).orElseThrow();
      assertThat(first.separator()).isTrue();
      assertThat(first.documentStart()).isTrue();
      assertThat(st.check().ok()).isTrue();
      // Assembled: one dossier per separator sheet, named by its QR code, documents in order.
      long separators =
          SampleBatch.truth().stream().filter(t -> t.path("separator").asBoolean()).count();
      assertThat(st.dossiers()).hasSize((int) separators);
      var docs = new com.dossiercapture.staging.Documents(st);
      for (var d : st.dossiers()) {
        assertThat(docs.list(d.id())).isNotEmpty();
      }
      // and approvable as a whole
      var approved =
          new com.dossiercapture.staging.Approval(st)
              .approve(st.dossiers().getFirst().id(), "archivist");
      assertThat(approved.outboxItem()).isNotNull();
    }
  }
}
