package com.dossiercapture.ocr.classify;

import com.dossiercapture.domain.CaseNumber;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the fields an archivist checks out of a page's OCR text: the case number (normalised by
 * {@link CaseNumber}), the parties (原告 / 被告 and their equivalents) and the document date.
 */
public final class FieldExtractor {

  /**
   * The fields of one page.
   *
   * @param caseNumber the first case number on the page, or null
   * @param plaintiffs 原告 / 申请人 / 上诉人 names, in order of appearance
   * @param defendants 被告 / 被申请人 / 被上诉人 names
   * @param documentDate the last full date on the page (documents are dated at the end), or null
   */
  public record Fields(
      CaseNumber caseNumber,
      List<String> plaintiffs,
      List<String> defendants,
      LocalDate documentDate) {}

  private static final Pattern PLAINTIFF =
      Pattern.compile(
          "(?<!被)(?:原告|申请人|上诉人|委托人)[（(]?[^：:）)]{0,6}[）)]?[：:]\\s*([^，,。；;\\s：:]{2,30})");
  private static final Pattern DEFENDANT =
      Pattern.compile("(?:被告|被申请人|被上诉人|被答辩人)[：:]\\s*([^，,。；;\\s：:]{2,30})");
  private static final Pattern DATE =
      Pattern.compile(
          "([0-9〇○零一二三四五六七八九Oo]{4})\\s*年\\s*([0-9一二三四五六七八九十]{1,3})\\s*月\\s*([0-9一二三四五六七八九十]{1,3})\\s*日");

  private FieldExtractor() {}

  /** Extracts the fields from OCR text (traditional characters are folded first). */
  public static Fields extract(String text) {
    if (text == null || text.isEmpty()) {
      return new Fields(null, List.of(), List.of(), null);
    }
    String folded = ScriptFolding.toSimplified(text);
    CaseNumber cn = caseNumber(folded);
    return new Fields(
        cn, names(PLAINTIFF, folded), names(DEFENDANT, folded), date(folded).orElse(null));
  }

  /** Full province names as courts print them, and their case-number abbreviations. */
  private static final String[][] PROVINCES = {
    {"北京", "京"}, {"天津", "津"}, {"上海", "沪"}, {"重庆", "渝"}, {"河北", "冀"}, {"河南", "豫"},
    {"云南", "云"}, {"辽宁", "辽"}, {"黑龙江", "黑"}, {"湖南", "湘"}, {"安徽", "皖"}, {"山东", "鲁"},
    {"新疆", "新"}, {"江苏", "苏"}, {"浙江", "浙"}, {"江西", "赣"}, {"湖北", "鄂"}, {"广西", "桂"},
    {"甘肃", "甘"}, {"山西", "晋"}, {"内蒙古", "蒙"}, {"陕西", "陕"}, {"吉林", "吉"}, {"福建", "闽"},
    {"贵州", "贵"}, {"广东", "粤"}, {"青海", "青"}, {"西藏", "藏"}, {"四川", "川"}, {"宁夏", "宁"},
    {"海南", "琼"}
  };

  /**
   * The page's case number, read tolerantly ({@link CaseNumberReader}): a well-formed number is
   * checked against the court named on the page (a 福建省 court numbers its cases 闽…); where OCR
   * misread the province character, a bracket, 号 or added a stray character, the court's province
   * and the list of real type codes repair it.
   */
  static CaseNumber caseNumber(String text) {
    return CaseNumberReader.read(text, null);
  }

  /** The province abbreviation of the first court named in the text (…省…人民法院), or null. */
  static String provinceOfCourt(String text) {
    int court = text.indexOf("人民法院");
    if (court < 0) {
      return null;
    }
    String before = text.substring(Math.max(0, text.lastIndexOf('\n', court) + 1), court);
    for (String[] p : PROVINCES) {
      if (before.startsWith(p[0])) {
        return p[1];
      }
    }
    return null;
  }

  private static List<String> names(Pattern p, String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return new ArrayList<>(out);
  }

  /** The last parseable date in the text. */
  static Optional<LocalDate> date(String text) {
    Matcher m = DATE.matcher(text);
    LocalDate last = null;
    while (m.find()) {
      try {
        last = LocalDate.of(number(m.group(1)), number(m.group(2)), number(m.group(3)));
      } catch (DateTimeException | NumberFormatException e) {
        // Not a real date (OCR noise): ignore it.
      }
    }
    return Optional.ofNullable(last);
  }

  /** Arabic digits, or Chinese numerals as written in dates (二〇二四, 十二, 二十三). */
  static int number(String s) {
    String digits = "〇一二三四五六七八九";
    if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Integer.parseInt(s);
    }
    if (s.length() == 4) {
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        int d = c == '○' || c == '零' || c == 'O' || c == 'o' ? 0 : digits.indexOf(c);
        b.append(d >= 0 ? d : Character.digit(c, 10));
      }
      return Integer.parseInt(b.toString());
    }
    int value = 0;
    int tens = s.indexOf('十');
    if (tens >= 0) {
      value = tens == 0 ? 10 : digits.indexOf(s.charAt(0)) * 10;
      if (tens + 1 < s.length()) {
        value += digits.indexOf(s.charAt(tens + 1));
      }
      return value;
    }
    return digits.indexOf(s.charAt(0));
  }
}
