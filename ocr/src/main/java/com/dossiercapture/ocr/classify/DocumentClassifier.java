package com.dossiercapture.ocr.classify;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.CatalogueEntry;
import java.util.List;
import java.util.Objects;

/**
 * Classifies a page into the catalogue from its title. Court documents print their type as a title
 * near the top (民事判决书, 送达回证…), so the first lines decide: a line that <i>is</i> a keyword (allowing
 * a character or two of OCR noise) is strong evidence; a keyword inside a longer line is weak
 * evidence (a receipt's table mentions 民事判决书, a notice mentions 起诉状). Traditional characters are
 * folded to simplified first. A page without a title (a continuation page) gets no type here; the
 * {@code DocumentAssembler} carries the document's type over to it.
 */
public final class DocumentClassifier {

  /**
   * The verdict on one page.
   *
   * @param docType catalogue code, or null when the page shows no title
   * @param confidence 0..1
   * @param title the line that decided, or null
   */
  public record Classification(String docType, double confidence, String title) {
    /** No title found. */
    public static final Classification NONE = new Classification(null, 0, null);
  }

  /** How many lines from the top can hold the title (court name, title, case number…). */
  static final int TITLE_LINES = 6;

  private final Catalogue catalogue;

  public DocumentClassifier(Catalogue catalogue) {
    this.catalogue = Objects.requireNonNull(catalogue);
  }

  /** Classifies a page from its text lines in reading order (only the first few matter). */
  public Classification classify(List<String> lines) {
    Classification byTitle = byTitle(lines);
    if (byTitle.docType() != null) {
      return byTitle;
    }
    return byContent(lines);
  }

  /**
   * Pages whose title OCR missed (very large type is often lost) can still show their kind by their
   * fields: a cover lists 收案日期 and 归档日期/结案日期; a transcript has 审：/原：/被： turns.
   */
  private Classification byContent(List<String> lines) {
    String all = normalise(String.join("", lines));
    if (catalogue.entry("cover").isPresent()
        && all.contains("收案日期")
        && (all.contains("归档日期") || all.contains("结案日期"))) {
      return new Classification("cover", 0.8, null);
    }
    long turns =
        lines.stream()
            .map(DocumentClassifier::normalise)
            .filter(l -> l.matches("^[审原被][：:].*"))
            .count();
    if (catalogue.entry("hearing_transcript").isPresent() && turns >= 4) {
      return new Classification("hearing_transcript", 0.6, null);
    }
    return Classification.NONE;
  }

  private Classification byTitle(List<String> lines) {
    Classification best = Classification.NONE;
    double bestScore = 0;
    int n = Math.min(TITLE_LINES, lines.size());
    for (int i = 0; i < n; i++) {
      String line = normalise(lines.get(i));
      if (line.isEmpty()) {
        continue;
      }
      for (CatalogueEntry e : catalogue.entries()) {
        for (String kw : e.keywords()) {
          double q = match(line, normalise(kw));
          if (q <= 0) {
            continue;
          }
          // Earlier lines and longer keywords are better evidence.
          double score = q - 0.01 * i + 0.001 * kw.length();
          if (score > bestScore) {
            bestScore = score;
            best = new Classification(e.code(), q, lines.get(i).strip());
          }
        }
      }
    }
    return best;
  }

  /**
   * Quality of a keyword match on one line: 0.97 when the line is the keyword, 0.9 with up to three
   * extra characters (spacing marks, a stray bracket), 0.85 for the same with one OCR error, 0.55
   * when the keyword sits inside a longer line, else 0.
   */
  static double match(String line, String kw) {
    if (kw.length() < 2) {
      return 0;
    }
    if (line.equals(kw)) {
      return 0.97;
    }
    boolean contains = line.contains(kw);
    int extra = line.length() - kw.length();
    if (contains && extra <= 3) {
      return 0.9;
    }
    if (kw.length() >= 4 && Math.abs(extra) <= 2 && fuzzyContains(line, kw)) {
      return 0.85;
    }
    if (contains && kw.length() >= 3) {
      return 0.55;
    }
    return 0;
  }

  /** Whether some window of the line is within one edit of the keyword. */
  private static boolean fuzzyContains(String line, String kw) {
    for (int len = kw.length() - 1; len <= kw.length() + 1; len++) {
      for (int i = 0; i + len <= line.length(); i++) {
        if (editDistance(line.substring(i, i + len), kw) <= 1) {
          return true;
        }
      }
    }
    return false;
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Simplified characters, no whitespace, no ASCII punctuation noise. */
  static String normalise(String s) {
    String folded = ScriptFolding.toSimplified(s);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isWhitespace(c) || c == '\u3000' || "|_-—~·.".indexOf(c) >= 0) {
        continue;
      }
      b.append(c);
    }
    return b.toString();
  }
}
