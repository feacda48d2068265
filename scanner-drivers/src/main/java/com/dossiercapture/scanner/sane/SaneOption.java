package com.dossiercapture.scanner.sane;

import java.util.List;

/**
 * One option of an open device, copied out of its {@code SANE_Option_Descriptor} (so it stays valid
 * after the backend reloads its descriptors).
 *
 * @param index option number for {@code sane_control_option}
 * @param name the backend's name ({@code resolution}, {@code source}, ...); empty for groups
 * @param title short human title
 * @param type one of {@code SaneLibrary.TYPE_*}
 * @param unit one of {@code SaneLibrary.UNIT_*}
 * @param size value size in bytes
 * @param cap capability bits ({@code SaneLibrary.CAP_*})
 * @param range the range constraint in raw words (fixed-point for FIXED), or null
 * @param wordList the word-list constraint in raw words, or null
 * @param stringList the string-list constraint, or null
 */
public record SaneOption(
    int index,
    String name,
    String title,
    int type,
    int unit,
    int size,
    int cap,
    int[] range,
    List<Integer> wordList,
    List<String> stringList) {

  public boolean active() {
    return (cap & SaneLibrary.CAP_INACTIVE) == 0;
  }

  public boolean settable() {
    return (cap & SaneLibrary.CAP_SOFT_SELECT) != 0;
  }

  /** Number of words in the value (arrays have more than one). */
  public int words() {
    return Math.max(1, size / 4);
  }

  /** A raw word as a number in the option's units (fixed-point scaled for FIXED). */
  public double toNumber(int word) {
    return type == SaneLibrary.TYPE_FIXED ? word / 65536.0 : word;
  }

  /** A number in the option's units as a raw word. */
  public int toWord(double value) {
    return type == SaneLibrary.TYPE_FIXED
        ? (int) Math.round(value * 65536.0)
        : (int) Math.round(value);
  }

  /** The lowest and highest allowed number, from a range or word list, or null. */
  public double[] bounds() {
    if (range != null) {
      return new double[] {toNumber(range[0]), toNumber(range[1])};
    }
    if (wordList != null && !wordList.isEmpty()) {
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (int w : wordList) {
        lo = Math.min(lo, toNumber(w));
        hi = Math.max(hi, toNumber(w));
      }
      return new double[] {lo, hi};
    }
    return null;
  }

  /**
   * The allowed value nearest {@code wanted}: the closest word-list entry, or the range clamped and
   * quantised; the value itself when unconstrained.
   */
  public double nearest(double wanted) {
    if (wordList != null && !wordList.isEmpty()) {
      double best = toNumber(wordList.get(0));
      for (int w : wordList) {
        double v = toNumber(w);
        if (Math.abs(v - wanted) < Math.abs(best - wanted)) {
          best = v;
        }
      }
      return best;
    }
    if (range != null) {
      double lo = toNumber(range[0]);
      double hi = toNumber(range[1]);
      double q = toNumber(range[2]);
      double v = Math.max(lo, Math.min(hi, wanted));
      if (q > 0) {
        v = lo + Math.round((v - lo) / q) * q;
        v = Math.min(hi, v);
      }
      return v;
    }
    return wanted;
  }
}
