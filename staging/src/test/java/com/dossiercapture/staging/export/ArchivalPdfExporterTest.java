package com.dossiercapture.staging.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.staging.StagingStore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDPageLabels;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.w3c.dom.Element;

class ArchivalPdfExporterTest {

  /** Generated pages before the first scanned page: cover and one contents page. */
  private static final int LEADING = 2;

  @TempDir Path tmp;
  private StagingStore store;
  private ExportFixture fixture;
  private final ExportOptions options = ExportOptions.defaults().withActor("导出员").withThreads(2);

  @BeforeAll
  static void veraPdf() {
    VeraGreenfieldFoundryProvider.initialise();
  }

  @BeforeEach
  void setUp() {
    store = StagingStore.open(tmp.resolve("store"));
    fixture = ExportFixture.standard(store);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  static List<String> pdfaFailures(Path pdf) throws Exception {
    PDFAFlavour flavour = PDFAFlavour.fromString("2b");
    try (PDFAParser parser = Foundries.defaultInstance().createParser(pdf.toFile(), flavour);
        PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
      ValidationResult result = validator.validate(parser);
      List<String> failures = new ArrayList<>();
      for (TestAssertion a : result.getTestAssertions()) {
        if (a.getStatus() == TestAssertion.Status.FAILED) {
          failures.add(a.getRuleId() + " " + a.getMessage() + " @ " + a.getLocationContext());
        }
      }
      if (!result.isCompliant() && failures.isEmpty()) {
        failures.add("not compliant (no failed assertion reported)");
      }
      return failures;
    }
  }

  private Path exportVolume() {
    Path out = tmp.resolve("out").resolve("卷宗.pdf");
    ExportResult r = new ArchivalPdfExporter(store).exportDossier(ExportFixture.CASE, out, options);
    assertThat(r.files()).containsExactly(out.toAbsolutePath().normalize());
    assertThat(r.scannedPages()).isEqualTo(6);
    assertThat(r.numberedPages()).isEqualTo(5);
    assertThat(r.totalPages()).isEqualTo(6 + LEADING + 1);
    assertThat(r.warnings()).isEmpty();
    return out;
  }

  @Test
  void volumeIsPdfA2bConformant() throws Exception {
    Path out = exportVolume();
    assertThat(pdfaFailures(out)).isEmpty();
  }

  @Test
  void textLayerReadsBackAsTheOcrTextWithoutSpacesBetweenCjkCharacters() throws Exception {
    Path out = exportVolume();
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      PDFTextStripper s = new PDFTextStripper();
      s.setLineSeparator("\n");
      for (int i = 0; i < fixture.pagesInOrder.size(); i++) {
        s.setStartPage(LEADING + i + 1);
        s.setEndPage(LEADING + i + 1);
        String got = s.getText(doc).strip();
        String want = fixture.pagesInOrder.get(i).text();
        assertThat(got.replaceAll("\\s+", ""))
            .as("characters of scanned page %d", i + 1)
            .isEqualTo(want.replaceAll("\\s+", ""));
        assertThat(got.lines().filter(l -> !l.isBlank()).count())
            .as("lines of scanned page %d", i + 1)
            .isEqualTo(want.lines().count());
        assertThat(got)
            .as("no space between two CJK characters on page %d", i + 1)
            .doesNotContainPattern("[\\p{IsHan}，。：；（）] +[\\p{IsHan}，。：；（）]");
      }
      // Pages with line texts keep their exact spacing (Latin words separated, CJK joined).
      s.setStartPage(LEADING + 2);
      s.setEndPage(LEADING + 2);
      assertThat(s.getText(doc).strip().lines().map(String::strip).toList())
          .containsExactlyElementsOf(fixture.pagesInOrder.get(1).text().lines().toList());
      // Searching finds the case number on the judgment.
      s.setStartPage(LEADING + 5);
      s.setEndPage(LEADING + 5);
      assertThat(s.getText(doc)).contains("（2024）湘0602民初1234号");
    }
  }

  @Test
  void bookmarksLabelsContentsAndMetadata() throws Exception {
    Path out = exportVolume();
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      List<String> titles = new ArrayList<>();
      List<Integer> targets = new ArrayList<>();
      for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
        titles.add(item.getTitle());
        targets.add(doc.getPages().indexOf(item.findDestinationPage(doc)));
      }
      assertThat(titles).containsExactlyElementsOf(fixture.bookmarks);
      assertThat(targets).containsExactly(0, 1, 2, 3, 5, 6, 8);

      PDPageLabels labels = doc.getDocumentCatalog().getPageLabels();
      assertThat(labels.getLabelsByPageIndices())
          .containsExactly("封面", "目录", "卷宗封面-1", "1", "2", "3", "4", "5", "备考表");

