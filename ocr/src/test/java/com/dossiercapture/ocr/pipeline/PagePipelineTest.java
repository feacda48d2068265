package com.dossiercapture.ocr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dossiercapture.samples.SampleBatch;
import com.dossiercapture.testsupport.SharedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end on real Tesseract and OpenCV: a handful of pages of the fixed sample batch. */
class PagePipelineTest {

  private static PagePipeline pipeline;
  private static Map<String, JsonNode> truth;

  @BeforeAll
  static void start() {
    pipeline = new PagePipeline(PipelineSettings.defaults());
    truth =
        SampleBatch.truth().stream()
            .collect(Collectors.toMap(t -> t.path("source").asText(), t -> t));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  private static PageAnalysis run(String source) {
    BufferedImage img = SampleBatch.page(source);
    int before = img.getRGB(10, 10);
    PageAnalysis a = pipeline.analyze(img, truth.get(source).path("dpi").asInt());
    assertThat(img.getRGB(10, 10)).as("original untouched").isEqualTo(before);
    assertThat(a.ms()).containsKeys("orient", "deskew", "blank", "barcode", "ocr", "classify");
    return a;
  }

  @Test
  void aLineOfInkIsCoveredOnlyWhenOcrLinesSpanMostOfIt() {
    var band = new org.opencv.core.Rect(400, 100, 400, 60);
    var beside =
        new com.dossiercapture.ocr.engine.OcrLine(
            "x", new com.dossiercapture.ocr.engine.Box(400, 170, 400, 40), 0.9, List.of());
    var onIt =
        new com.dossiercapture.ocr.engine.OcrLine(
            "x", new com.dossiercapture.ocr.engine.Box(380, 105, 300, 50), 0.9, List.of());
    var part =
        new com.dossiercapture.ocr.engine.OcrLine(
            "x", new com.dossiercapture.ocr.engine.Box(700, 100, 100, 60), 0.9, List.of());
    assertThat(PagePipeline.covered(band, List.of())).isFalse();
    assertThat(PagePipeline.covered(band, List.of(beside))).as("below the band").isFalse();
    assertThat(PagePipeline.covered(band, List.of(part))).as("a quarter of it").isFalse();
    assertThat(PagePipeline.covered(band, List.of(onIt))).isTrue();
  }

  @Test
  void aTitledPageIsTypedBeforeItsOtherLinesAreRead() {
    List<String> events = new java.util.ArrayList<>();
    PageAnalysis a =
        pipeline.analyze(
            SampleBatch.page("p00013.png"),
            truth.get("p00013.png").path("dpi").asInt(),
            new PagePipeline.Progress() {
              @Override
              public void typed(String docType, double confidence) {
                events.add("typed " + docType);
              }

              @Override
              public void between() {
                events.add("between");
              }
            });
    assertThat(a.docType()).isEqualTo("judgment");
    assertThat(events).filteredOn(e -> e.startsWith("typed")).containsExactly("typed judgment");
    assertThat(events.getFirst()).as("typed before the body's lines").isEqualTo("typed judgment");
    assertThat(events).as("the body read line by line after").contains("between");
  }

  @Test
  void aPageWithoutTitleIsNotTypedEarly() {
    List<String> typed = new java.util.ArrayList<>();
    PageAnalysis a =
        pipeline.analyze(
            SampleBatch.page("p00014.png"),
            truth.get("p00014.png").path("dpi").asInt(),
            new PagePipeline.Progress() {
              @Override
              public void typed(String docType, double confidence) {
                typed.add(docType);
              }
            });
    assertThat(truth.get("p00014.png").path("documentStart").asBoolean()).isFalse();
    assertThat(typed).as("a continuation page: its type comes from the batch order").isEmpty();
    assertThat(a.text()).isNotBlank();
  }

  @Test
  void separatorSheet() {
    PageAnalysis a = run("p00001.png");
    JsonNode t = truth.get("p00001.png");
    assertThat(a.separator()).isTrue();
    assertThat(a.docType()).isEqualTo("separator");
    assertThat(a.barcode()).isEqualTo(t.path("barcode").asText());
    assertThat(a.caseNumber()).isEqualTo(t.path("caseNumber").asText());
  }

  @Test
  void sidewaysSkewedNoticeIsTurnedStraightenedReadAndClassified() {
    PageAnalysis a = run("p00006.png");
    JsonNode t = truth.get("p00006.png");
    assertThat(a.orientation()).isEqualTo(t.path("orientation").asInt()).isEqualTo(90);
    assertThat(a.skewDegrees()).isCloseTo(t.path("skewDegrees").asDouble(), within(0.3));
    assertThat(a.corrected().getHeight()).isGreaterThan(a.corrected().getWidth());
    assertThat(a.blank()).isFalse();
    assertThat(a.docType()).isEqualTo("evidence_notice");
    assertThat(a.text()).contains("举证").doesNotContain("举 证");
    assertThat(a.words()).isNotEmpty();
  }

  @Test
  void upsideDownPageIsTurnedBack() {
    PageAnalysis a = run("p00010.png");
    assertThat(truth.get("p00010.png").path("orientation").asInt()).isEqualTo(180);
    assertThat(a.orientation()).isEqualTo(180);
    assertThat(a.text()).contains("借");
  }

  @Test
  void aNearlyEmptyPageUpsideDownIsTurnedBackByPpOcrAlone() {
    // （此页无正文） and a seal: too few text boxes for Tesseract's title reads to be worth their
    // seconds; PP-OCR's reading of the page turned by 180° decides.
    BufferedImage img =
        com.dossiercapture.samples.ScanDamage.rotateClockwise(SampleBatch.page("p00015.png"), 180);
    PageAnalysis a = pipeline.analyze(img, truth.get("p00015.png").path("dpi").asInt());
    assertThat(a.orientation()).isEqualTo(180);
    assertThat(a.text()).contains("此页无正文");
    assertThat(a.blank()).isFalse();
  }

  @Test
  void blankBackAndNearEmptyPage() {
    PageAnalysis blank = run("p00023.png");
    assertThat(blank.blank()).isTrue();
    assertThat(blank.docType()).isEqualTo("blank");
    PageAnalysis nearEmpty = run("p00015.png");
    assertThat(truth.get("p00015.png").path("kind").asText()).isEqualTo("near_empty");
    assertThat(nearEmpty.blank()).as("（此页无正文）+ seal is not blank").isFalse();
  }

  @Test
  void theDateUnderTheCourtSealIsReadAndDatesTheDocument() {
    // The seal is stamped over the date. Read with the rest of the page, seal and date were one
    // blot: the date was lost (p00006) or misread (「2922年5月9日」, 「20年11月4日」).
    PageAnalysis notice = run("p00024.png");
    assertThat(notice.text()).contains("2022年5月9日");
    assertThat(notice.documentDate()).isEqualTo(java.time.LocalDate.of(2022, 5, 9));
    // A page scanned sideways: the seal is found on the page as turned upright.
    assertThat(run("p00006.png").documentDate()).isEqualTo(java.time.LocalDate.of(2018, 11, 7));
    // A traditional-script page.
    assertThat(run("p00005.png").documentDate()).isEqualTo(java.time.LocalDate.of(2018, 11, 4));
  }

  @Test
  void caseNumberAndParties() {
    PageAnalysis a = run("p00017.png");
    assertThat(a.docType()).isEqualTo("service_receipt");
    assertThat(a.caseNumber()).isEqualTo(truth.get("p00017.png").path("caseNumber").asText());
  }

  @Test
  void assemblerGroupsPagesIntoDocuments() {
    DocumentAssembler asm = new DocumentAssembler();
    List<DocumentAssembler.Decision> d =
        List.of(
            asm.next(page(true, false, "separator", 0.99)),
            asm.next(page(false, false, "complaint", 0.97)),
            asm.next(page(false, false, null, 0)),
            asm.next(page(false, true, "blank", 0.95)),
            asm.next(page(false, false, "service_receipt", 0.97)),
            asm.next(page(false, false, "service_receipt", 0.97)),
            asm.next(page(false, false, "ruling", 0.55)));
    assertThat(d)
        .extracting(DocumentAssembler.Decision::documentStart)
        .containsExactly(true, true, false, false, true, true, false);
    assertThat(d)
        .extracting(DocumentAssembler.Decision::docType)
        .containsExactly(
            "separator",
            "complaint",
            "complaint",
            "blank",
            "service_receipt",
            "service_receipt",
            "service_receipt");
    // Untitled pages straight after a separator start an evidence document.
    DocumentAssembler fresh = new DocumentAssembler();
    fresh.next(page(true, false, "separator", 0.99));
    assertThat(fresh.next(page(false, false, null, 0)))
        .isEqualTo(new DocumentAssembler.Decision("evidence", 0.3, true));
  }

  private static PageAnalysis page(boolean separator, boolean blank, String type, double conf) {
    return new PageAnalysis(
        0, 0, blank, separator, null, type, conf, null, null, List.of(), List.of(), null, null, "",
        List.of(), List.of(), List.of(), null, Map.of());
  }

  @Test
  void realWorldSkewedScanFromPdf() throws Exception {
    var pdf = SharedFiles.realworld("ocrmypdf-test-resources/skew.pdf");
    BufferedImage img;
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      img = new PDFRenderer(doc).renderImageWithDPI(0, 150, ImageType.GRAY);
    }
    try (PagePipeline eng =
        new PagePipeline(PipelineSettings.defaults().withLanguages(List.of("eng")))) {
      PageAnalysis a = eng.analyze(img, 150);
      assertThat(a.orientation()).isZero();
      assertThat(Math.abs(a.skewDegrees())).as("skew.pdf is visibly skewed").isGreaterThan(0.5);
      assertThat(a.text().length()).isGreaterThan(200);
    }
  }

  @Test
  void realWorldCardinalDirections() throws Exception {
    var pdf = SharedFiles.realworld("ocrmypdf-test-resources/cardinal.pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.toFile());
        PagePipeline eng =
            new PagePipeline(PipelineSettings.defaults().withLanguages(List.of("eng")))) {
      PDFRenderer r = new PDFRenderer(doc);
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        PageAnalysis a = eng.analyze(r.renderImageWithDPI(i, 100, ImageType.GRAY), 100);
        seen.add(a.orientation());
        assertThat(a.text()).as("page %d read after turning", i + 1).containsIgnoringCase("the");
      }
      // linn.png turned to each of the four directions.
      assertThat(seen).containsExactlyInAnyOrder(0, 90, 180, 270);
    }
  }
}
