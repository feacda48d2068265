package com.dossiercapture.ocr.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an engine read on an image: lines in reading order.
 *
 * @param lines text lines, top to bottom, left to right within a column
 */
public record OcrResult(List<OcrLine> lines) {

  public OcrResult {
    lines = List.copyOf(lines);
  }

  /** The full text, lines joined by {@code \n}. */
  public String text() {
    return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
  }

  /** All words in reading order. */
  public List<OcrWord> words() {
    return lines.stream().flatMap(l -> l.words().stream()).toList();
  }

  /** Mean word confidence (0 when nothing was read). */
  public double meanConfidence() {
    return words().stream().mapToDouble(OcrWord::confidence).average().orElse(0);
  }

  /** Number of non-whitespace characters read. */
  public int characterCount() {
    return (int) text().codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }
}
