package com.dossiercapture.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.testsupport.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files are refused with a clear message, and nothing else in the store changes. */
class BadInputTest {

  @TempDir Path dir;
  StagingStore store;
  Batch batch;
  Page good;

  @BeforeEach
  void open() {
    store = StagingStore.open(dir);
    batch = store.createBatch(BatchSpec.of("op"));
    good = store.ingestRaster(batch.id(), TestPages.page(300, 400, 1), PageMeta.of("good", 100));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void assertRefused(byte[] bytes, String messagePart) throws Exception {
    int audits = store.auditLog().size();
    long files = countFiles();
    assertThatThrownBy(() -> store.ingestFile(batch.id(), bytes, PageMeta.of("scan.bin", 300)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("scan.bin")
        .hasMessageContaining(messagePart)
        .satisfies(
            e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.BAD_IMAGE));
    assertThat(store.pages(batch.id())).containsExactly(store.page(good.id()));
    assertThat(store.auditLog()).hasSize(audits);
    assertThat(countFiles()).isEqualTo(files);
    assertThat(store.readOriginal(good.id())).isNotEmpty();
    assertThat(store.check().ok()).isTrue();
  }

  private long countFiles() throws Exception {
    try (Stream<Path> s = Files.walk(dir.resolve("pages"))) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void zeroBytes() throws Exception {
    assertRefused(new byte[0], "empty");
  }

  @Test
  void notAnImage() throws Exception {
    assertRefused("hello, this is a text file".getBytes(), "not a PNG, JPEG or TIFF");
  }

  @Test
  void truncatedPng() throws Exception {
    byte[] png = TestPages.png(TestPages.page(600, 800, 3));
    assertRefused(Arrays.copyOf(png, png.length / 2), "corrupt or truncated");
  }

  @Test
  void truncatedJpeg() throws Exception {
    byte[] jpg = TestPages.encode(TestPages.page(600, 800, 4), "jpg");
    assertRefused(Arrays.copyOf(jpg, 200), "corrupt or truncated");
  }

  @Test
  void pngHeaderClaimingAnAbsurdSizeIsRefusedBeforeDecoding() throws Exception {
    assertRefused(pngHeaderOnly(35_000, 35_000), "35000×35000");
  }

  @Test
  void pdfIsNotAPageImage() throws Exception {
    assertRefused("%PDF-1.7\n%%EOF\n".getBytes(), "render its pages first");
  }

  @Test
  void realWorldInvalidPdfIsRefused() throws Exception {
    Path f = SharedFiles.realworld("ocrmypdf-test-resources/invalid.pdf");
    assertRefused(Files.readAllBytes(f), "PDF");
  }

  @Test
  void realWorldAllBlackJpegIsAValidPage() throws Exception {
    Path f = SharedFiles.realworld("rapidocr-test-files/empty_black.jpg");
    Page p = store.ingestFile(batch.id(), Files.readAllBytes(f), PageMeta.of("empty_black.jpg", 0));
    assertThat(p.format()).isEqualTo("jpg");
    assertThat(store.readOriginal(p.id())).isEqualTo(Files.readAllBytes(f)); // kept bit for bit
  }

  @Test
  void aRasterBeyondTheLimitsIsRefused() {
    try (StagingStore small =
        StagingStore.open(
            dir.resolve("small"),
            new com.dossiercapture.staging.image.ImageProbe.Limits(1 << 20, 10_000, 1000))) {
      Batch b = small.createBatch(BatchSpec.of("op"));
      assertThatThrownBy(
              () -> small.ingestRaster(b.id(), TestPages.page(200, 200, 1), PageMeta.of("x", 100)))
          .hasMessageContaining("megapixels");
      assertThat(small.pageCount()).isZero();
    }
  }

  /** A PNG signature and IHDR that claim a size, with no pixel data at all. */
  static byte[] pngHeaderOnly(int w, int h) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bo);
    out.write(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10});
    byte[] ihdr = new byte[17];
    System.arraycopy("IHDR".getBytes(), 0, ihdr, 0, 4);
    ihdr[4] = (byte) (w >>> 24);
    ihdr[5] = (byte) (w >>> 16);
    ihdr[6] = (byte) (w >>> 8);
    ihdr[7] = (byte) w;
    ihdr[8] = (byte) (h >>> 24);
    ihdr[9] = (byte) (h >>> 16);
    ihdr[10] = (byte) (h >>> 8);
    ihdr[11] = (byte) h;
    ihdr[12] = 8; // bit depth
    ihdr[13] = 0; // grey
    out.writeInt(13);
    out.write(ihdr);
    CRC32 crc = new CRC32();
    crc.update(ihdr);
    out.writeInt((int) crc.getValue());
    return bo.toByteArray();
  }
}
