package com.dossiercapture.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.ocr.engine.OcrException;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.testsupport.SharedFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every real-world file of {@code ../shared/realworld} that decodes (images with ImageIO, the first
 * page of PDFs at 36 dpi to keep the test short) goes through PP-OCR without killing the JVM: a
 * result or an OcrException. Skipped with a message when the shared folder is absent. Left out:
 * {@code hugemono.pdf}, whose 8400 x 8400 px mono image PDFBox alone takes minutes to render (not
 * an OCR matter), and {@code linn.png}, a dense English page (same content as {@code linn.pdf})
 * that costs ~10 s of recognition.
 */
class PaddleRealWorldTest {

  @Test
  void realWorldFilesGiveAResultOrOcrException() throws Exception {
    Path shared = SharedFiles.sharedDir();
    Assumptions.assumeTrue(
        shared != null && Files.isDirectory(shared.resolve("realworld")),
        "skipped: ../shared/realworld is not beside the repository");
    List<Path> files;
    try (Stream<Path> s = Files.walk(shared.resolve("realworld"))) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|pdf)"))
              .filter(p -> !SLOW.contains(p.getFileName().toString()))
              .sorted()
              .toList();
    }
    assertThat(files).isNotEmpty();
    List<String> read = new ArrayList<>();
    try (PaddleOcrEngine engine = new PaddleOcrEngine()) {
      for (Path f : files) {
        BufferedImage img = decode(f);
        if (img == null) {
          continue;
        }
        try {
          OcrResult r = engine.recognise(img, 72);
          read.add(f.getFileName() + ":" + r.characterCount());
        } catch (OcrException e) {
          read.add(f.getFileName() + ":refused");
        }
      }
      // A real page with Chinese and digits reads as text.
      assertThat(read).anyMatch(s -> s.startsWith("ch_en_num.jpg:") && !s.endsWith(":0"));
    }
    assertThat(read).hasSizeGreaterThan(10);
  }

  static final java.util.Set<String> SLOW = java.util.Set.of("hugemono.pdf", "linn.png");

  /** The image or the first PDF page at 36 dpi; null when it does not decode (not OCR's job). */
  static BufferedImage decode(Path f) {
    try {
      if (f.toString().toLowerCase().endsWith(".pdf")) {
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
          if (doc.getNumberOfPages() == 0) {
            return null;
          }
          return new PDFRenderer(doc).renderImageWithDPI(0, 36, ImageType.RGB);
        }
      }
      return ImageIO.read(f.toFile());
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return null;
    }
  }
}
