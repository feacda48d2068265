package com.dossiercapture.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrWord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the PP-OCR engine: CTC decoding, reading order, script fusion. */
class PaddlePostProcessingTest {

  @Test
  void ctcDecodingCollapsesRunsSkipsBlanksAndKeepsTimeSteps() {
    CtcDecoder d = new CtcDecoder(List.of("民", "事", "1"));
    // classes: 0 blank, 1 民, 2 事, 3 "1", 4 space
    int[] best = {0, 1, 1, 0, 2, 0, 2, 4, 3, 3};
    float[] probs = new float[best.length * 5];
    for (int t = 0; t < best.length; t++) {
      for (int k = 0; k < 5; k++) {
        probs[t * 5 + k] = k == best[t] ? 0.9f : 0.025f;
      }
    }
    List<CtcDecoder.Char> chars = d.decode(probs, 0, best.length);
    assertThat(chars).extracting(CtcDecoder.Char::text).containsExactly("民", "事", "事", " ", "1");
    assertThat(chars.get(0).first()).isEqualTo(1);
    assertThat(chars.get(0).last()).isEqualTo(2);
    assertThat(chars.get(4).first()).isEqualTo(8);
    assertThat(chars.get(4).last()).isEqualTo(9);
    assertThat(chars.get(0).probability())
        .isEqualTo(0.9f, org.assertj.core.data.Offset.offset(1e-6));
  }

