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
  public static final int TITLE_LINES = 6;

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
   * extra characters (spacing marks, a stray bracket), 0.85 for the same with one OCR error, 0.82
   * with more errors within the keyword's error budget ({@link #errorBudget}), 0.55 when the
   * keyword sits inside a longer line, else 0.
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
    int budget = errorBudget(kw);
    if (budget > 0 && Math.abs(extra) <= 1 + budget) {
      int d = fuzzyDistance(line, kw, budget);
      if (d == 1) {
        return 0.85;
      }
      if (d <= budget) {
        return 0.82;
      }
    }
    if (contains && kw.length() >= 3) {
      return 0.55;
    }
    return 0;
  }

  /**
   * How many OCR errors (edits) a title line may show and still count as the keyword: none for
   * keywords shorter than 4 characters (借条 vs 收条, 传票), one for 4–6, two for 7–10, three from 11:
   * about one in four characters, so 民事判决书 and 民事裁定书 (two apart) never mix.
   */
  static int errorBudget(String kw) {
    if (kw.length() < 4) {
      return 0;
    }
    return Math.max(1, (kw.length() + 1) / 4);
  }

  /**
   * The smallest edit distance between the keyword and a window of the line (window lengths within
   * the budget of the keyword's), or {@code budget + 1} when none is within the budget.
   */
  static int fuzzyDistance(String line, String kw, int budget) {
    int best = budget + 1;
    for (int len = kw.length() - budget; len <= kw.length() + budget; len++) {
      for (int i = 0; len > 0 && i + len <= line.length(); i++) {
        best = Math.min(best, editDistance(line.substring(i, i + len), kw));
        if (best <= 1) {
          return best;
        }
      }
    }
    return best;
  }

  /**
   * How much a short line looks like some catalogue keyword without matching it well: the longest
   * common subsequence with the closest keyword (of at least 4 characters), as a share of that
   * keyword's length; 0 for lines that already match a keyword well (0.85 or more) or are too long
   * to be a title. A title that OCR garbled (父胞诉俭菇用通因书 for 交纳诉讼费用通知书) shows here, and is worth
   * reading again.
   */
  public double titleLikeness(String rawLine) {
    String line = normalise(rawLine);
    if (line.length() < 3 || line.length() > 16) {
      return 0;
    }
    double best = 0;
    for (CatalogueEntry e : catalogue.entries()) {
      for (String k : e.keywords()) {
        String kw = normalise(k);
        if (kw.length() < 4 || line.length() > kw.length() + 6) {
          continue;
        }
        if (match(line, kw) >= 0.85) {
          return 0;
        }
        best = Math.max(best, lcs(line, kw) / (double) kw.length());
      }
    }
    return best;
  }

  /** How well the line matches the best catalogue keyword ({@link #match}), 0 when none. */
  public double titleQuality(String rawLine) {
    String line = normalise(rawLine);
    double best = 0;
    for (CatalogueEntry e : catalogue.entries()) {
      for (String k : e.keywords()) {
        best = Math.max(best, match(line, normalise(k)));
      }
    }
    return best;
  }

  static int lcs(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        cur[j] =
            a.charAt(i - 1) == b.charAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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
      if (Character.isWhitespace(c) || c == '\u3000' || "|_-—~·.．・。".indexOf(c) >= 0) {
        continue;
      }
      b.append(c);
    }
    return b.toString();
  }
}