      PDFTextStripper s = new PDFTextStripper();
      s.setStartPage(2);
      s.setEndPage(2);
      String contents = s.getText(doc);
      assertThat(contents).contains("卷 内 目 录", "序号", "文书名称", "页号", "备注");
      assertThat(contents)
          .containsSubsequence("卷宗封面", "不编页号", "民事起诉状", "1–2", "借款合同及转账记录", "3", "民事判决书", "4–5");
      s.setStartPage(1);
      s.setEndPage(1);
      assertThat(s.getText(doc))
          .contains(ExportFixture.COURT, ExportFixture.CASE, "档案员王芳", "共 5 页");

      var info = doc.getDocumentInformation();
      assertThat(info.getTitle()).contains(ExportFixture.CASE);
      assertThat(info.getAuthor()).isEqualTo(ExportFixture.COURT);
      String xmp =
          new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertThat(xmp)
          .contains("<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>")
          .contains("<dcdossier:caseNumber>" + ExportFixture.CASE + "</dcdossier:caseNumber>")
          .contains("<dcdossier:verifiedBy>档案员王芳</dcdossier:verifiedBy>")
          .contains("<dcdossier:exportedBy>导出员</dcdossier:exportedBy>");
    }
  }

  @Test
  void pageImagesKeepTheirResolutionWithTheRightCompression() throws Exception {
    Path out = exportVolume();
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      List<String> filters = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        PDPage page = doc.getPage(LEADING + i);
        PDImageXObject img = null;
        for (COSName n : page.getResources().getXObjectNames()) {
          img = (PDImageXObject) page.getResources().getXObject(n);
        }
        assertThat(img).as("image of scanned page %d", i + 1).isNotNull();
        // Upright: the sideways page (i = 2) is portrait in the PDF.
        assertThat(img.getWidth()).isEqualTo(ExportFixture.W);
        assertThat(img.getHeight()).isEqualTo(ExportFixture.H);
        assertThat(page.getMediaBox().getWidth())
            .isCloseTo(
                ExportFixture.W * 72f / ExportFixture.DPI,
                org.assertj.core.data.Offset.offset(0.01f));
        filters.add(img.getCOSObject().getCOSName(COSName.FILTER).getName());
      }
      assertThat(filters)
          .containsExactly(
              "DCTDecode",
              "DCTDecode",
              "DCTDecode",
              "DCTDecode",
              "CCITTFaxDecode",
              "CCITTFaxDecode");
      // CCITT G4 is lossless: the bitonal page decodes to exactly the scanned pixels.
      PDPage bw = doc.getPage(LEADING + 4);
      PDImageXObject img =
          (PDImageXObject)
              bw.getResources().getXObject(bw.getResources().getXObjectNames().iterator().next());
      var decoded = img.getImage();
      var original =
          ImageIO.read(
              new java.io.ByteArrayInputStream(
                  store.readOriginal(fixture.pagesInOrder.get(4).page().id())));
      int differ = 0;
      for (int y = 0; y < original.getHeight(); y++) {
        for (int x = 0; x < original.getWidth(); x++) {
          if ((decoded.getRGB(x, y) & 0xFFFFFF) != (original.getRGB(x, y) & 0xFFFFFF)) {
            differ++;
          }
        }
      }
      assertThat(differ).as("pixels that differ from the scan").isZero();
    }
    // Bitonal pages are lossless; a 100-dpi test dossier stays small.
    assertThat(Files.size(out)).isLessThan(2_000_000);
  }

  @Test
  void exportIsAuditedWithTheFileHash() throws Exception {
    Path out = exportVolume();
    String hash = ArchivalPdfExporter.sha256(out);
    assertThat(store.auditLog())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("dossier.export");
              assertThat(e.actor()).isEqualTo("导出员");
              assertThat(e.detail()).contains(hash);
            });
    assertThat(store.verifyAuditChain()).isEmpty();
  }

  @Test
  void perDocumentPdfsAreConformantAndCarryTheDossierPageNumbers() throws Exception {
    Path dir = tmp.resolve("docs");
    ExportResult r =
        new ArchivalPdfExporter(store).exportDocuments(ExportFixture.CASE, dir, options);
    assertThat(r.files().stream().map(p -> p.getFileName().toString()))
        .containsExactly("01-卷宗封面.pdf", "02-民事起诉状.pdf", "03-借款合同及转账记录.pdf", "04-民事判决书.pdf");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.count()).as("no working files left").isEqualTo(4);
    }
    Path judgment = dir.resolve("04-民事判决书.pdf");
    assertThat(pdfaFailures(judgment)).isEmpty();
    try (PDDocument doc = Loader.loadPDF(judgment.toFile())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(doc.getDocumentCatalog().getPageLabels().getLabelsByPageIndices())
          .containsExactly("4", "5");
    }
  }

  @Test
  void pageJpegsAreColourAt300Dpi() throws Exception {
    Path dir = tmp.resolve("jpeg");
    ExportResult r =
        new ArchivalPdfExporter(store).exportPageJpegs(ExportFixture.CASE, dir, options);
    assertThat(r.files().stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            "0001_cover-1.jpg",
            "0002_p1.jpg",
            "0003_p2.jpg",
            "0004_p3.jpg",
            "0005_p4.jpg",
            "0006_p5.jpg");
    File f = dir.resolve("0003_p2.jpg").toFile();
    try (ImageInputStream in = ImageIO.createImageInputStream(f)) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getWidth(0)).isEqualTo(Math.round(ExportFixture.W * 3f));
      assertThat(reader.getHeight(0)).isEqualTo(Math.round(ExportFixture.H * 3f));
      assertThat(reader.getRawImageType(0).getNumBands()).isEqualTo(3);
      IIOMetadata md = reader.getImageMetadata(0);
      Element jfif =
          (Element)
              ((Element) md.getAsTree("javax_imageio_jpeg_image_1.0"))
                  .getElementsByTagName("app0JFIF")
                  .item(0);
      assertThat(jfif.getAttribute("Xdensity")).isEqualTo("300");
      assertThat(jfif.getAttribute("resUnits")).isEqualTo("1");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bad input: a clear error and nothing left behind

  private static List<String> names(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void unknownCaseNumberIsNotFound() throws IOException {
    Path out = tmp.resolve("x").resolve("a.pdf");
    ArchivalPdfExporter e = new ArchivalPdfExporter(store);
    assertThatThrownBy(() -> e.exportDossier("（2024）湘0602民初9999号", out, options))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("has no dossier （2024）湘0602民初9999号")
        .extracting(x -> ((ExportException) x).kind())
        .isEqualTo(ExportException.Kind.NOT_FOUND);
    assertThatThrownBy(() -> e.exportDossier("hello", out, options))
        .hasMessageContaining("'hello' is not a case number");
    assertThat(names(out.getParent())).isEmpty();
  }

  @Test
  void dossierWithoutDocumentsIsRefused() throws IOException {
    store.openDossier("（2024）湘0602民初7号", ExportFixture.COURT, "tester");
    Path out = tmp.resolve("empty.pdf");
    assertThatThrownBy(
            () -> new ArchivalPdfExporter(store).exportDossier("(2024)湘0602民初7号", out, options))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("has no documents with pages")
        .extracting(x -> ((ExportException) x).kind())
        .isEqualTo(ExportException.Kind.NO_DOCUMENTS);
    assertThat(out).doesNotExist();
  }

  @Test
  void unwritableOutputIsAClearError() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    assertThatThrownBy(
            () ->
                new ArchivalPdfExporter(store)
                    .exportDossier(ExportFixture.CASE, file.resolve("a.pdf"), options))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("cannot create the folder")
        .extracting(x -> ((ExportException) x).kind())
        .isEqualTo(ExportException.Kind.OUTPUT);
    assertThatThrownBy(
            () -> new ArchivalPdfExporter(store).exportDossier(ExportFixture.CASE, tmp, options))
        .hasMessageContaining("is a folder");
  }

  @Test
  void damagedPageStopsTheExportAndLeavesThePreviousFileUntouched() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("damaged"));
    Path out = dir.resolve("卷宗.pdf");
    Files.writeString(out, "previous export");
    var victim = fixture.pagesInOrder.get(4).page();
    Files.write(store.originalPath(victim), new byte[] {1, 2, 3});
    assertThatThrownBy(
            () -> new ArchivalPdfExporter(store).exportDossier(ExportFixture.CASE, out, options))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("page 1 of document 4 (民事判决书")
        .extracting(x -> ((ExportException) x).kind())
        .isEqualTo(ExportException.Kind.DAMAGED_PAGE);
    assertThat(names(dir)).containsExactly("卷宗.pdf");
    assertThat(Files.readString(out)).isEqualTo("previous export");

    Path docs = tmp.resolve("damaged-docs");
    assertThatThrownBy(
            () -> new ArchivalPdfExporter(store).exportDocuments(ExportFixture.CASE, docs, options))
        .isInstanceOf(ExportException.class);
    assertThat(names(docs)).isEmpty();
  }

  @Test
  void jpegQualityOutOfRangeIsRefused() {
    assertThatThrownBy(() -> options.withJpegQuality(1.5f))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("out of range");
    assertThat(Arrays.asList(ExportException.Kind.values()))
        .contains(ExportException.Kind.INVALID_OPTION);
  }
}