  static TextBox box(double x, double y, double w, double h, double degrees) {
    double a = Math.toRadians(degrees);
    double cx = Math.cos(a);
    double sy = Math.sin(a);
    double[][] p = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = x + p[i][0] * cx - p[i][1] * sy;
      ys[i] = y + p[i][0] * sy + p[i][1] * cx;
    }
    return new TextBox(xs, ys, 0.9);
  }

  @Test
  void readingOrderGroupsRowsAlongTheMedianAngleAndKeepsWideGapsApart() {
    List<TextBox> boxes = new ArrayList<>();
    // Two rows of three cells on a page turned by 5°, given in scrambled order.
    double deg = 5;
    double t = Math.tan(Math.toRadians(deg));
    int[][] cells = {{1, 2}, {0, 0}, {1, 0}, {0, 2}, {0, 1}, {1, 1}};
    for (int[] rc : cells) {
      double x = 100 + rc[1] * 800;
      double y = 200 + rc[0] * 120 + x * t;
      boxes.add(box(x, y, 400, 60, deg));
    }
    List<List<Integer>> lines = ReadingOrder.lines(boxes);
    assertThat(lines)
        .containsExactly(List.of(1), List.of(4), List.of(3), List.of(2), List.of(5), List.of(0));
    // Close neighbours in a row form one line.
    List<TextBox> near = List.of(box(500, 100, 300, 60, 0), box(100, 100, 350, 60, 0));
    assertThat(ReadingOrder.lines(near)).containsExactly(List.of(1, 0));
  }

  @Test
  void fusionTakesTheTraditionalFormsTheSecondReadingAgreesOn() {
    // PP-OCR reads simplified forms (and all characters); Tesseract chi_tra reads traditional
    // forms but drops one character and garbles another.
    String pp = "原告诉讼请求";
    String tess = "原告訴訟請末";
    assertThat(ScriptFusion.fuse(pp, tess)).isEqualTo("原告訴訟請求");
    assertThat(ScriptFusion.fuse(pp, "訴請")).isEqualTo("原告訴讼請求");
    assertThat(ScriptFusion.fuse(pp, "")).isEqualTo(pp);
    assertThat(ScriptFusion.fuse(pp, "完全不同的文字")).isEqualTo(pp);

    List<OcrWord> words = new ArrayList<>();
    for (int i = 0; i < pp.length(); i++) {
      words.add(new OcrWord(pp.substring(i, i + 1), new Box(i * 10, 0, 10, 10), 0.9));
    }
    OcrLine line = new OcrLine(pp, new Box(0, 0, 60, 10), 0.9, words);
    OcrLine fused = ScriptFusion.fuse(line, tess);
    assertThat(fused.text()).isEqualTo("原告訴訟請求");
    assertThat(fused.words())
        .extracting(OcrWord::text)
        .containsExactly("原", "告", "訴", "訟", "請", "求");
    assertThat(fused.words())
        .extracting(OcrWord::box)
        .isEqualTo(words.stream().map(OcrWord::box).toList());
  }

  @Test
  void fusionKeepsTheSimplifiedFormPaddleReadWhereItCouldHaveReadTheOther() {
    // A mainland case number on a traditional page is printed with 号. PP-OCR knows 號 and read 号:
    // the paper shows 号, whatever Tesseract chi_tra prefers. It does not know 粵: that one is taken.
    java.util.function.IntPredicate known = c -> c != '粵';
    List<OcrWord> words = List.of(new OcrWord("（2022）粤01民初5号", new Box(0, 0, 140, 10), 0.9));
    OcrLine line = new OcrLine("（2022）粤01民初5号", new Box(0, 0, 140, 10), 0.9, words);
    assertThat(ScriptFusion.fuse(line, "（2022）粵01民初5號", known).text()).isEqualTo("（2022）粵01民初5号");
    // Where PP-OCR's dictionary lacks the traditional form, the other reading's form is taken.
    assertThat(ScriptFusion.fuse(line, "（2022）粵01民初5號", c -> c != '粵' && c != '號').text())
        .isEqualTo("（2022）粵01民初5號");
  }

  @Test
  void fusionFillsGapsWithCharactersPaddleCannotRead() {
    // PP-OCR has no 辯 and drops it: 答辯狀 comes out as 答狀.
    java.util.function.IntPredicate known = c -> c != '辯' && c != '訟';
    List<OcrWord> words =
        List.of(
            new OcrWord("答", new Box(0, 0, 10, 10), 0.9),
            new OcrWord("狀", new Box(20, 0, 10, 10), 0.9));
    OcrLine line = new OcrLine("答狀", new Box(0, 0, 30, 10), 0.9, words);
    OcrLine fused = ScriptFusion.fuse(line, "答辯狀", known);
    assertThat(fused.text()).isEqualTo("答辯狀");
    assertThat(fused.words()).extracting(OcrWord::text).containsExactly("答", "辯", "狀");
    assertThat(fused.words().get(1).box().x()).isEqualTo(10);
    // A look-alike in place of a character PP-OCR cannot read is replaced.
    OcrLine misread =
        new OcrLine(
            "答蕃狀",
            new Box(0, 0, 30, 10),
            0.9,
            List.of(
                new OcrWord("答", new Box(0, 0, 10, 10), 0.9),
                new OcrWord("蕃", new Box(10, 0, 10, 10), 0.9),
                new OcrWord("狀", new Box(20, 0, 10, 10), 0.9)));
    assertThat(ScriptFusion.fuse(misread, "答辯狀", known).text()).isEqualTo("答辯狀");
    assertThat(ScriptFusion.fuse(misread, "答辨狀", known).text()).isEqualTo("答蕃狀");
    // A character PP-OCR could have read is not inserted (it probably is not there).
    assertThat(ScriptFusion.fuse(line, "答辨狀", known).text()).isEqualTo("答狀");
    // Nor long runs.
    assertThat(ScriptFusion.fuse(line, "答辯訟辯狀", known).text()).isEqualTo("答狀");
  }

  @Test
  void fusionTakesWhatPaddleDroppedOrMisreadAtTheLinesEdges() {
    // Measured on traditional pages: 「蕃判員：」 for 審判員, 「卷宗」 for 訴訟卷宗, 「證據名」 for 證據名稱.
    java.util.function.IntPredicate known = c -> "審訴訟稱辯".indexOf(c) < 0;
    assertThat(ScriptFusion.fuse(words("蕃判員：胡軍"), "審判員:胡軍", known).text()).isEqualTo("審判員：胡軍");
    assertThat(ScriptFusion.fuse(words("卷宗"), "訴訟卷宗", known).text()).isEqualTo("訴訟卷宗");
    assertThat(ScriptFusion.fuse(words("證據名"), "證據名稱", known).text()).isEqualTo("證據名稱");
    assertThat(ScriptFusion.fuse(words("答狀"), "辯答狀", known).text()).isEqualTo("辯答狀");
    // A run PP-OCR could have read, or a long one, is not taken at the edges either.
    assertThat(ScriptFusion.fuse(words("證據名"), "證據名字", known).text()).isEqualTo("證據名");
    assertThat(ScriptFusion.fuse(words("卷宗"), "審訴訟卷宗", known).text()).isEqualTo("卷宗");
  }

  @Test
  void fusionAlignsAcrossPunctuationWidthAndKeepsPaddlesFullWidthMarks() {
    // chi_tra writes 「,」 where PP-OCR writes 「，」: the two still agree there, so the dropped
    // 訴訟 before it is found; the comma stays full width.
    java.util.function.IntPredicate known = c -> "訴訟".indexOf(c) < 0;
    assertThat(ScriptFusion.fuse(words("特向貴院提起，請求"), "特向貴院提起訴訟,請求", known).text())
        .isEqualTo("特向貴院提起訴訟，請求");
    assertThat(ScriptFusion.fold("（2022）：，？")).isEqualTo("(2022):,?");
  }

  /** A line whose words are its characters, 10 px apart. */
  private static OcrLine words(String text) {
    List<OcrWord> ws = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      ws.add(new OcrWord(text.substring(i, i + 1), new Box(i * 10, 0, 10, 10), 0.9));
    }
    return new OcrLine(text, new Box(0, 0, 10 * text.length(), 10), 0.9, ws);
  }

  @Test
  void fusionTakesOnlyHanCharactersPaddleCannotRead() {
    // PP-OCR's dictionary also lacks the marks Tesseract writes for 。 and 、: they never replace.
    java.util.function.IntPredicate known = c -> c != '·' && c != '丶' && c != '°';
    OcrLine line =
        new OcrLine(
            "理。本",
            new Box(0, 0, 30, 10),
            0.9,
            List.of(
                new OcrWord("理", new Box(0, 0, 10, 10), 0.9),
                new OcrWord("。", new Box(10, 0, 10, 10), 0.9),
                new OcrWord("本", new Box(20, 0, 10, 10), 0.9)));
    assertThat(ScriptFusion.fuse(line, "理·本", known).text()).isEqualTo("理。本");
    OcrLine gap =
        new OcrLine(
            "理本",
            new Box(0, 0, 30, 10),
            0.9,
            List.of(
                new OcrWord("理", new Box(0, 0, 10, 10), 0.9),
                new OcrWord("本", new Box(20, 0, 10, 10), 0.9)));
    assertThat(ScriptFusion.fuse(gap, "理°本", known).text()).isEqualTo("理本");
  }

  @Test
  void centredTraditionalPunctuationIsRestoredWhereContextIsClear() {
    List<OcrWord> words = new ArrayList<>();
    String text = "審理°被告丶原告’本案30°終結·";
    for (int i = 0; i < text.length(); i++) {
      words.add(new OcrWord(String.valueOf(text.charAt(i)), new Box(i * 10, 0, 10, 10), 0.9));
    }
    OcrLine line = new OcrLine(text, new Box(0, 0, 10 * text.length(), 10), 0.9, words);
    OcrLine fixed = ScriptFusion.centredPunctuation(line);
    assertThat(fixed.text()).isEqualTo("審理。被告、原告，本案30°終結。");
    assertThat(fixed.words())
        .extracting(OcrWord::text)
        .containsExactly(
            fixed.text().chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new));
    assertThat(fixed.words().get(2).box()).isEqualTo(words.get(2).box());
    // A name dot between Han characters mid-line stays; a line with nothing to change is the same.
    OcrLine name =
        new OcrLine(
            "約翰·史密斯",
            new Box(0, 0, 60, 10),
            0.9,
            List.of(
                new OcrWord("約", new Box(0, 0, 10, 10), 0.9),
                new OcrWord("翰", new Box(10, 0, 10, 10), 0.9),
                new OcrWord("·", new Box(20, 0, 10, 10), 0.9),
                new OcrWord("史", new Box(30, 0, 10, 10), 0.9),
                new OcrWord("密", new Box(40, 0, 10, 10), 0.9),
                new OcrWord("斯", new Box(50, 0, 10, 10), 0.9)));
    assertThat(ScriptFusion.centredPunctuation(name)).isSameAs(name);
  }

  @Test
  void aPageLooksTraditionalOnlyWithEnoughTraditionalForms() {
    assertThat(ScriptFusion.looksTraditional("浙江省杭州市西湖區人民法院民事判決書原告尹偉")).isTrue();
    assertThat(ScriptFusion.looksTraditional("浙江省杭州市西湖区人民法院民事判决书原告尹伟")).isFalse();
    // One stray traditional form on a long simplified page is not enough.
    assertThat(ScriptFusion.looksTraditional("區" + "人民法院民事判决书原告".repeat(10))).isFalse();
    assertThat(ScriptFusion.looksTraditional("")).isFalse();
  }

  @Test
  void lineTextHasNoSpacesBetweenChineseButKeepsThemBetweenLatinWords() {
    List<OcrWord> w =
        List.of(
            new OcrWord("金额", new Box(0, 0, 1, 1), 1),
            new OcrWord("56200", new Box(0, 0, 1, 1), 1),
            new OcrWord("元", new Box(0, 0, 1, 1), 1),
            new OcrWord("Bank", new Box(0, 0, 1, 1), 1),
            new OcrWord("Ltd", new Box(0, 0, 1, 1), 1));
    assertThat(PaddleOcrEngine.text(w)).isEqualTo("金额56200元Bank Ltd");
  }
}
