package com.dossiercapture.ocr.classify;

import com.dossiercapture.domain.CaseNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads case numbers out of OCR text that {@link CaseNumber#findAll} (which wants a well-formed
 * number) misses. What Tesseract does to {@code （2024）湘0602民初1234号} on scanned court pages, seen in
 * the corpus reports:
 *
 * <ul>
 *   <li>the opening bracket read as 〈 《 < 4 or lost, the closing one as 〉 》 or lost;
 *   <li>the province character misread as a look-alike (闽→阔/國/阅, 鄂→骂/哪/另, 豫→驳, 粤→鼻);
 *   <li>a stray character inserted after the bracket or in the type code (民和初);
 *   <li>号 read as 叨, 舉, 號 or lost at the end of the line.
 * </ul>
 *
 * <p>A candidate is the digit skeleton (year, court digits, sequence) with the characters around
 * it; it is accepted only when its type code is a real one (after dropping one stray character) and
 * its province is known: read correctly, repaired from the court named on the page, or taken from
 * the dossier's case number (the separator sheet's barcode) when the digit skeleton matches it
 * exactly.
 */
public final class CaseNumberReader {

  /** 类型代字 the product accepts (catalogue.md), longest first within a family. */
  static final Set<String> TYPE_CODES =
      Set.of(
          "民初", "民终", "民申", "民再", "民抗", "民监", "民催", "民特", "民辖", "民辖终", "商初", "商终", "知民初", "知民终",
          "执", "执保", "执异", "执恢", "执复", "执监", "行初", "行终", "行申", "行审", "刑初", "刑终", "刑申", "刑更", "破",
          "破申", "司惩", "赔", "财保", "诉保");

  /**
   * The digit skeleton: an optional opening bracket (or its look-alike), four year digits, an
   * optional closing bracket, up to two non-digit characters (province, a stray one), court digits
   * (0, 2 or 4, or one more: a 1 read from the province character's last stroke, 川 as 川1), one to
   * four type characters, the sequence, a speck read as a dot, and 号 or a look-alike or nothing.
   */
  private static final Pattern LOOSE =
      Pattern.compile(
          "([（(【〔\\[［〈《<{]?)\\s*((?:19|20)[0-9]{2})\\s*[）)】〕\\]］〉》>}]?\\s*"
              + "([^0-9\\s，,。；;：:]{1,2}?)\\s*(1?[0-9]{4}|1?[0-9]{2})\\s*"
              + "([\\p{IsHan}]{1,4}?)\\s*([0-9]{1,6})\\s*[.．·・。]?\\s*(\\p{IsHan}|$)",
          Pattern.MULTILINE);

  /** What OCR reads for 号 often enough to accept without the dossier's number to confirm it. */
  static final String HAO = "号號叨弓亏舉举兮導呈听喇";

  private CaseNumberReader() {}

