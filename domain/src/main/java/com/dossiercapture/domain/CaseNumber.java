package com.dossiercapture.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Chinese court case number (案号), e.g. {@code （2024）湘0602民初1234号}, kept both as printed and in
 * the canonical form (full-width brackets, ASCII digits, no spaces). See catalogue.md.
 *
 * @param printed the text as it appeared (or was typed)
 * @param year the year of filing (收案年度)
 * @param courtCode 法院代字: province abbreviation plus 0, 2 or 4 digits, or 最高法
 * @param typeCode 类型代字, e.g. 民初, 知民初, 执保
 * @param sequence 案件编号 without leading zeros
 */
public record CaseNumber(
    String printed, int year, String courtCode, String typeCode, long sequence) {

  /** Province (and corps) abbreviations a court code starts with. */
  public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼兵";

  private static final String OPEN = "[（(【〔\\[［]";
  private static final String CLOSE = "[）)】〕\\]］]";
  private static final Pattern PATTERN =
      Pattern.compile(
          OPEN
              + "\\s*([0-9]{4})\\s*"
              + CLOSE
              + "\\s*(最高法|["
              + PROVINCES
              + "](?:\\s*[0-9]){0,4})\\s*"
              + "([\\p{IsHan}&&[^号"
              + PROVINCES
              + "]]{1,4})\\s*"
              + "([0-9][0-9\\s]{0,8})\\s*号");

  public CaseNumber {
    Objects.requireNonNull(printed, "printed");
    Objects.requireNonNull(courtCode, "courtCode");
    Objects.requireNonNull(typeCode, "typeCode");
    if (year < 1949 || year > 2999) {
      throw new IllegalArgumentException("implausible year " + year);
    }
    if (sequence <= 0) {
      throw new IllegalArgumentException("case sequence must be positive: " + sequence);
    }
  }

  /** The canonical form: {@code （2024）湘0602民初1234号}. */
  public String normalised() {
    return "（" + year + "）" + courtCode + typeCode + sequence + "号";
  }

  @Override
  public String toString() {
    return normalised();
  }

  /**
   * Parses text that should be exactly one case number (surrounding spaces allowed).
   *
   * @return the case number, or empty when the text is not one
   */
  public static Optional<CaseNumber> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String folded = fold(text).strip();
    Matcher m = PATTERN.matcher(folded);
    if (!m.matches()) {
      return Optional.empty();
    }
    return fromMatch(text.strip(), m);
  }

  /** Every case number that occurs in free text (OCR output), in order of appearance. */
  public static List<CaseNumber> findAll(String text) {
    List<CaseNumber> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    String folded = fold(text);
    Matcher m = PATTERN.matcher(folded);
    while (m.find()) {
      // fold() keeps the length, so the printed slice comes from the original text.
      fromMatch(text.substring(m.start(), m.end()), m).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<CaseNumber> fromMatch(String printed, Matcher m) {
    String court = m.group(2).replaceAll("\\s", "");
    int digits = court.length() - 1;
    if (!court.equals("最高法") && digits != 0 && digits != 2 && digits != 4) {
      return Optional.empty();
    }
    try {
      int year = Integer.parseInt(m.group(1));
      long seq = Long.parseLong(m.group(4).replaceAll("\\s", ""));
      if (year < 1949 || year > 2999 || seq <= 0) {
        return Optional.empty();
      }
      return Optional.of(new CaseNumber(printed, year, court, m.group(3), seq));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Folds the look-alikes OCR and typists produce into ASCII digits, one character for one, so that
   * match offsets in the folded text are offsets in the original: full-width digits, 〇 and ○ and
   * the letter O read for zero, full-width spaces.
   */
  static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '０' && c <= '９') {
        c = (char) ('0' + (c - '０'));
      } else if (c == '〇' || c == '○' || c == 'О' || c == 'o' || c == 'O') {
        c = '0';
      } else if (c == '\u3000' || c == '\u00a0') {
        c = ' ';
      }
      b.append(c);
    }
    return b.toString();
  }
}
