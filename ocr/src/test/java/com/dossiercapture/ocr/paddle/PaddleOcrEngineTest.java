package com.dossiercapture.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrException;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrResult;
import com.dossiercapture.ocr.engine.OcrWord;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PP-OCR on ONNX Runtime with the real models: reading, boxes, order, regions, threads. */
class PaddleOcrEngineTest {

  static final String TITLE = "民事判决书";
  static final String BODY = "原告张三与被告李四民间借贷纠纷一案";

  static PaddleOcrEngine engine;

  @BeforeAll
  static void start() {
    engine = new PaddleOcrEngine();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** Lines of text drawn at (x, y) baselines with a CJK font, 300 dpi, 14 pt unless given. */
  static BufferedImage rendered(int w, int h, int pt, Object... textXY) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font("Noto Serif CJK SC", Font.PLAIN, 300 * pt / 72));
    for (int i = 0; i + 2 < textXY.length; i += 3) {
      g.drawString((String) textXY[i], (Integer) textXY[i + 1], (Integer) textXY[i + 2]);
    }
    g.dispose();
    return img;
  }

  static BufferedImage twoLines() {
    return rendered(2100, 700, 14, TITLE, 700, 200, BODY, 150, 450);
  }

  @Test
  void readsRenderedChineseLinesWithCharacterBoxes() {
    OcrResult r = engine.recognise(twoLines(), 300);
    assertThat(r.lines()).extracting(OcrLine::text).containsExactly(TITLE, BODY);
    OcrLine body = r.lines().get(1);
    // One word per Chinese character, as Tesseract gives for chi_sim.
    assertThat(body.words()).extracting(OcrWord::text).containsExactlyElementsOf(chars(BODY));
    int prevX = -1;
    for (OcrWord w : body.words()) {
      Box b = w.box();
      Box l = body.box();
      assertThat(b.x()).isGreaterThanOrEqualTo(l.x());
      assertThat(b.y()).isGreaterThanOrEqualTo(l.y());
      assertThat(b.x() + b.width()).isLessThanOrEqualTo(l.x() + l.width());
      assertThat(b.y() + b.height()).isLessThanOrEqualTo(l.y() + l.height());
      assertThat(b.x()).as("characters left to right").isGreaterThan(prevX);
      // 14 pt at 300 dpi is 58 px: a character box is about one em wide, not the whole line.
      assertThat(b.width()).isBetween(20, 110);
      assertThat(w.confidence()).isBetween(0.5, 1.0);
      prevX = b.x();
    }
    assertThat(body.box().y()).isBetween(330, 430);
    assertThat(r.meanConfidence()).isGreaterThan(0.9);
  }

  @Test
  void readsTheTitleAreaFirstAndTheRestAfterAsIfAtOnce() {
    PaddleOcrEngine.Reading reading = engine.begin(twoLines(), 300, null);
    OcrResult head = reading.readAbove(330);
    assertThat(head.lines()).extracting(OcrLine::text).containsExactly(TITLE);
    int[] between = {0};
    OcrResult all = reading.readRest(() -> between[0]++);
    assertThat(all.lines()).extracting(OcrLine::text).containsExactly(TITLE, BODY);
    assertThat(between[0]).as("called after each box read after the title").isPositive();
    assertThat(reading.readRest(() -> between[0] += 100).text())
        .as("nothing left to read")
        .isEqualTo(all.text());
    assertThat(between[0]).isLessThan(100);
    OcrResult once = engine.recognise(twoLines(), 300);
    assertThat(all.text()).isEqualTo(once.text());
    assertThat(all.words())
        .extracting(OcrWord::box)
        .isEqualTo(once.words().stream().map(OcrWord::box).toList());
  }

  /** Six lines of body text. */
  static BufferedImage sixLines() {
    Object[] xy = new Object[18];
    for (int i = 0; i < 6; i++) {
      xy[3 * i] = BODY;
      xy[3 * i + 1] = 150;
      xy[3 * i + 2] = 200 + 180 * i;
    }
    return rendered(2100, 1300, 14, xy);
  }

  @Test
  void tellsAPageUpsideDownOrTurnedByAQuarterFromItsOwnBoxes() {
    BufferedImage up = sixLines();
    PaddleOcrEngine.Reading upright = engine.begin(up, 300, null);
    upright.readRest(() -> {});
    assertThat(upright.upsideDown()).isFalse();
    assertThat(upright.quarterTurn()).isZero();

    PaddleOcrEngine.Reading down =
        engine.begin(com.dossiercapture.samples.ScanDamage.rotateClockwise(up, 180), 300, null);
    down.readRest(() -> {});
    assertThat(down.upsideDown()).isTrue();

    // Turned clockwise by 90°: a further 270° clockwise (90° back) sets it upright, and so on.
    for (int turned : new int[] {90, 270}) {
      PaddleOcrEngine.Reading r =
          engine.begin(
              com.dossiercapture.samples.ScanDamage.rotateClockwise(up, turned), 300, null);
      r.readRest(() -> {});
      assertThat(r.quarterTurn()).as("page turned by %d", turned).isEqualTo(360 - turned);
    }
  }

  /** Cells of a table: three rows of three cells with wide gaps, optionally turned a little. */
  static final String[][] CELLS = {
    {"序号", "证据名称", "页数"}, {"第一", "借款合同", "两页"}, {"第二", "银行转账记录", "五页"}
  };

  static BufferedImage table(double degrees) {
    BufferedImage img = new BufferedImage(2200, 1100, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.rotate(Math.toRadians(degrees), 1100, 550);
    g.setColor(Color.BLACK);
    g.setFont(new Font("Noto Sans CJK SC", Font.PLAIN, 58));
    int[] xs = {150, 800, 1700};
    for (int r = 0; r < CELLS.length; r++) {
      for (int c = 0; c < 3; c++) {
        g.drawString(CELLS[r][c], xs[c], 300 + r * 250);
      }
    }
    g.dispose();
    return img;
  }

  static List<String> cellsInOrder() {
    return java.util.Arrays.stream(CELLS).flatMap(java.util.Arrays::stream).toList();
  }

  @Test
  void readsATableRowByRowWithCellsApart() {
    OcrResult r = engine.recognise(table(0), 300);
    assertThat(r.lines()).extracting(OcrLine::text).containsExactlyElementsOf(cellsInOrder());
  }

  @Test
  void readsATurnedTableRowByRow() {
    // Turned by 4°: the rightmost cell of a row is ~110 px lower than the leftmost, more than
    // the distance that separates rows when the box angle is ignored.
    OcrResult r = engine.recognise(table(4), 300);
    assertThat(r.lines()).extracting(OcrLine::text).containsExactlyElementsOf(cellsInOrder());
  }

  @Test
  void aTableTurnedByAQuarterIsSeenSoDespiteItsManyShortCells() {
    // A 卷内目录 turned: eight long document names in tall boxes, sixteen one- or two-digit cells
    // that lie flat either way. Counted in boxes, most lay flat (held-out page p00157, seed 6262,
    // was taken as upright); counted in characters, most were turned.
    String[] names = {"民事起诉状", "受理案件通知书", "应诉通知书", "举证通知书", "证据材料", "庭审笔录", "民事判决书", "送达回证"};
    Object[] xy = new Object[names.length * 9];
    for (int i = 0; i < names.length; i++) {
      int y = 200 + 150 * i;
      xy[9 * i] = String.valueOf(i + 1);
      xy[9 * i + 1] = 150;
      xy[9 * i + 2] = y;
      xy[9 * i + 3] = names[i];
      xy[9 * i + 4] = 500;
      xy[9 * i + 5] = y;
      xy[9 * i + 6] = String.valueOf(2 * i + 3);
      xy[9 * i + 7] = 1700;
      xy[9 * i + 8] = y;
    }
    BufferedImage upright = rendered(2000, 1450, 14, xy);
    assertThat(quarterTurn(upright)).isZero();
    org.opencv.core.Mat grey = com.dossiercapture.ocr.image.Mats.grey(upright);
    for (int turn : new int[] {90, 270}) {
      BufferedImage turned =
          com.dossiercapture.ocr.image.Mats.toImage(
              com.dossiercapture.ocr.image.Mats.rotateClockwise(grey, turn));
      assertThat(quarterTurn(turned)).as("page turned %d° clockwise", turn).isEqualTo(360 - turn);
    }
  }

  /** The quarter turn a whole reading of the image finds. */
  static int quarterTurn(BufferedImage img) {
    PaddleOcrEngine.Reading r = engine.begin(img, 300, null);
    r.readRest(() -> {});
    return r.quarterTurn();
  }

  @Test
  void readsOnlyTheRowsThatMeetAnArea() {
    // An area over the last cell of the middle row (as a seal over a date): that row, whole.
    PaddleOcrEngine.Reading reading = engine.begin(table(0), 300, null);
    OcrResult row = reading.readRowsMeeting(new Box(1690, 500, 150, 60));
    assertThat(row.lines()).extracting(OcrLine::text).containsExactly(CELLS[1]);
    assertThat(reading.readRowsMeeting(new Box(10, 10, 50, 50)).lines()).isEmpty();
    // The other rows are still there to read.
    assertThat(reading.readRest(() -> {}).lines())
        .extracting(OcrLine::text)
        .containsExactlyElementsOf(cellsInOrder());
  }

  @Test
  void readsARegionWithBoxesInWholeImageCoordinates() {
    BufferedImage img = twoLines();
    OcrResult whole = engine.recognise(img, 300);
    Box body = whole.lines().get(1).box();
    OcrResult part =
        engine.recognise(
            img, 300, new Box(40, body.y() - 30, img.getWidth() - 40, body.height() + 60));
    assertThat(part.lines()).extracting(OcrLine::text).containsExactly(BODY);
    Box got = part.lines().getFirst().box();
    assertThat(Math.abs(got.x() - body.x())).isLessThanOrEqualTo(4);
    assertThat(Math.abs(got.y() - body.y())).isLessThanOrEqualTo(4);
    assertThat(Math.abs(got.width() - body.width())).isLessThanOrEqualTo(8);
    assertThat(part.words().getFirst().box().x()).isGreaterThan(100);
    // A region outside the image reads nothing.
    assertThat(engine.recognise(img, 300, new Box(5000, 5000, 10, 10)).lines()).isEmpty();
  }

  @Test
  void malformedAndFuzzedImagesGiveAResultOrOcrExceptionNeverACrash() {
    assertThatThrownBy(() -> engine.recognise(null, 300)).isInstanceOf(OcrException.class);
    assertThatThrownBy(
            () ->
                engine.recognise(
                    new BufferedImage(
                        PaddleOcrEngine.MAX_IMAGE_SIDE + 1, 4, BufferedImage.TYPE_BYTE_GRAY),
                    300))
        .isInstanceOf(OcrException.class)
        .hasMessageContaining("too large");
    List<BufferedImage> images = new java.util.ArrayList<>();
    int[][] sizes = {{1, 1}, {1, 5000}, {5000, 1}, {7, 7}, {33, 2}, {9, 9}, {64, 4000}};
    for (int[] sz : sizes) {
      images.add(new BufferedImage(sz[0], sz[1], BufferedImage.TYPE_BYTE_GRAY));
    }
    images.add(filled(1500, 1000, BufferedImage.TYPE_BYTE_GRAY, Color.BLACK));
    images.add(filled(1500, 1000, BufferedImage.TYPE_INT_RGB, Color.WHITE));
    images.add(new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB)); // fully transparent
    java.util.Random rnd = new java.util.Random(20261123);
    int[] types = {
      BufferedImage.TYPE_BYTE_GRAY,
      BufferedImage.TYPE_BYTE_BINARY,
      BufferedImage.TYPE_USHORT_GRAY,
      BufferedImage.TYPE_3BYTE_BGR,
      BufferedImage.TYPE_BYTE_INDEXED,
      BufferedImage.TYPE_4BYTE_ABGR
    };
    for (int i = 0; i < 8; i++) {
      int w = 1 + rnd.nextInt(i < 4 ? 60 : 1200);
      int h = 1 + rnd.nextInt(i < 4 ? 60 : 1200);
      BufferedImage n = new BufferedImage(w, h, types[i % types.length]);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          n.setRGB(x, y, rnd.nextInt());
        }
      }
      images.add(n);
    }
    for (BufferedImage img : images) {
      try {
        OcrResult r = engine.recognise(img, 300);
        assertThat(r).isNotNull();
        assertThat(r.words()).allSatisfy(w -> assertThat(w.box().width()).isPositive());
      } catch (OcrException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    // The engine still reads after all that.
    assertThat(engine.recognise(twoLines(), 300).text()).contains(TITLE);
  }

  static BufferedImage filled(int w, int h, int type, Color c) {
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  @Test
  void twoEnginesInTwoThreadsReadAsOneDoesAlone() throws Exception {
    List<BufferedImage> images = List.of(twoLines(), table(4));
    List<String> alone = new java.util.ArrayList<>();
    for (BufferedImage img : images) {
      alone.add(describe(engine.recognise(img, 300)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> runs = new java.util.ArrayList<>();
      for (int k = 0; k < 2; k++) {
        runs.add(
            pool.submit(
                () -> {
                  List<String> got = new java.util.ArrayList<>();
                  try (PaddleOcrEngine e = new PaddleOcrEngine()) {
                    for (int round = 0; round < 2; round++) {
                      for (BufferedImage img : images) {
                        got.add(describe(e.recognise(img, 300)));
                      }
                    }
                  }
                  return got;
                }));
      }
      List<String> twice = new java.util.ArrayList<>(alone);
      twice.addAll(alone);
      for (Future<List<String>> f : runs) {
        assertThat(f.get()).containsExactlyElementsOf(twice);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Text, boxes and confidences of every word. */
  static String describe(OcrResult r) {
    StringBuilder sb = new StringBuilder();
    for (OcrWord w : r.words()) {
      sb.append(w.text()).append(w.box()).append(String.format("%.4f", w.confidence())).append(';');
    }
    return sb.toString();
  }

  @Test
  void closeIsIdempotentAndAClosedEngineSaysSo() {
    PaddleOcrEngine e = new PaddleOcrEngine();
    assertThat(e.name()).startsWith("pp-ocr");
    e.close();
    e.close();
    assertThatThrownBy(() -> e.recognise(twoLines(), 300))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  static List<String> chars(String s) {
    return s.codePoints().mapToObj(Character::toString).toList();
  }
}
