package com.dossiercapture.staging.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * The invisible text layer (text render mode 3) laid over a page image so the PDF is searchable and
 * text copies in reading order.
 *
 * <p>Word boxes come from {@code PageResult.wordsJson()}, in pixels of the upright page image (x
 * right, y down). Accepted shapes, so the OCR side may choose:
 *
 * <ul>
 *   <li>{@code {"lines":[{"text":"…","words":[{"text":"…","box":{"x":…,"y":…,"width":…,
 *       "height":…}}]}]}} — lines in reading order (the OCR engine's result serialised);
 *   <li>{@code {"words":[…]}} or a bare array of words, each with {@code box}, {@code bbox}
 *       ([x0,y0,x1,y1]) or {@code x,y,w|width,h|height}, and optionally {@code line} (an index);
 *       words without a line index are grouped into lines by position;
 *   <li>optional {@code "width"} and {@code "height"} at the top: the size of the image the boxes
 *       refer to, when it differs from the exported image (boxes are then scaled).
 * </ul>
 *
 * <p>Each word is stretched horizontally to reach the next word of its line, so text extractors see
 * one continuous run and insert no spaces between CJK characters; a real space is written only
 * where the line's text has one (or, without line text, between two Latin words).
 */
final class TextLayer {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A word box in image pixels. */
  record Word(String text, double x, double y, double w, double h) {}

  /**
   * A line: its words left to right, and whether a space follows each word.
   *
   * @param spaceAfter one flag per word
   */
  record Line(List<Word> words, List<Boolean> spaceAfter) {}

  /** Lines and the size of the image their boxes refer to (0 when not given). */
  record Parsed(List<Line> lines, double imageWidth, double imageHeight) {}

  private TextLayer() {}

  /**
   * Reads word boxes.
   *
   * @throws IllegalArgumentException when the JSON is not one of the accepted shapes
   */
  static Parsed parse(String wordsJson) {
    JsonNode root;
    try {
      root = JSON.readTree(wordsJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("the word boxes are not JSON: " + e.getMessage(), e);
    }
    double iw = 0;
    double ih = 0;
    JsonNode items = root;
    if (root != null && root.isObject()) {
      iw = WordBox.num(root, "width", "imageWidth");
      ih = WordBox.num(root, "height", "imageHeight");
      items = root.has("lines") ? root.get("lines") : root.get("words");
    }
    if (items == null || !items.isArray()) {
      throw new IllegalArgumentException("the word boxes hold no 'lines' or 'words' array");
    }
    List<Line> lines = new ArrayList<>();
    boolean lineShape = !items.isEmpty() && items.get(0).has("words");
    if (lineShape) {
      for (JsonNode ln : items) {
        List<Word> words = new ArrayList<>();
        for (JsonNode w : ln.path("words")) {
          Word word = word(w);
          if (word != null) {
            words.add(word);
          }
        }
        if (!words.isEmpty()) {
          String text = ln.hasNonNull("text") ? ln.get("text").asText() : null;
          lines.add(new Line(words, spacing(words, text)));
        }
      }
    } else {
      Map<Integer, List<Word>> byIndex = new LinkedHashMap<>();
      List<List<Word>> grouped = new ArrayList<>();
      for (JsonNode w : items) {
        Word word = word(w);
        if (word == null) {
          continue;
        }
        if (w.has("line")) {
          byIndex.computeIfAbsent(w.get("line").asInt(), k -> new ArrayList<>()).add(word);
        } else {
          List<Word> cur = grouped.isEmpty() ? null : grouped.get(grouped.size() - 1);
          Word prev = cur == null ? null : cur.get(cur.size() - 1);
          double centre = word.y() + word.h() / 2;
          if (prev == null
              || centre < prev.y()
              || centre > prev.y() + prev.h()
              || word.x() < prev.x()) {
            cur = new ArrayList<>();
            grouped.add(cur);
          }
          cur.add(word);
        }
      }
      grouped.addAll(0, byIndex.values());
      for (List<Word> g : grouped) {
        lines.add(new Line(g, spacing(g, null)));
      }
    }
    return new Parsed(lines, iw, ih);
  }

  private static Word word(JsonNode w) {
    return WordBox.of(w)
        .map(b -> new Word(b.text(), b.x(), b.y(), b.width(), b.height()))
        .orElse(null);
  }

  /**
   * Whether a space follows each word: as the line's text says when the words can be found in it in
   * order, else only between two Latin words (never next to a CJK character).
   */
  static List<Boolean> spacing(List<Word> words, String lineText) {
    List<Boolean> out = new ArrayList<>();
    if (lineText != null) {
      int cursor = 0;
      int[] starts = new int[words.size()];
      boolean aligned = true;
      for (int i = 0; i < words.size(); i++) {
        int at = lineText.indexOf(words.get(i).text(), cursor);
        if (at < 0) {
          aligned = false;
          break;
        }
        starts[i] = at;
        cursor = at + words.get(i).text().length();
      }
      if (aligned) {
        for (int i = 0; i < words.size(); i++) {
          if (i + 1 == words.size()) {
            out.add(false);
          } else {
            String gap =
                lineText.substring(starts[i] + words.get(i).text().length(), starts[i + 1]);
            out.add(!gap.isEmpty() && gap.isBlank());
          }
        }
        return out;
      }
    }
    for (int i = 0; i < words.size(); i++) {
      if (i + 1 == words.size()) {
        out.add(false);
      } else {
        String a = words.get(i).text();
        String b = words.get(i + 1).text();
        out.add(!isCjk(a.codePointBefore(a.length())) && !isCjk(b.codePointAt(0)));
      }
    }
    return out;
  }

  /** CJK ideographs, kana, hangul, CJK punctuation and full-width forms: no spaces around them. */
  static boolean isCjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    if (s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL
        || s == Character.UnicodeScript.BOPOMOFO) {
      return true;
    }
    Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
    return b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
        || b == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
        || b == Character.UnicodeBlock.VERTICAL_FORMS;
  }

  /**
   * Writes the lines as invisible text over a page drawn from (0,0) to (pageW,pageH) points; boxes
   * are in pixels of an image {@code imageW} × {@code imageH}.
   */
  static void write(
      PDPageContentStream cs,
      CjkFonts.FontSet fonts,
      Parsed parsed,
      double imageW,
      double imageH,
      float pageW,
      float pageH)
      throws IOException {
    double refW = parsed.imageWidth() > 0 ? parsed.imageWidth() : imageW;
    double refH = parsed.imageHeight() > 0 ? parsed.imageHeight() : imageH;
    double sx = pageW / refW;
    double sy = pageH / refH;
    cs.beginText();
    cs.setRenderingMode(RenderingMode.NEITHER);
    for (Line line : parsed.lines()) {
      double top = Double.MAX_VALUE;
      double bottom = -Double.MAX_VALUE;
      for (Word w : line.words()) {
        top = Math.min(top, w.y());
        bottom = Math.max(bottom, w.y() + w.h());
      }
      float size = (float) ((bottom - top) * sy);
      float baseline = (float) (pageH - (bottom - 0.18 * (bottom - top)) * sy);
      List<Word> words = line.words();
      for (int i = 0; i < words.size(); i++) {
        Word w = words.get(i);
        String s = w.text() + (line.spaceAfter().get(i) ? " " : "");
        double span = w.w();
        if (i + 1 < words.size() && words.get(i + 1).x() > w.x()) {
          span = words.get(i + 1).x() - w.x();
        }
        float advance = fonts.width(s);
        if (advance <= 0 || size <= 0) {
          continue;
        }
        float hx = (float) (span * sx / (advance * size));
        cs.setTextMatrix(new Matrix(size * hx, 0, 0, size, (float) (w.x() * sx), baseline));
        show(cs, fonts, s);
      }
    }
    cs.endText();
  }

  /**
   * Writes plain OCR text (no word boxes) as invisible lines from the top of the page, each fitted
   * to the page width: searchable and copyable, positions approximate.
   */
  static void writePlain(
      PDPageContentStream cs, CjkFonts.FontSet fonts, String text, float pageW, float pageH)
      throws IOException {
    float size = 10;
    float lead = 14;
    float y = pageH - 36;
    cs.beginText();
    cs.setRenderingMode(RenderingMode.NEITHER);
    for (String line : text.split("\n")) {
      String s = line.strip();
      if (!s.isEmpty()) {
        float advance = fonts.width(s) * size;
        float hx = advance > pageW - 72 ? (pageW - 72) / advance : 1f;
        cs.setTextMatrix(new Matrix(size * hx, 0, 0, size, 36, Math.max(y, 4)));
        show(cs, fonts, s);
      }
      y -= lead;
    }
    cs.endText();
  }

  /** Shows text at the current position in as many font runs as it needs (font size 1). */
  static void show(PDPageContentStream cs, CjkFonts.FontSet fonts, String s) throws IOException {
    for (CjkFonts.Run r : fonts.runs(s)) {
      cs.setFont(r.font(), 1);
      cs.showText(r.text());
    }
  }
}
