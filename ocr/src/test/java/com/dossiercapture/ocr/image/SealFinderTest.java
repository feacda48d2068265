package com.dossiercapture.ocr.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** Round seals found on real OpenCV, and lifted off the text under them. */
class SealFinderTest {

  private static final int DPI = 300;

  /** 20 mm at 300 dpi. */
  private static final int RADIUS = 236;

  @BeforeAll
  static void load() {
    Mats.load();
  }

  /** A page of text-like ink: rows of character-sized blocks with strokes, 9 mm apart. */
  private static BufferedImage textPage(Random r) {
    BufferedImage img = new BufferedImage(1800, 1400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(new Color(25, 25, 25));
    for (int y = 100; y < 1300; y += 106) {
      for (int x = 120; x < 1680; x += 62) {
        for (int s = 0; s < 4; s++) {
          int sx = x + r.nextInt(40);
          int sy = y + r.nextInt(40);
          if (r.nextBoolean()) {
            g.fillRect(sx, sy, 18 + r.nextInt(30), 5);
          } else {
            g.fillRect(sx, sy, 5, 18 + r.nextInt(30));
          }
        }
      }
    }
    g.dispose();
    return img;
  }

  /** A seal's ring and star, as the generator and court stamps draw them, over the page. */
  private static void stamp(BufferedImage img, int cx, int cy, Color ink) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(ink);
    g.setStroke(new BasicStroke(14));
    g.drawOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
    g.fillOval(cx - 40, cy - 40, 80, 80);
    g.dispose();
  }

  @Test
  void aRedSealOverTextIsFoundAndLiftedOffIt() {
    BufferedImage img = textPage(new Random(7));
    stamp(img, 1200, 800, new Color(220, 40, 50, 210));
    Mat grey = Mats.grey(img);
    byte[] before = new byte[grey.cols() * grey.rows()];
    grey.get(0, 0, before);

    List<SealFinder.Seal> seals = SealFinder.find(grey, DPI);

    assertThat(seals).hasSize(1);
    SealFinder.Seal s = seals.getFirst();
    assertThat((double) s.cx()).isCloseTo(1200, within(4.0));
    assertThat((double) s.cy()).isCloseTo(800, within(4.0));
    assertThat((double) s.radius()).isCloseTo(RADIUS, within(4.0));
    assertThat(s.separable()).as("red ink is lighter than the text: %s", s).isTrue();
    assertThat(s.ring()).isGreaterThan(s.text() + 40);

    Mat lifted = SealFinder.dropOut(grey, seals);
    assertThat(lifted).isNotSameAs(grey);
    byte[] after = new byte[grey.cols() * grey.rows()];
    lifted.get(0, 0, after);
    int w = grey.cols();
    // The ring (right-hand side, on paper between text rows or not) is paper now...
    int ringInk = 0;
    int textInk = 0;
    int textKept = 0;
    for (int y = 0; y < grey.rows(); y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int was = before[i] & 0xff;
        int now = after[i] & 0xff;
        double d = Math.hypot(x - 1200, y - 800);
        if (Math.abs(d - RADIUS) <= 3 && was > s.text() + 30) {
          ringInk++;
          assertThat(now).as("ring pixel at %d,%d", x, y).isEqualTo(255);
        }
        if (d < RADIUS - 20 && d > 60 && was < 60) {
          textInk++;
          if (now < 60) {
            textKept++;
          }
        }
      }
    }
    assertThat(ringInk).isGreaterThan(1000);
    // ...and the text inside the circle is still there.
    assertThat(textInk).isGreaterThan(1000);
    assertThat(textKept).isEqualTo(textInk);
    // The page itself is not changed.
    byte[] again = new byte[before.length];
    grey.get(0, 0, again);
    assertThat(again).isEqualTo(before);
  }

  @Test
  void noSealOnAPageOfTextAlone() {
    for (int seed = 1; seed <= 3; seed++) {
      Mat grey = Mats.grey(textPage(new Random(seed)));
      assertThat(SealFinder.find(grey, DPI)).as("seed %d", seed).isEmpty();
      assertThat(SealFinder.dropOut(grey, List.of())).isSameAs(grey);
    }
  }

  @Test
  void aBlackStampIsFoundButNotDroppedOut() {
    // Its ink cannot be told from the text's by its tone: the page is read as it is.
    BufferedImage img = textPage(new Random(11));
    stamp(img, 700, 700, new Color(20, 20, 20));
    Mat grey = Mats.grey(img);
    List<SealFinder.Seal> seals = SealFinder.find(grey, DPI);
    assertThat(seals).hasSize(1);
    assertThat(seals.getFirst().separable()).isFalse();
    assertThat(SealFinder.dropOut(grey, seals)).isSameAs(grey);
  }

  @Test
  void aCircleFittedThroughScatteredPointsIsRefused() {
    // Points on a circle of radius 100 around (300, 200): the fit finds it.
    double[] xs = new double[40];
    double[] ys = new double[40];
    for (int i = 0; i < 40; i++) {
      double a = 2 * Math.PI * i / 40;
      xs[i] = 300 + 100 * Math.cos(a);
      ys[i] = 200 + 100 * Math.sin(a);
    }
    double[] fit = SealFinder.fitCircle(xs, ys, 40, null, 0);
    assertThat(fit[0]).isCloseTo(300, within(0.01));
    assertThat(fit[1]).isCloseTo(200, within(0.01));
    assertThat(fit[2]).isCloseTo(100, within(0.01));
    // Too few points near the given circle: no fit.
    assertThat(SealFinder.fitCircle(xs, ys, 40, new double[] {900, 900, 10}, 5)).isNull();
  }
}