  /**
   * The case number printed on a page, or null.
   *
   * @param text OCR text of the page (any script)
   * @param dossier the dossier's case number when known (from its separator sheet), else null
   */
  public static CaseNumber read(String text, CaseNumber dossier) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String folded = fold(ScriptFolding.toSimplified(text));
    String province = FieldExtractor.provinceOfCourt(folded);
    // 1. a well-formed case number whose province agrees with the page's court.
    CaseNumber strict = null;
    for (CaseNumber found : CaseNumber.findAll(folded)) {
      String type = repairType(found.typeCode());
      CaseNumber c =
          new CaseNumber(found.printed(), found.year(), found.courtCode(), type, found.sequence());
      if (dossier != null
          && sameSkeleton(c, dossier)
          && (c.sequence() == dossier.sequence() || c.typeCode().equals(dossier.typeCode()))
          && !c.normalised().equals(dossier.normalised())) {
        // The digits agree with the dossier's number but a character differs: OCR misread it.
        return withPrinted(dossier, c.printed());
      }
      if (province == null || c.courtCode().startsWith(province) || c.courtCode().equals("最高法")) {
        strict = c;
        break;
      }
    }
    if (strict != null) {
      return strict;
    }
    // 2. tolerant reading of the digit skeleton.
    for (Candidate k : candidates(folded)) {
      if (dossier != null && k.matches(dossier)) {
        return withPrinted(dossier, k.printed());
      }
      String prov = k.province(province);
      String type = k.typeCode();
      if (prov == null || type == null || !k.closedWell()) {
        continue;
      }
      String canonical = "（" + k.year + "）" + prov + k.courtDigits + type + k.sequence + "号";
      var parsed = CaseNumber.parse(canonical);
      if (parsed.isPresent()) {
        CaseNumber c = parsed.get();
        return new CaseNumber(k.printed(), c.year(), c.courtCode(), c.typeCode(), c.sequence());
      }
    }
    return null;
  }

  /**
   * The type code with one stray character dropped when that makes a known code (民和初 → 民初);
   * otherwise as read (courts use codes this list lacks).
   */
  static String repairType(String raw) {
    if (TYPE_CODES.contains(raw)) {
      return raw;
    }
    for (int i = 0; i < raw.length() && raw.length() > 2; i++) {
      String t = raw.substring(0, i) + raw.substring(i + 1);
      if (TYPE_CODES.contains(t)) {
        return t;
      }
    }
    return raw;
  }

  private static CaseNumber withPrinted(CaseNumber c, String printed) {
    return new CaseNumber(printed, c.year(), c.courtCode(), c.typeCode(), c.sequence());
  }

  private static boolean sameSkeleton(CaseNumber a, CaseNumber b) {
    return a.year() == b.year()
        && nearSequence(a.sequence(), b.sequence())
        && digitsOf(a.courtCode()).equals(digitsOf(b.courtCode()));
  }

  /**
   * The same sequence number, or one OCR edit away (a digit inserted, dropped or misread: 9225 read
   * as 92225), when it has at least three digits.
   */
  static boolean nearSequence(long a, long b) {
    if (a == b) {
      return true;
    }
    String x = Long.toString(a);
    String y = Long.toString(b);
    return Math.min(x.length(), y.length()) >= 3 && DocumentClassifier.editDistance(x, y) <= 1;
  }

  static String digitsOf(String courtCode) {
    return courtCode.replaceAll("[^0-9]", "");
  }

  /** One tolerant match: the pieces as read. */
  record Candidate(
      String open,
      int year,
      String before,
      String courtDigits,
      String typeRaw,
      long sequence,
      String number,
      String printed) {

    /** Whether the digits are those of a known case number (characters may be misread). */
    boolean matches(CaseNumber c) {
      if (c.year() != year
          || !digitsOf(c.courtCode()).equals(courtDigits)
          || !nearSequence(c.sequence(), sequence)) {
        return false;
      }
      // The type code must look like the dossier's (民初 vs 民和初, 民切 ...): share a character.
      String want = c.typeCode();
      for (char ch : typeRaw.toCharArray()) {
        if (want.indexOf(ch) >= 0) {
          return true;
        }
      }
      return typeRaw.length() <= want.length() + 1 && !number.isEmpty();
    }

    /** The province: as read when it is one, else the page court's, else null. */
    String province(String courtProvince) {
      for (int i = before.length() - 1; i >= 0; i--) {
        char ch = before.charAt(i);
        if (CaseNumber.PROVINCES.indexOf(ch) >= 0) {
          if (courtProvince == null || courtProvince.indexOf(ch) >= 0) {
            return String.valueOf(ch);
          }
        }
      }
      return courtProvince;
    }

    /** A real type code: as read, or after dropping one stray character; else null. */
    String typeCode() {
      String t = repairType(typeRaw);
      return TYPE_CODES.contains(t) ? t : null;
    }

    /** Shaped like a case number at both ends: a bracket-like opening or 号-like close. */
    boolean closedWell() {
      return number.length() == 1
          && HAO.indexOf(number.charAt(0)) >= 0
          && (!open.isEmpty() || courtDigits.length() == 4);
    }
  }

  /**
   * Court digits as read, without a leading 1 that makes them one too many (2 or 4 are valid):
   * PP-OCR reads the last vertical stroke of 川 as a 1 (measured: 「川10107」 for 川0107 on three pages
   * of one case, seed 5151).
   */
  static String courtDigits(String read) {
    return read.length() % 2 == 1 && read.charAt(0) == '1' ? read.substring(1) : read;
  }

  /** Every tolerant match in (folded) text, in order. */
  static List<Candidate> candidates(String folded) {
    List<Candidate> out = new ArrayList<>();
    Matcher m = LOOSE.matcher(folded);
    while (m.find()) {
      String before = m.group(3);
      if (before.chars().anyMatch(ch -> ch == '年' || ch == '月' || ch == '日' || ch == '\n')) {
        continue;
      }
      long seq;
      try {
        seq = Long.parseLong(m.group(6));
      } catch (NumberFormatException e) {
        continue;
      }
      if (seq <= 0) {
        continue;
      }
      out.add(
          new Candidate(
              m.group(1),
              Integer.parseInt(m.group(2)),
              before,
              courtDigits(m.group(4)),
              m.group(5),
              seq,
              m.group(7),
              m.group().strip()));
    }
    return out;
  }

  /** Full-width digits, 〇/○/O as zero; same length. */
  static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '０' && c <= '９') {
        c = (char) ('0' + (c - '０'));
      } else if (c == '〇' || c == '○' || c == 'O' || c == 'o') {
        c = '0';
      } else if (c == 'g') {
        c = '9'; // (201g)
      } else if (c == 'l' || c == 'I') {
        c = '1';
      }
      b.append(c);
    }
    return b.toString();
  }
}
