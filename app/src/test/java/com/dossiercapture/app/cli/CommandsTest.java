package com.dossiercapture.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.TestImages;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.testsupport.SharedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest extends CliTestBase {

  @TempDir Path tmp;

  List<JsonNode> report(Path file) throws Exception {
    ObjectMapper m = new ObjectMapper();
    return Files.readAllLines(file).stream()
        .map(
            l -> {
              try {
                return m.readTree(l);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
              }
            })
        .toList();
  }

  @Test
  void helpIsChineseByDefaultAndEnglishOnRequest() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("卷宗扫描工作站").contains("check-store");
    out.getBuffer().setLength(0);
    assertThat(run("--lang", "en", "check-store", "--help")).isZero();
    assertThat(out.toString()).contains("Check a staging store");
  }

  @Test
  void versionPrintsTheProduct() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).contains("Dossier Capture").contains("Java 2");
  }

  @Test
  void processReportsEveryPageInOrderAndGoesOnPastBadFiles() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    TestImages.png(in.resolve("p01.png"), "COVER");
    TestImages.multiPageTiff(in.resolve("p02.tif"), "ONE", "TWO", "THREE");
    TestImages.pdf(in.resolve("p03.pdf"), "PDF-A", "PDF-B");
    Files.write(in.resolve("p04.png"), new byte[0]);
    Files.write(in.resolve("p05.pdf"), "%PDF-1.4\n%%EOF".getBytes());
    Files.writeString(in.resolve("notes.txt"), "not a page: ignored");
    byte[] good = TestImages.bytes(TestImages.page("LAST", 300, 400));
    Files.write(in.resolve("p06.png"), Arrays.copyOf(good, good.length - 40)); // truncated
    TestImages.png(in.resolve("p07.png"), "END");
    Path reportFile = tmp.resolve("out/report.jsonl");
    Path store = tmp.resolve("store");

    int code =
        run(
            "process",
            "--input",
            in.toString(),
            "--report",
            reportFile.toString(),
            "--store",
            store.toString(),
            "--workers",
            "2");

    assertThat(code).as(err.toString()).isEqualTo(3);
    List<JsonNode> lines = report(reportFile);
    assertThat(lines)
        .extracting(n -> n.get("source").asText())
        .containsExactly(
            "p01.png",
            "p02.tif#1",
            "p02.tif#2",
            "p02.tif#3",
            "p03.pdf#1",
            "p03.pdf#2",
            "p04.png",
            "p05.pdf",
            "p06.png",
            "p07.png");
    assertThat(lines)
        .extracting(n -> n.get("index").asInt())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(lines.get(6).get("error").asText()).contains("empty");
    assertThat(lines.get(7).get("error").asText()).contains("PDF");
    assertThat(lines.get(8).get("error").asText()).contains("corrupt or truncated");
    assertThat(lines.stream().filter(n -> n.has("error"))).hasSize(3);
    try (StagingStore st = StagingStore.open(store)) {
      assertThat(st.pageCount()).isEqualTo(7);
      for (JsonNode n : lines) {
        if (!n.has("error")) {
          long id = n.get("pageId").asLong();
          assertThat(StagingStore.sha256(st.readOriginal(id))).isEqualTo(n.get("sha256").asText());
        }
      }
      assertThat(st.check().ok()).isTrue();
    }
    // The PNG's original bytes are kept as they were, bit for bit.
    assertThat(lines.get(0).get("sha256").asText())
        .isEqualTo(StagingStore.sha256(Files.readAllBytes(in.resolve("p01.png"))));
  }

  @Test
  void processOfAllGoodFilesExitsZeroAndLeavesNoThrowAwayStore() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    TestImages.png(in.resolve("a.png"), "A");
    TestImages.png(in.resolve("b.png"), "B");
    Path reportFile = tmp.resolve("r.jsonl");
    long before = countTempStores();
    assertThat(run("process", "--input", in.toString(), "--report", reportFile.toString()))
        .isZero();
    assertThat(report(reportFile)).hasSize(2);
    assertThat(countTempStores()).isEqualTo(before);
  }

  private static long countTempStores() throws Exception {
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("dossier-capture-process-"))
          .count();
    }
  }

  @Test
  void processWithBadArgumentsExitsTwo() {
    assertThat(
            run(
                "process",
                "--input",
                tmp.resolve("missing").toString(),
                "--report",
                tmp.resolve("r").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("不是文件夹");
    assertThat(run("process", "--report", "x")).isEqualTo(2); // --input missing
  }

  @Test
  void realWorldFilesAreHandledOrRefusedClearly() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("rw"));
    for (String f : List.of("invalid.pdf", "hugemono.pdf", "ccitt.pdf", "linn.png")) {
      Path src = SharedFiles.realworld("ocrmypdf-test-resources/" + f);
      Files.copy(src, in.resolve(f));
    }
    Path reportFile = tmp.resolve("rw.jsonl");
    assertThat(run("process", "--input", in.toString(), "--report", reportFile.toString()))
        .isEqualTo(3);
    List<JsonNode> lines = report(reportFile);
    JsonNode ccitt =
        lines.stream()
            .filter(n -> n.get("source").asText().equals("ccitt.pdf#1"))
            .findFirst()
            .orElseThrow();
    assertThat(ccitt.has("error")).isFalse();
    JsonNode huge =
        lines.stream()
            .filter(n -> n.get("source").asText().startsWith("hugemono.pdf"))
            .findFirst()
            .orElseThrow();
    assertThat(huge.get("error").asText()).contains("35000×35000");
    JsonNode invalid =
        lines.stream()
            .filter(n -> n.get("source").asText().equals("invalid.pdf"))
            .findFirst()
            .orElseThrow();
    assertThat(invalid.get("error").asText()).contains("not a readable PDF");
  }

  @Test
  void checkStoreSaysWhetherAllIsWell() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    TestImages.png(in.resolve("a.png"), "A");
    Path store = tmp.resolve("store");
    assertThat(
            run(
                "process",
                "--input",
                in.toString(),
                "--report",
                tmp.resolve("r.jsonl").toString(),
                "--store",
                store.toString()))
        .isZero();
    out.getBuffer().setLength(0);
    assertThat(run("check-store", store.toString())).isZero();
    assertThat(out.toString()).contains("暂存库完好");
    // Damage a page file behind the store's back.
    Path file;
    try (var s = Files.walk(store.resolve("pages"))) {
      file = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 1;
    Files.write(file, b);
    out.getBuffer().setLength(0);
    assertThat(run("--lang", "en", "check-store", store.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("does not match its SHA-256");
    assertThat(run("check-store", tmp.resolve("nothing").toString())).isEqualTo(2);
  }

  @Test
  void separatorSheetCarriesAReadableQrCodeNamingTheCase() throws Exception {
    Path png = tmp.resolve("sheet.png");
    assertThat(
            run(
                "separator",
                "--case",
                "(2024)湘0602民初1234号",
                "--out",
                png.toString(),
                "--court",
                "岳阳楼区人民法院"))
        .isZero();
    var img = javax.imageio.ImageIO.read(png.toFile());
    var bitmap =
        new com.google.zxing.BinaryBitmap(
            new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(img)));
    var results = new com.google.zxing.multi.qrcode.QRCodeMultiReader().decodeMultiple(bitmap);
    assertThat(results).isNotEmpty();
    assertThat(results)
        .allSatisfy(r -> assertThat(r.getText()).isEqualTo("DC-SEP:（2024）湘0602民初1234号"));
    Path pdf = tmp.resolve("sheet.pdf");
    assertThat(run("separator", "--case", "（2024）湘0602民初1234号", "--out", pdf.toString())).isZero();
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
    }
    assertThat(Files.size(pdf)).isLessThan(200_000);
    assertThat(run("separator", "--case", "1234", "--out", tmp.resolve("x.pdf").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("不是有效的案号");
    assertThat(tmp.resolve("x.pdf")).doesNotExist();
  }
}
