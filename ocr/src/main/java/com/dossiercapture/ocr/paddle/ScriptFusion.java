package com.dossiercapture.ocr.paddle;

import com.dossiercapture.ocr.classify.ScriptFolding;
import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrWord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Gives a PP-OCR line the traditional characters of a second reading of the same line (Tesseract
 * chi_tra). PP-OCR's dictionary has no 訴 訟 規 簽…: it reads them as their simplified forms, but it
 * rarely loses characters; Tesseract reads the traditional forms but drops or garbles more. The two
 * readings are aligned after folding both to simplified; where the folded characters agree, the
 * second reading's character (the traditional form) replaces PP-OCR's, everywhere else PP-OCR's
 * stays. Boxes and confidences stay PP-OCR's.
 */
public final class ScriptFusion {

  private ScriptFusion() {}

  /** A page is taken as traditional when at least this share of its Han characters are. */
  static final double TRADITIONAL_SHARE = 0.03;

  /**
   * Whether a PP-OCR reading looks like a traditional-script page. PP-OCR's dictionary holds many
   * traditional forms (區 偉 誠 書…) and reads them on traditional pages, but practically never on
   * simplified ones; Tesseract chi_tra, in contrast, writes traditional forms on simplified pages
   * too, so its title reading cannot tell the scripts apart on titles such as 借款合同.
   */
  public static boolean looksTraditional(String text) {
    int han = 0;
    int traditional = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        han++;
        if (ScriptFolding.isTraditionalOnly(c)) {
          traditional++;
        }
      }
    }
    return traditional >= 2 && traditional >= TRADITIONAL_SHARE * han;
  }

  /**
   * The PP-OCR line with the traditional forms that the other reading agrees on, and with the
   * characters the other reading has where PP-OCR left a gap, when PP-OCR's dictionary cannot
   * produce them ({@code known} is false): PP-OCR's CTC decoding drops such characters (答辯狀 comes
   * out as 答狀), so a short run of them between two agreeing characters, or between one and the
   * line's start or end (審判員 read as 判員), is taken from the other reading (ADR 0016). Boxes and
   * confidences of PP-OCR's words stay; an inserted character gets the space between its
   * neighbours.
   */
  public static OcrLine fuse(OcrLine paddle, String other, IntPredicate known) {
    String mine = paddle.text();
    List<Piece> fused = align(mine, other, known);
    boolean changed = fused.size() != mine.length();
    for (int k = 0; k < fused.size() && !changed; k++) {
      changed = fused.get(k).c() != mine.charAt(k);
    }
    if (!changed) {
      return paddle;
    }
    // Which word each character of the line text belongs to.
    int[] wordOf = new int[mine.length()];
    java.util.Arrays.fill(wordOf, -1);
    int pos = 0;
    List<OcrWord> pw = paddle.words();
    for (int w = 0; w < pw.size(); w++) {
      int at = mine.indexOf(pw.get(w).text(), pos);
      if (at < 0) {
        continue;
      }
      for (int k = at; k < at + pw.get(w).text().length(); k++) {
        wordOf[k] = w;
      }
      pos = at + pw.get(w).text().length();
    }
    StringBuilder text = new StringBuilder();
    List<OcrWord> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentWord = -1;
    for (int k = 0; k < fused.size(); k++) {
      Piece p = fused.get(k);
      text.append(p.c());
      int w = p.from() >= 0 ? wordOf[p.from()] : -1;
      if (w != currentWord || w < 0) {
        if (currentWord >= 0 && !current.isEmpty()) {
          OcrWord o = pw.get(currentWord);
          words.add(new OcrWord(current.toString(), o.box(), o.confidence()));
        }
        current.setLength(0);
        currentWord = w;
      }
      if (w >= 0) {
        if (!Character.isWhitespace(p.c())) {
          current.append(p.c());
        }
      } else if (p.from() < 0) {
        words.add(new OcrWord(String.valueOf(p.c()), gapBox(paddle, words), paddle.confidence()));
      }
    }
    if (currentWord >= 0 && !current.isEmpty()) {
      OcrWord o = pw.get(currentWord);
      words.add(new OcrWord(current.toString(), o.box(), o.confidence()));
    }
    return new OcrLine(text.toString(), paddle.box(), paddle.confidence(), words);
  }

  /** Where an inserted character goes: after the last word so far, within the line. */
  private static Box gapBox(OcrLine line, List<OcrWord> before) {
    Box l = line.box();
    if (before.isEmpty()) {
      return new Box(l.x(), l.y(), Math.max(1, l.height()), l.height());
    }
    Box prev = before.getLast().box();
    int x = Math.min(prev.x() + prev.width(), l.x() + l.width() - 1);
    int w = Math.max(1, Math.min(prev.width(), l.x() + l.width() - x));
    return new Box(x, prev.y(), w, prev.height());
  }

  /** The PP-OCR line with the traditional forms that the other reading agrees on. */
  public static OcrLine fuse(OcrLine paddle, String other) {
    return fuse(paddle, other, ScriptFusion::simplifiedDictionary);
  }

  /** A dictionary of simplified and shared characters only: no traditional-only form. */
  private static boolean simplifiedDictionary(int c) {
    return c > Character.MAX_VALUE || !ScriptFolding.isTraditionalOnly((char) c);
  }

  /**
   * One character of the fused text.
   *
   * @param c the character
   * @param from its index in PP-OCR's text, or -1 when inserted from the other reading
   */
  record Piece(char c, int from) {}

  /**
   * The text {@code mine} with a character replaced by the aligned character of {@code other} where
   * the two fold to the same simplified character. Same length as {@code mine}.
   */
  public static String fuse(String mine, String other) {
    StringBuilder b = new StringBuilder();
    align(mine, other, ScriptFusion::simplifiedDictionary).forEach(p -> b.append(p.c()));
    return b.toString();
  }

  /**
   * Whether the character is a Han character. Only those are taken from the other reading where
   * PP-OCR could not have read them: its dictionary also lacks punctuation such as · ° 丶 that
   * Tesseract writes for 。 and 、.
   */
  public static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  /**
   * The line with the punctuation of traditional-script typography restored. Traditional fonts
   * centre 。 ， 、 in the character cell; PP-OCR, trained on simplified text whose marks sit low,
   * reads them as ° · ’ 丶 (counted on 38 traditional pages: 36 of 372 character errors). Only where
   * the context leaves no doubt: 丶 (a radical, never written alone in court text) is 、; ’ between
   * two Han characters is ，; ° after a Han character is 。 (after a digit it is a degree); · after a
   * Han character at the end of the line is 。 (mid-line it may separate the parts of a foreign
   * name). Boxes and confidences stay.
   */
  public static OcrLine centredPunctuation(OcrLine line) {
    String text = line.text();
    char[] c = text.toCharArray();
    boolean changed = false;
    for (int i = 0; i < c.length; i++) {
      boolean hanBefore = i > 0 && isHan(c[i - 1]);
      boolean hanAfter = i + 1 < c.length && isHan(c[i + 1]);
      boolean last = text.substring(i + 1).isBlank();
      char r =
          switch (c[i]) {
            case '丶' -> '、';
            case '’', '\'' -> hanBefore && hanAfter ? '，' : c[i];
            case '°' -> hanBefore ? '。' : c[i];
            case '·' -> hanBefore && last ? '。' : c[i];
            default -> c[i];
          };
      changed |= r != c[i];
      c[i] = r;
    }
    if (!changed) {
      return line;
    }
    // Words hold the line's characters in order (CJK one per word): replace in the same order.
    List<OcrWord> words = new ArrayList<>(line.words().size());
    int pos = 0;
    for (OcrWord w : line.words()) {
      int at = text.indexOf(w.text(), pos);
      if (at < 0) {
        words.add(w);
        continue;
      }
      String fixed = new String(c, at, w.text().length());
      words.add(fixed.equals(w.text()) ? w : new OcrWord(fixed, w.box(), w.confidence()));
      pos = at + w.text().length();
    }
    return new OcrLine(new String(c), line.box(), line.confidence(), words);
  }

  /**
   * Simplified forms PP-OCR reads only where they are printed, although its dictionary has the
   * traditional form too: where it read one of these, the paper shows it, whatever Tesseract
   * chi_tra prefers. 号 is the one measured: a mainland case number keeps 号 on a traditional page
   * (（2022）粤01民初5号), PP-OCR reads 號 where 號 is printed (解放路35號), and chi_tra wrote 號 for all 18
   * case-number 号 on 36 traditional pages of a generated corpus. Taking PP-OCR's form for every
   * character it knows in both forms was measured too and is worse (CER 4.60 % to 5.46 % on those
   * pages): it reads 内 黄 阳 for 內 黃 陽.
   */
  static final String KEEPS_SIMPLIFIED = "号";

  /** Inserted runs are at most this long. */
  static final int MAX_INSERT = 2;

  static List<Piece> align(String mine, String other, IntPredicate known) {
    List<Piece> out = new ArrayList<>();
    if (other == null || other.isEmpty() || mine.isEmpty()) {
      for (int i = 0; i < mine.length(); i++) {
        out.add(new Piece(mine.charAt(i), i));
      }
      return out;
    }
    String a = fold(mine);
    String b = fold(other);
    int n = a.length();
    int m = b.length();
    // Longest common subsequence of the folded texts, then walk it.
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.charAt(i) == b.charAt(j)
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    // Whether the last character agreed; at the start of both lines, the line's edge stands in for
    // an agreeing neighbour (a character PP-OCR dropped can be the line's first).
    boolean matchedBefore = true;
    while (i < n) {
      if (j < m && a.charAt(i) == b.charAt(j)) {
        char o = other.charAt(j);
        char p = mine.charAt(i);
        // The other reading's form of a Han character; PP-OCR's punctuation (full width) stays.
        boolean takeOther =
            isHan(o) && !(o != p && known.test(o) && KEEPS_SIMPLIFIED.indexOf(p) >= 0);
        out.add(new Piece(takeOther ? o : p, i));
        i++;
        j++;
        matchedBefore = true;
      } else if (matchedBefore
          && j < m
          && (i + 1 < n && j + 1 < m && a.charAt(i + 1) == b.charAt(j + 1)
              || i + 1 == n && j + 1 == m)
          && !known.test(other.charAt(j))
          && isHan(other.charAt(j))) {
        // One character differs between two agreeing ones (or the line's edge), and PP-OCR could
        // never have read the other reading's character (審 read as 蕃): take it.
        out.add(new Piece(other.charAt(j), i));
        i++;
        j++;
      } else if (j >= m || lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add(new Piece(mine.charAt(i), i));
        i++;
        matchedBefore = false;
      } else {
        // other has characters here that mine has not: a gap in PP-OCR's reading?
        int k = j;
        while (k < m && lcs[i][k + 1] == lcs[i][j] && a.charAt(i) != b.charAt(k)) {
          k++;
        }
        // other[j, k) are unmatched, and other[k] matches mine[i] (or the run is long).
        boolean nextMatches = k < m && a.charAt(i) == b.charAt(k);
        if (matchedBefore && nextMatches && insertable(other, j, k, known)) {
          for (int q = j; q < k; q++) {
            out.add(new Piece(other.charAt(q), -1));
          }
        }
        j = k;
        matchedBefore = false;
      }
    }
    // A short run after the last agreeing character, at the line's end (名稱 read as 名).
    if (matchedBefore && j < m && insertable(other, j, m, known)) {
      for (int q = j; q < m; q++) {
        out.add(new Piece(other.charAt(q), -1));
      }
    }
    return out;
  }

  /** Whether other[from, to) is a short run of Han characters PP-OCR could not have read. */
  private static boolean insertable(String other, int from, int to, IntPredicate known) {
    if (to - from < 1 || to - from > MAX_INSERT) {
      return false;
    }
    for (int q = from; q < to; q++) {
      if (known.test(other.charAt(q)) || !isHan(other.charAt(q))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text folded for alignment: simplified forms, and full-width punctuation as its ASCII twin
   * (Tesseract chi_tra writes 「:」 and 「,」 where PP-OCR writes 「：」 and 「，」). Same length.
   */
  static String fold(String text) {
    String s = ScriptFolding.toSimplified(text);
    StringBuilder b = new StringBuilder(s.length());
    for (int q = 0; q < s.length(); q++) {
      char c = s.charAt(q);
      b.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c);
    }
    return b.toString();
  }
}
