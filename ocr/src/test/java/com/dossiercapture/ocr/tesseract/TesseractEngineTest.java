package com.dossiercapture.ocr.tesseract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrException;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.ocr.nativeutil.NativeEnv;
import com.dossiercapture.testsupport.SharedFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TesseractEngineTest {

  static BufferedImage rendered(String[] lines, int dpi) {
    int w = dpi * 7;
    int h = dpi * 3;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font("Noto Serif CJK SC", Font.PLAIN, dpi * 14 / 72));
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], dpi / 2, dpi / 2 + i * dpi * 14 / 72 * 2);
    }
    g.dispose();
    return img;
  }

  @Test
  void readsChineseWithoutSpacesWithBoxesAndConfidences() {
    BufferedImage img = rendered(new String[] {"民事判决书", "原告张三与被告李四民间借贷纠纷一案"}, 300);
    try (TesseractEngine e = new TesseractEngine(TesseractEngine.Settings.of("chi_sim"))) {
      assertThat(NativeEnv.get("OMP_THREAD_LIMIT")).isEqualTo("1");
      OcrResult r = e.recognise(img, 300);
      assertThat(r.lines()).hasSize(2);
      assertThat(r.lines().getFirst().text()).isEqualTo("民事判决书");
      assertThat(r.text()).doesNotContain(" ").contains("民间借贷纠纷");
      assertThat(r.words())
          .allSatisfy(
              w -> {
                assertThat(w.confidence()).isBetween(0.0, 1.0);
                assertThat(w.box().width()).isPositive();
              });
      assertThat(r.meanConfidence()).isGreaterThan(0.8);
      // A region: boxes come back in whole-image coordinates.
      Box second = r.lines().get(1).box();
      OcrResult part =
          e.recognise(img, 300, new Box(0, second.y() - 20, img.getWidth(), second.height() + 40));
      assertThat(part.text()).contains("民间借贷纠纷");
      assertThat(part.lines().getFirst().box().y()).isBetween(second.y() - 5, second.y() + 5);
    }
  }

  @Test
  void aRegionOfAGreyImageGivesTheSameBytesAsTheColourConvertingPath() {
    BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
    var raster = grey.getRaster();
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        raster.setSample(x, y, 0, (x * 7 + y * 13) % 256);
      }
    }
    BufferedImage region = grey.getSubimage(5, 7, 20, 11);
    byte[] expected = new byte[20 * 11];
    for (int y = 0; y < 11; y++) {
      for (int x = 0; x < 20; x++) {
        int rgb = region.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        expected[y * 20 + x] = (byte) ((299 * r + 587 * g + 114 * b) / 1000);
      }
    }
    assertThat(TesseractEngine.greyBytes(region)).isEqualTo(expected);
    // Mid greys come out lighter (Java's grey colour space), black and white stay.
    assertThat(expected[0] & 0xff).isNotEqualTo((5 * 7 + 7 * 13) % 256);
  }

  @Test
  void latinWordsKeepTheirSpaces() {
    assertThat(TesseractEngine.needsSpace('a', 'b')).isTrue();
    assertThat(TesseractEngine.needsSpace('书', 'a')).isFalse();
    assertThat(TesseractEngine.needsSpace('，', '原')).isFalse();
  }

  @Test
  void missingLanguageDataIsExplained(@org.junit.jupiter.api.io.TempDir Path empty) {
    assertThatThrownBy(() -> new TesseractEngine(new TesseractEngine.Settings(empty, "chi_sim", 3)))
        .isInstanceOf(OcrException.class)
        .hasMessageContaining("chi_sim.traineddata")
        .hasMessageContaining("apt-get install tesseract-ocr-chi-sim");
  }

  @Test
  void realWorldEnglishScan() throws Exception {
    Path png = SharedFiles.realworld("ocrmypdf-test-resources/linn.png");
    Path txt = png.resolveSibling("linn.txt");
    BufferedImage img = ImageIO.read(png.toFile());
    try (TesseractEngine e = new TesseractEngine(TesseractEngine.Settings.of("eng"))) {
      String text = e.recognise(img, 300).text();
      String expected = Files.readString(txt);
      // Distinctive words of the page's real text come out, with spaces between Latin words.
      long found =
          java.util.Arrays.stream(expected.split("\\s+"))
              .filter(wd -> wd.length() >= 6 && wd.matches("[A-Za-z]+"))
              .distinct()
              .limit(40)
              .filter(text::contains)
              .count();
      assertThat(found).isGreaterThanOrEqualTo(30);
      assertThat(text).contains(" ");
    }
  }
}
