package com.dossiercapture.app.review;

import com.dossiercapture.staging.export.WordBox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCR words of a page with their boxes, read from {@code PageResult.wordsJson()} in the shapes
 * the export's text layer accepts: {@code {"width","height","lines":[{"text","words":[{"text",
 * "box":{x,y,width,height}}]}]}}, {@code {"words":[…]}} or a bare array of words with {@code box},
 * {@code bbox} ([x0,y0,x1,y1]) or {@code x,y,w|width,h|height}. Boxes are in pixels of the upright
 * page image.
 *
 * @param imageWidth the width of the image the boxes refer to, 0 when not given
 * @param imageHeight its height, 0 when not given
 */
public record WordBoxes(List<Word> words, double imageWidth, double imageHeight) {

  /** A word; {@code line} numbers the lines from 0 in reading order. */
  public record Word(int index, int line, String text, double x, double y, double w, double h) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public WordBoxes {
    words = List.copyOf(words);
  }

  public static WordBoxes empty() {
    return new WordBoxes(List.of(), 0, 0);
  }

  /** Reads word boxes; missing or unreadable JSON gives no words (the page text still shows). */
  public static WordBoxes parse(String json) {
    if (json == null || json.isBlank()) {
      return empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      return empty();
    }
    double iw = root.path("width").asDouble(0);
    double ih = root.path("height").asDouble(0);
    JsonNode items =
        root.isArray() ? root : root.has("lines") ? root.get("lines") : root.get("words");
    List<Word> out = new ArrayList<>();
    if (items == null || !items.isArray()) {
      return empty();
    }
    boolean lineShape = !items.isEmpty() && items.get(0).has("words");
    if (lineShape) {
      int line = 0;
      for (JsonNode ln : items) {
        boolean any = false;
        for (JsonNode w : ln.path("words")) {
          Word word = word(w, out.size(), line);
          if (word != null) {
            out.add(word);
            any = true;
          }
        }
        if (any) {
          line++;
        }
      }
    } else {
      int line = 0;
      Word prev = null;
      for (JsonNode w : items) {
        Word word = word(w, out.size(), 0);
        if (word == null) {
          continue;
        }
        if (w.has("line")) {
          line = w.get("line").asInt();
        } else if (prev != null) {
          double centre = word.y() + word.h() / 2;
          if (centre < prev.y() || centre > prev.y() + prev.h() || word.x() < prev.x()) {
            line++;
          }
        }
        word = new Word(word.index(), line, word.text(), word.x(), word.y(), word.w(), word.h());
        out.add(word);
        prev = word;
      }
    }
    return new WordBoxes(out, iw, ih);
  }

  /** The word whose box holds that point (image pixels), or -1. */
  public int wordAt(double x, double y) {
    for (Word w : words) {
      if (x >= w.x() && x <= w.x() + w.w() && y >= w.y() && y <= w.y() + w.h()) {
        return w.index();
      }
    }
    return -1;
  }

  private static Word word(JsonNode w, int index, int line) {
    return WordBox.of(w)
        .map(b -> new Word(index, line, b.text(), b.x(), b.y(), b.width(), b.height()))
        .orElse(null);
  }
}
