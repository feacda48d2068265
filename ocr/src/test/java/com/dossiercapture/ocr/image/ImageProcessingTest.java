package com.dossiercapture.ocr.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dossiercapture.samples.CorpusGenerator;
import com.dossiercapture.samples.GeneratedPage;
import com.dossiercapture.samples.ScanDamage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class ImageProcessingTest {

  private static GeneratedPage clean;

  @BeforeAll
  static void page() {
    Mats.load();
    // Page 2 of this seed is a text page (page 1 is the separator).
    List<GeneratedPage> pages =
        new CorpusGenerator(new CorpusGenerator.Options(3, 3, 150, CorpusGenerator.Damage.NONE, 0))
            .generate();
    clean = pages.get(2);
  }

  @Test
  void skewIsMeasuredWithTheRightSignAndRemoved() {
    for (double applied : new double[] {-7.3, -0.6, 2.5, 8.0}) {
      BufferedImage skewed = ScanDamage.skew(clean.image(), applied, Color.WHITE);
      Mat grey = Mats.grey(skewed);
      double measured = SkewEstimator.estimate(grey, 150, 15).degrees();
      assertThat(measured).as("applied %s°", applied).isCloseTo(applied, within(0.15));
      Mat straight = SkewEstimator.deskew(grey, measured);
      assertThat(SkewEstimator.estimate(straight, 150, 15).degrees()).isCloseTo(0, within(0.15));
    }
  }

  @Test
  void deskewReturnsANewImageAndLeavesTheOriginal() {
    Mat grey = Mats.grey(clean.image());
    Mat copy = grey.clone();
    SkewEstimator.deskew(grey, 3);
    assertThat(org.opencv.core.Core.norm(grey, copy)).isZero();
  }

  @Test
  void axisAndSkewInOneMeasurementAgreeWithTheSeparateOnes() {
    for (double applied : new double[] {-6.2, 0.0, 3.1}) {
      Mat grey = Mats.grey(ScanDamage.skew(clean.image(), applied, Color.WHITE));
      OrientationDetector.Axis a = OrientationDetector.axisAndSkew(grey, 150);
      assertThat(a.orientation()).isZero();
      assertThat(a.skew().degrees())
          .isEqualTo(SkewEstimator.estimate(grey, 150, 15).degrees())
          .isCloseTo(applied, within(0.15));
      Mat sideways = Mats.rotateClockwise(grey, 90);
      OrientationDetector.Axis b = OrientationDetector.axisAndSkew(sideways, 150);
      assertThat(b.orientation()).isEqualTo(OrientationDetector.axis(sideways, 150)).isEqualTo(90);
      assertThat(b.skew()).as("no skew for a page still to be turned").isNull();
    }
  }

  @Test
  void textLinesOfAStripAreFoundTopToBottom() {
    BufferedImage img = paper(1240, 600);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(400, 100, 440, 60); // a big title line, 10 mm high at 150 dpi
    g.fillRect(100, 260, 1000, 25); // a body line
    g.fillRect(100, 330, 3, 3); // a speck: not a line
    g.dispose();
    List<org.opencv.core.Rect> lines = PageLayout.textLines(Mats.grey(img), 150, 0, 600);
    assertThat(lines).hasSize(2);
    org.opencv.core.Rect title = lines.get(0);
    assertThat(title.y).isBetween(96, 104);
    assertThat(title.height).isBetween(56, 66);
    assertThat(title.x).isBetween(396, 404);
    assertThat(title.width).isBetween(436, 446);
    assertThat(lines.get(1).y).isBetween(256, 264);
    // Only the strip asked for.
    assertThat(PageLayout.textLines(Mats.grey(img), 150, 200, 600)).hasSize(1);
  }

  @Test
  void textLineAxisTellsSidewaysPages() {
    Mat grey = Mats.grey(clean.image());
    assertThat(OrientationDetector.axis(grey, 150)).isZero();
    assertThat(OrientationDetector.axis(Mats.rotateClockwise(grey, 90), 150)).isEqualTo(90);
    assertThat(OrientationDetector.axis(Mats.rotateClockwise(grey, 270), 150)).isEqualTo(90);
    assertThat(OrientationDetector.axis(Mats.rotateClockwise(grey, 180), 150)).isZero();
  }

  @Test
  void blankPagesAndNearEmptyPages() {
    int dpi = 200;
    int w = 1654;
    int h = 2339;
    BufferedImage empty = paper(w, h);
    assertThat(BlankDetector.detect(Mats.grey(empty), dpi).blank()).isTrue();

    BufferedImage dust = paper(w, h);
    Graphics2D g = dust.createGraphics();
    g.setColor(Color.BLACK);
    for (int i = 0; i < 40; i++) {
      g.fillOval(100 + i * 35, 300 + (i * 97) % 1500, 4, 4);
    }
    g.dispose();
    assertThat(BlankDetector.detect(Mats.grey(dust), dpi).blank()).as("dust").isTrue();

    BufferedImage bleed = paper(w, h);
    g = bleed.createGraphics();
    g.setColor(new Color(228, 228, 228));
    g.setFont(new java.awt.Font("Noto Serif CJK SC", java.awt.Font.PLAIN, 50));
    for (int y = 400; y < 2000; y += 80) {
      g.drawString("本院认为当事人对自己提出的诉讼请求所依据的事实", 200, y);
    }
    g.dispose();
    assertThat(BlankDetector.detect(Mats.grey(bleed), dpi).blank()).as("bleed-through").isTrue();

    BufferedImage noText = paper(w, h);
    g = noText.createGraphics();
    g.setColor(new Color(20, 20, 20));
    g.setFont(new java.awt.Font("Noto Serif CJK SC", java.awt.Font.PLAIN, 39));
    g.drawString("（此页无正文）", 220, 300);
    g.dispose();
    assertThat(BlankDetector.detect(Mats.grey(noText), dpi).blank()).as("（此页无正文）").isFalse();

    BufferedImage signature = paper(w, h);
    g = signature.createGraphics();
    g.setColor(new Color(30, 30, 90));
    g.setStroke(new java.awt.BasicStroke(2.5f));
    g.drawPolyline(
        new int[] {1100, 1140, 1170, 1210, 1250, 1300, 1340},
        new int[] {1800, 1760, 1820, 1750, 1810, 1770, 1800},
        7);
    g.dispose();
    assertThat(BlankDetector.detect(Mats.grey(signature), dpi).blank()).as("signature").isFalse();

    BufferedImage black = new BufferedImage(400, 600, BufferedImage.TYPE_BYTE_GRAY);
    assertThat(BlankDetector.detect(Mats.grey(black), 100).blank()).as("all black").isFalse();
    assertThat(QualityCheck.check(Mats.grey(black), 100, false)).contains(QualityCheck.TOO_DARK);
  }

  @Test
  void darkScannerBordersAreCleanedButTextStays() {
    BufferedImage page = ScanDamage.toGrey(clean.image());
    BufferedImage framed =
        new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = framed.createGraphics();
    g.drawImage(page, 0, 0, null);
    g.setColor(new Color(40, 40, 40));
    g.fillRect(0, 0, 40, page.getHeight());
    g.fillRect(0, page.getHeight() - 30, page.getWidth(), 30);
    g.dispose();
    Mat cleaned = BorderCleaner.clean(Mats.grey(framed));
    assertThat(cleaned.get(page.getHeight() / 2, 10)[0]).isEqualTo(255.0);
    assertThat(cleaned.get(page.getHeight() - 5, page.getWidth() / 2)[0]).isEqualTo(255.0);
    // Ink inside the page survives.
    assertThat(
            org.opencv.core.Core.minMaxLoc(
                    cleaned.submat(100, page.getHeight() - 100, 100, page.getWidth() - 100))
                .minVal)
        .isLessThan(80);
  }

  @Test
  void qrCodeIsReadInAnyOrientation() {
    GeneratedPage sep =
        new CorpusGenerator(new CorpusGenerator.Options(9, 1, 150, CorpusGenerator.Damage.NONE, 0))
            .generate()
            .getFirst();
    for (int o : new int[] {0, 90, 180, 270}) {
      BufferedImage turned =
          ScanDamage.rotateClockwise(ScanDamage.skew(sep.image(), 4, Color.WHITE), o);
      BarcodeScanner.Barcode b = BarcodeScanner.scan(Mats.grey(turned));
      assertThat(b).as("turned %d", o).isNotNull();
      assertThat(b.text()).isEqualTo(sep.truth().barcode());
      assertThat(b.orientation()).as("QR orientation").isEqualTo(o);
    }
    assertThat(BarcodeScanner.scan(Mats.grey(clean.image()))).isNull();
    // A text page without a code is not scanned at full resolution.
    assertThat(BarcodeScanner.lastPasses()).isEqualTo("third,half");
    assertThat(BarcodeScanner.finderPatternsLikely(sep.image())).isTrue();
    assertThat(BarcodeScanner.finderPatternsLikely(clean.image())).isFalse();
  }

  @Test
  void qualityWarnings() {
    Mat grey = Mats.grey(clean.image());
    assertThat(QualityCheck.check(grey, 150, false)).isEmpty();
    Mat blurred = new Mat();
    org.opencv.imgproc.Imgproc.GaussianBlur(grey, blurred, new org.opencv.core.Size(0, 0), 6);
    assertThat(QualityCheck.check(blurred, 150, false)).contains(QualityCheck.BLURRED);
    Mat faint = new Mat();
    grey.convertTo(faint, -1, 0.25, 191);
    assertThat(QualityCheck.check(faint, 150, false)).contains(QualityCheck.TOO_LIGHT);
  }

  private static BufferedImage paper(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(246, 246, 246));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }
}
