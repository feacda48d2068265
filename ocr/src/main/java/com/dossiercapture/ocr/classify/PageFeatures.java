package com.dossiercapture.ocr.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The features the document-type model sees on a page: character n-grams of its OCR text (Chinese
 * has no word spaces, and OCR errors hit single characters, so character bigrams are robust where
 * words are not). The title region (the first {@value DocumentClassifier#TITLE_LINES} lines, where
 * a court document prints court, title and case number) gets its own unigram, bigram and trigram
 * features, so they weigh more than the same n-grams in the body; body bigrams are counted once
 * each. Digits fold to 0 and Latin letters to a, so dates, amounts and case numbers generalise.
 * Also: the page's length and number of lines (bucketed), and whether its lines look like a
 * transcript's turns (审：/原：/被：).
 */
public final class PageFeatures {

  /** Body text beyond this many characters adds nothing (and costs time). */
  static final int MAX_BODY = 1500;

  private PageFeatures() {}

  /** The features of a page given its OCR text (lines joined by newlines). */
  public static String[] of(String text) {
    return of(text == null || text.isEmpty() ? List.of() : List.of(text.split("\n")));
  }

  /** The features of a page given its OCR lines in reading order. */
  public static String[] of(List<String> rawLines) {
    List<String> lines = new ArrayList<>();
    for (String l : rawLines) {
      String n = shape(DocumentClassifier.normalise(l));
      if (!n.isEmpty()) {
        lines.add(n);
      }
    }
    Set<String> f = new LinkedHashSet<>();
    int chars = 0;
    int turns = 0;
    for (String l : lines) {
      chars += l.length();
      if (l.length() >= 2 && "审原被".indexOf(l.charAt(0)) >= 0 && ":：".indexOf(l.charAt(1)) >= 0) {
        turns++;
      }
    }
    f.add("len=" + bucket(chars));
    f.add("lines=" + bucket(lines.size()));
    f.add("turns=" + Math.min(turns, 4));
    int n = Math.min(DocumentClassifier.TITLE_LINES, lines.size());
    for (int i = 0; i < n; i++) {
      String l = lines.get(i);
      if (l.length() <= 12) {
        f.add("tl=" + l); // a whole short line: a title as read
      }
      for (int k = 0; k < l.length(); k++) {
        f.add("t1=" + l.charAt(k));
        if (k + 1 < l.length()) {
          f.add("t2=" + l.substring(k, k + 2));
        }
        if (k + 2 < l.length()) {
          f.add("t3=" + l.substring(k, k + 3));
        }
      }
    }
    int budget = MAX_BODY;
    for (int i = n; i < lines.size() && budget > 0; i++) {
      String l = lines.get(i);
      if (l.length() >= 2) {
        f.add("b0=" + l.substring(0, 2)); // how a body line begins (审：, 原告, 1.)
      }
      for (int k = 0; k + 1 < l.length() && budget > 0; k++, budget--) {
        f.add("b2=" + l.substring(k, k + 2));
      }
    }
    if (lines.isEmpty()) {
      f.add("empty");
    }
    return f.toArray(String[]::new);
  }

  /** Digits to 0, Latin letters to a: the shape of numbers, not their values. */
  static String shape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= '０' && c <= '９')) {
        c = '0';
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        c = 'a';
      }
      if (c == '0' && b.length() > 0 && b.charAt(b.length() - 1) == '0') {
        continue; // a run of digits is one 0
      }
      b.append(c);
    }
    return b.toString();
  }

  private static int bucket(int n) {
    if (n == 0) {
      return 0;
    }
    return 32 - Integer.numberOfLeadingZeros(n); // log2 buckets
  }
}
