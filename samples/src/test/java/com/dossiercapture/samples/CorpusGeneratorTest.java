package com.dossiercapture.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {

  private static final Catalogue CATALOGUE = Catalogue.loadDefault();

  @Test
  void sameSeedSamePages() {
    var options = new CorpusGenerator.Options(42, 4, 100, CorpusGenerator.Damage.FULL, 0.2);
    List<GeneratedPage> a = new CorpusGenerator(options).generate();
    List<GeneratedPage> b = new CorpusGenerator(options).generate();
    assertThat(a).hasSize(4);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).truth()).isEqualTo(b.get(i).truth());
      assertThat(pixels(a.get(i).image())).isEqualTo(pixels(b.get(i).image()));
    }
    List<GeneratedPage> other =
        new CorpusGenerator(
                new CorpusGenerator.Options(43, 4, 100, CorpusGenerator.Damage.FULL, 0.2))
            .generate();
    assertThat(other.get(1).truth().text()).isNotEqualTo(a.get(1).truth().text());
  }

  private static byte[] pixels(BufferedImage img) {
    BufferedImage grey = ScanDamage.toGrey(img);
    return ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
  }

  @Test
  void dossiersComeInCatalogueOrderAfterASeparatorWithConsistentTruth() {
    List<GeneratedPage> pages =
        new CorpusGenerator(
                new CorpusGenerator.Options(7, 60, 72, CorpusGenerator.Damage.NONE, 0.2))
            .generate();
    assertThat(pages).hasSize(60);
    PageTruth first = pages.getFirst().truth();
    assertThat(first.separator()).isTrue();
    assertThat(first.docType()).isEqualTo(Catalogue.SEPARATOR);
    assertThat(first.documentStart()).isTrue();
    assertThat(first.barcode()).isEqualTo(CorpusGenerator.SEPARATOR_PREFIX + first.caseNumber());
    assertThat(CaseNumber.parse(first.caseNumber()).orElseThrow().normalised())
        .isEqualTo(first.caseNumber());

    int lastOrder = 0;
    String currentCase = null;
    boolean sawTraditional = false;
    boolean sawBlank = false;
    for (int i = 0; i < pages.size(); i++) {
      PageTruth t = pages.get(i).truth();
      assertThat(t.index()).isEqualTo(i);
      assertThat(t.source()).isEqualTo(String.format("p%05d.png", i + 1));
      assertThat(CATALOGUE.isKnownPageType(t.docType())).as(t.docType()).isTrue();
      if (t.separator()) {
        lastOrder = 0;
        currentCase = t.caseNumber();
        continue;
      }
      if (t.blank()) {
        sawBlank = true;
        assertThat(t.documentStart()).isFalse();
        assertThat(t.text()).isEmpty();
        continue;
      }
      int order = CATALOGUE.orderOf(t.docType());
      assertThat(order)
          .as("page %d (%s) in catalogue order", i, t.docType())
          .isGreaterThanOrEqualTo(lastOrder);
      lastOrder = order;
      if (t.caseNumber() != null) {
        assertThat(t.caseNumber()).isEqualTo(currentCase);
      }
      if (t.documentStart()) {
        assertThat(t.text()).isNotBlank();
      }
      sawTraditional |= t.script().equals("traditional");
      // With damage NONE nothing is turned.
      assertThat(t.orientation()).isZero();
      assertThat(t.skewDegrees()).isZero();
    }
    assertThat(sawTraditional).isTrue();
    assertThat(sawBlank).isTrue();
  }

  @Test
  void separatorQrDecodesToItsPayloadAfterDamage() throws Exception {
    var pages =
        new CorpusGenerator(new CorpusGenerator.Options(11, 1, 200, CorpusGenerator.Damage.FULL, 0))
            .generate();
    PageTruth t = pages.getFirst().truth();
    BufferedImage img = pages.getFirst().image();
    String decoded = decode(img);
    if (decoded == null) {
      // Like the pipeline, retry at half scale: ZXing's finder sometimes misses a noisy module
      // grid.
      BufferedImage half =
          new BufferedImage(img.getWidth() / 2, img.getHeight() / 2, BufferedImage.TYPE_BYTE_GRAY);
      var g = half.createGraphics();
      g.setRenderingHint(
          java.awt.RenderingHints.KEY_INTERPOLATION,
          java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, half.getWidth(), half.getHeight(), null);
      g.dispose();
      decoded = decode(half);
    }
    assertThat(decoded).isEqualTo(t.barcode()).startsWith("DC-SEP:（");
  }

  private static String decode(BufferedImage img) {
    try {
      return new QRCodeReader()
          .decode(
              new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
              Map.of(
                  DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8"))
          .getText();
    } catch (com.google.zxing.ReaderException e) {
      return null;
    }
  }

  @Test
  void rotationConventions() {
    BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xff0000); // top-left marker
    BufferedImage cw = ScanDamage.rotateClockwise(img, 90);
    assertThat(cw.getWidth()).isEqualTo(2);
    assertThat(cw.getHeight()).isEqualTo(4);
    // Turned clockwise, the top-left corner goes to the top-right.
    assertThat(cw.getRGB(1, 0) & 0xffffff).isEqualTo(0xff0000);
    assertThat(ScanDamage.rotateClockwise(img, 180).getRGB(3, 1) & 0xffffff).isEqualTo(0xff0000);
    assertThat(ScanDamage.rotateClockwise(img, 270).getRGB(0, 3) & 0xffffff).isEqualTo(0xff0000);
    assertThatThrownBy(() -> ScanDamage.rotateClockwise(img, 45))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void positiveSkewTurnsContentCounterClockwise() {
    // A horizontal bar; after +5° (counter-clockwise on screen) its right end is higher (smaller
    // y).
    BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 400, 400);
    g.setColor(java.awt.Color.BLACK);
    g.fillRect(50, 195, 300, 10);
    g.dispose();
    BufferedImage s = ScanDamage.skew(img, 5, java.awt.Color.WHITE);
    assertThat(darkestRow(s, 330)).isLessThan(darkestRow(s, 70));
  }

  private static int darkestRow(BufferedImage img, int x) {
    int best = -1;
    int min = 256;
    for (int y = 0; y < img.getHeight(); y++) {
      int v = img.getRGB(x, y) & 0xff;
      if (v < min) {
        min = v;
        best = y;
      }
    }
    return best;
  }

  @Test
  void traditionalConversionKeepsCaseNumbers() {
    String cn = "（2024）湘0602民初1234号";
    assertThat(TraditionalChinese.convert("民事判决书" + cn + "号", cn)).isEqualTo("民事判決書" + cn + "號");
    assertThat(TraditionalChinese.PAIRS.length() % 2).isZero();
    TraditionalChinese.map().forEach((k, v) -> assertThat(k).isNotEqualTo(v));
  }

  @Test
  void commandLineWritesImagesAndTruth(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        GenerateCorpus.run(
            new String[] {"--out", dir.toString(), "--pages", "3", "--seed", "5", "--dpi", "100"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("ground-truth.jsonl"));
    assertThat(lines).hasSize(3);
    assertThat(lines.getFirst())
        .startsWith("{\"source\":\"p00001.png\",\"index\":0,\"orientation\":")
        .contains("\"documentStart\":true");
    BufferedImage img = ImageIO.read(dir.resolve("p00001.png").toFile());
    assertThat(img.getWidth()).isBetween(826, 828); // A4 at 100 dpi
    assertThat(
            GenerateCorpus.run(
                new String[] {"--out", dir.toString()}, new PrintStream(out), new PrintStream(err)))
        .isEqualTo(2);
    assertThat(
            GenerateCorpus.run(
                new String[] {"--out", dir.toString(), "--pages", "1", "--dpi", "5"},
                new PrintStream(out),
                new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("dpi must be");
    assertThat(Arrays.asList(dir.toFile().list())).contains("p00003.png");
  }
}
