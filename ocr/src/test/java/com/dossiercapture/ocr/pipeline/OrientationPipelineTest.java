package com.dossiercapture.ocr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.ocr.image.OrientationDetector;
import com.dossiercapture.samples.CorpusGenerator;
import com.dossiercapture.samples.GeneratedPage;
import com.dossiercapture.samples.ScanDamage;
import com.dossiercapture.testsupport.SharedFiles;
import java.awt.image.BufferedImage;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Orientation end to end on real Tesseract: generated court pages (a form-like transcript and a
 * table, the kinds whose text-line axis was misjudged) turned by 0/90/180/270, and the real scan
 * turned to the four cardinal directions from OCRmyPDF's test files when present.
 */
class OrientationPipelineTest {

  private static PagePipeline pipeline;
  private static List<GeneratedPage> pages;

  @BeforeAll
  static void start() {
    pipeline = new PagePipeline(PipelineSettings.defaults());
    pages =
        new CorpusGenerator(
                new CorpusGenerator.Options(4711, 30, 200, CorpusGenerator.Damage.NONE, 0))
            .generate();
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  private static GeneratedPage first(String type) {
    return pages.stream()
        .filter(p -> p.truth().docType().equals(type) && p.truth().documentStart())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " page generated"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 90, 180, 270})
  void aTranscriptTurnedAnyWayIsTurnedBack(int degrees) {
    GeneratedPage p = first("hearing_transcript");
    BufferedImage turned = ScanDamage.rotateClockwise(p.image(), degrees);
    PageAnalysis a = pipeline.analyze(turned, p.truth().dpi());
    assertThat(a.orientation()).isEqualTo(degrees);
    assertThat(a.text()).contains("审");
  }

  @ParameterizedTest
  @ValueSource(ints = {90, 270})
  void aTablePageTurnedSidewaysIsTurnedBack(int degrees) {
    GeneratedPage p = first("service_receipt");
    PageAnalysis a =
        pipeline.analyze(ScanDamage.rotateClockwise(p.image(), degrees), p.truth().dpi());
    assertThat(a.orientation()).isEqualTo(degrees);
  }

  @Test
  void verticalReadingsAreRecognised() {
    // Three tall lines of 10 characters: a page read as vertical columns.
    assertThat(
            OrientationDetector.readsVertically(
                new int[] {40, 40, 40}, new int[] {400, 400, 380}, new int[] {10, 10, 9}))
        .isTrue();
    // Ordinary horizontal lines, and a page with one short tall fragment.
    assertThat(
            OrientationDetector.readsVertically(
                new int[] {900, 1200, 300}, new int[] {50, 40, 40}, new int[] {12, 20, 6}))
        .isFalse();
    assertThat(
            OrientationDetector.readsVertically(
                new int[] {900, 30}, new int[] {50, 200}, new int[] {12, 4}))
        .isFalse();
  }

  @Test
  void aRealScanInTheFourCardinalDirections() throws Exception {
    var file = SharedFiles.realworld("ocrmypdf-test-resources/cardinal.pdf");
    try (PDDocument doc = Loader.loadPDF(file.toFile());
        PagePipeline eng =
            new PagePipeline(PipelineSettings.defaults().withLanguages(List.of("eng")))) {
      PDFRenderer r = new PDFRenderer(doc);
      int[] seen = new int[doc.getNumberOfPages()];
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        BufferedImage img = r.renderImageWithDPI(i, 150, ImageType.GRAY);
        seen[i] = eng.analyze(img, 150).orientation();
      }
      // The same page in four directions: four different answers, one of them upright.
      assertThat(seen).doesNotHaveDuplicates().contains(0);
    }
  }
}
