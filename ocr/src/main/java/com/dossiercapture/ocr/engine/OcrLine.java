package com.dossiercapture.ocr.engine;

import java.util.List;

/**
 * One text line in reading order.
 *
 * @param text the line's text: no spaces between CJK characters, single spaces between Latin words
 * @param box the union of its words' boxes
 * @param confidence mean word confidence, 0..1
 * @param words its words, left to right
 */
public record OcrLine(String text, Box box, double confidence, List<OcrWord> words) {
  public OcrLine {
    words = List.copyOf(words);
  }
}
