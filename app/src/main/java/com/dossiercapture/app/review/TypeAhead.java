package com.dossiercapture.app.review;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.CatalogueEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Finds catalogue types from what an archivist types: part of a Chinese title or keyword ({@code
 * 答辩}), pinyin initials ({@code qsz} → 起诉状 → 民事起诉状, polyphones in every reading), the English title
 * or the code. Initials are computed once, when the catalogue is loaded.
 */
public final class TypeAhead {

  /** How well an entry matched: lower is better. */
  private record Scored(CatalogueEntry entry, int score) {}

  private record Indexed(CatalogueEntry entry, List<String> words, Set<String> initials) {}

  /** More readings than this per word are not expanded (polyphones multiply). */
  private static final int MAX_READINGS = 32;

  private final List<Indexed> index = new ArrayList<>();

  public TypeAhead(Catalogue catalogue) {
    for (CatalogueEntry e : catalogue.entries()) {
      List<String> words = new ArrayList<>();
      words.add(e.title());
      words.addAll(e.keywords());
      Set<String> initials = new LinkedHashSet<>();
      for (String w : words) {
        initials.addAll(initials(w));
      }
      index.add(new Indexed(e, words, initials));
    }
  }

  /**
   * The entries that match, best first (a match at the start beats one inside; then catalogue
   * order). A blank query lists the whole catalogue.
   */
  public List<CatalogueEntry> match(String query) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<Scored> hits = new ArrayList<>();
    for (Indexed ix : index) {
      int score = q.isEmpty() ? 0 : score(ix, q);
      if (score < Integer.MAX_VALUE) {
        hits.add(new Scored(ix.entry(), score));
      }
    }
    hits.sort(Comparator.comparingInt(Scored::score).thenComparingInt(s -> s.entry().order()));
    return hits.stream().map(Scored::entry).toList();
  }

  private static int score(Indexed ix, String q) {
    int best = Integer.MAX_VALUE;
    for (String w : ix.words()) {
      if (w.equals(q)) {
        return 0;
      }
      if (w.startsWith(q)) {
        best = Math.min(best, 1);
      } else if (w.contains(q)) {
        best = Math.min(best, 2);
      }
    }
    for (String in : ix.initials()) {
      if (in.equals(q)) {
        best = Math.min(best, 1);
      } else if (in.startsWith(q)) {
        best = Math.min(best, 2);
      } else if (in.contains(q)) {
        best = Math.min(best, 3);
      }
    }
    String en = ix.entry().titleEn() == null ? "" : ix.entry().titleEn().toLowerCase(Locale.ROOT);
    if (en.startsWith(q) || ix.entry().code().startsWith(q)) {
      best = Math.min(best, 2);
    } else if (en.contains(q) || ix.entry().code().contains(q)) {
      best = Math.min(best, 4);
    }
    return best;
  }

  /** The pinyin initials of a text in every reading of its polyphones, e.g. 调解 → tj, dj. */
  public static Set<String> initials(String text) {
    HanyuPinyinOutputFormat f = new HanyuPinyinOutputFormat();
    f.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
    f.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    Set<String> out = new LinkedHashSet<>();
    out.add("");
    for (char ch : text.toCharArray()) {
      Set<Character> letters = new LinkedHashSet<>();
      String[] readings;
      try {
        readings = PinyinHelper.toHanyuPinyinStringArray(ch, f);
      } catch (BadHanyuPinyinOutputFormatCombination e) {
        throw new IllegalStateException(e);
      }
      if (readings != null && readings.length > 0) {
        for (String r : readings) {
          if (!r.isEmpty()) {
            letters.add(r.charAt(0));
          }
        }
      } else if (Character.isLetterOrDigit(ch)) {
        letters.add(Character.toLowerCase(ch));
      } else {
        continue; // punctuation, spaces
      }
      Set<String> next = new LinkedHashSet<>();
      for (String prefix : out) {
        for (char l : letters) {
          if (next.size() < MAX_READINGS) {
            next.add(prefix + l);
          }
        }
      }
      out = next;
    }
    out.remove("");
    return out;
  }
}
