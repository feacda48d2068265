package com.dossiercapture.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a page report (process-report.md) with the ground truth of a synthetic corpus and prints
 * the accuracy figures the issue asks for.
 *
 * <pre>Scorer --truth ground-truth.jsonl --report report.jsonl</pre>
 *
 * <p>Definitions:
 *
 * <ul>
 *   <li>skew and orientation are scored on pages with at least 10 characters of printed text
 *       (content pages and separators): near-empty and blank pages have no measurable direction;
 *   <li>blank recall = truth-blank pages reported blank / truth-blank pages; "content called blank"
 *       counts non-blank pages (including signature-only and seal-only ones) reported blank;
 *   <li>docType accuracy is over every page (blank and separator are types too) and, separately,
 *       over document pages only;
 *   <li>a case-number false positive is a page whose reported case number is not null and differs
 *       from the truth (including pages whose truth is null);
 *   <li>CER = edit distance / truth length, whitespace removed (it carries no meaning in Chinese),
 *       pooled over pages with printed text, per script.
 * </ul>
 *
 * A page missing from the report, or reported with an {@code error}, counts as wrong everywhere.
 */
public final class Scorer {

  /**
   * The figures of one comparison.
   *
   * @param pages truth pages
   * @param missing truth pages absent from the report or reported with an error
   * @param skewMae mean absolute skew error in degrees
   * @param skewP95 95th percentile of the absolute skew error
   * @param orientationAccuracy share of measurable pages with the right orientation
   * @param blankRecall share of blank pages reported blank
   * @param contentCalledBlank non-blank pages reported blank
   * @param separators separator pages in the truth
   * @param separatorsFound of those, reported as separators
   * @param separatorsDecoded of those, with the right barcode payload
   * @param docTypeAccuracy share of all pages with the right docType
   * @param documentDocTypeAccuracy share of document pages (not blank, not separator) right
   * @param documentStartF1 F1 of documentStart
   * @param caseNumberPages truth pages that print a case number
   * @param caseNumberExact of those, reported exactly
   * @param caseNumberFalsePositives pages reporting a case number that is not the truth's
   * @param cer character error rate per script ({@code simplified}, {@code traditional})
   * @param meanMs mean milliseconds per stage over the reported pages
   */
  public record Score(
      int pages,
      int missing,
      double skewMae,
      double skewP95,
      double orientationAccuracy,
      double blankRecall,
      int contentCalledBlank,
      int separators,
      int separatorsFound,
      int separatorsDecoded,
      double docTypeAccuracy,
      double documentDocTypeAccuracy,
      double documentStartF1,
      int caseNumberPages,
      int caseNumberExact,
      int caseNumberFalsePositives,
      Map<String, Double> cer,
      Map<String, Double> meanMs) {

    /** Share of case-number pages reported exactly. */
    public double caseNumberExactRate() {
      return caseNumberPages == 0 ? Double.NaN : (double) caseNumberExact / caseNumberPages;
    }

    /** False positives per page scored. */
    public double caseNumberFalsePositiveRate() {
      return pages == 0 ? Double.NaN : (double) caseNumberFalsePositives / pages;
    }
  }

  private Scorer() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code (0 ok, 2 bad arguments, 1 unreadable input). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path truth = null;
    Path report = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--truth" -> truth = Path.of(args[i + 1]);
        case "--report" -> report = Path.of(args[i + 1]);
        default -> {
          err.println("error: unknown option " + args[i]);
          return 2;
        }
      }
    }
    if (truth == null || report == null || args.length % 2 != 0) {
      err.println("usage: Scorer --truth ground-truth.jsonl --report report.jsonl");
      return 2;
    }
    try {
      Score s = score(read(truth), read(report));
      print(s, out);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** Reads a JSONL file: one JSON object per non-empty line. */
  public static List<JsonNode> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(json.readTree(line));
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " line " + n + " is not JSON: " + e.getMessage());
      }
    }
    return out;
  }

  /** Scores a report against the truth, matching pages by {@code source}. */
  public static Score score(List<JsonNode> truth, List<JsonNode> report) {
    Map<String, JsonNode> bySource = new LinkedHashMap<>();
    for (JsonNode r : report) {
      bySource.put(r.path("source").asText(), r);
    }
    List<Double> skewErrors = new ArrayList<>();
    int orientationOk = 0;
    int orientationN = 0;
    int blanks = 0;
    int blanksFound = 0;
    int contentBlank = 0;
    int seps = 0;
    int sepsFound = 0;
    int sepsDecoded = 0;
    int typeOk = 0;
    int docPages = 0;
    int docTypeOk = 0;
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int cnPages = 0;
    int cnExact = 0;
    int cnFalse = 0;
    int missing = 0;
    Map<String, long[]> cer = new TreeMap<>();
    Map<String, long[]> ms = new TreeMap<>();
    for (JsonNode t : truth) {
      JsonNode r = bySource.get(t.path("source").asText());
      boolean ok = r != null && !r.hasNonNull("error");
      if (!ok) {
        missing++;
        r = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      String text = t.path("text").asText("");
      String bare = text.replaceAll("\\s", "");
      boolean measurable = bare.length() >= 10 && !t.path("blank").asBoolean();
      if (measurable) {
        orientationN++;
        if (ok && r.path("orientation").asInt(-1) == t.path("orientation").asInt()) {
          orientationOk++;
        }
        skewErrors.add(
            ok && r.path("skewDegrees").isNumber()
                ? Math.abs(r.path("skewDegrees").asDouble() - t.path("skewDegrees").asDouble())
                : 90.0);
      }
      boolean reportedBlank = ok && r.path("blank").asBoolean(false);
      if (t.path("blank").asBoolean()) {
        blanks++;
        if (reportedBlank) {
          blanksFound++;
        }
      } else if (reportedBlank) {
        contentBlank++;
      }
      if (t.path("separator").asBoolean()) {
        seps++;
        if (ok && r.path("separator").asBoolean(false)) {
          sepsFound++;
        }
        if (ok && t.path("barcode").asText("").equals(r.path("barcode").asText(null))) {
          sepsDecoded++;
        }
      }
      String type = t.path("docType").asText();
      boolean typeRight = ok && type.equals(r.path("docType").asText(null));
      if (typeRight) {
        typeOk++;
      }
      if (!type.equals("blank") && !type.equals("separator")) {
        docPages++;
        if (typeRight) {
          docTypeOk++;
        }
      }
      boolean start = t.path("documentStart").asBoolean();
      boolean reportedStart = ok && r.path("documentStart").asBoolean(false);
      if (start && reportedStart) {
        tp++;
      } else if (!start && reportedStart) {
        fp++;
      } else if (start) {
        fn++;
      }
      String cn = t.hasNonNull("caseNumber") ? t.get("caseNumber").asText() : null;
      String rcn = ok && r.hasNonNull("caseNumber") ? r.get("caseNumber").asText() : null;
      if (cn != null) {
        cnPages++;
        if (cn.equals(rcn)) {
          cnExact++;
        }
      }
      if (rcn != null && !rcn.equals(cn)) {
        cnFalse++;
      }
      if (!bare.isEmpty() && !t.path("separator").asBoolean()) {
        String script = t.path("script").asText("simplified");
        String got = ok ? r.path("text").asText("").replaceAll("\\s", "") : "";
        long[] c = cer.computeIfAbsent(script, k -> new long[2]);
        c[0] += editDistance(bare, got);
        c[1] += bare.length();
      }
      if (ok && r.path("ms").isObject()) {
        r.path("ms")
            .properties()
            .forEach(
                e -> {
                  long[] m = ms.computeIfAbsent(e.getKey(), k -> new long[2]);
                  m[0] += e.getValue().asLong();
                  m[1]++;
                });
      }
    }
    Collections.sort(skewErrors);
    double mae = skewErrors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double p95 =
        skewErrors.isEmpty()
            ? Double.NaN
            : skewErrors.get(
                Math.min(skewErrors.size() - 1, (int) Math.ceil(0.95 * skewErrors.size()) - 1));
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    Map<String, Double> cerOut = new TreeMap<>();
    cer.forEach((k, v) -> cerOut.put(k, v[1] == 0 ? 0 : (double) v[0] / v[1]));
    Map<String, Double> msOut = new LinkedHashMap<>();
    ms.forEach((k, v) -> msOut.put(k, (double) v[0] / v[1]));
    return new Score(
        truth.size(),
        missing,
        mae,
        p95,
        ratio(orientationOk, orientationN),
        ratio(blanksFound, blanks),
        contentBlank,
        seps,
        sepsFound,
        sepsDecoded,
        ratio(typeOk, truth.size()),
        ratio(docTypeOk, docPages),
        f1,
        cnPages,
        cnExact,
        cnFalse,
        cerOut,
        msOut);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  /** Levenshtein distance over UTF-16 code units (all CJK text here is in the BMP). */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return prev[b.length()];
  }

  /** Prints the score in the order of the targets. */
  public static void print(Score s, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "pages                      %d (missing or failed: %d)%n",
        s.pages(),
        s.missing());
    out.printf(
        Locale.ROOT,
        "skew MAE / p95             %.3f° / %.3f°   (target <= 0.15 / 0.4)%n",
        s.skewMae(),
        s.skewP95());
    out.printf(
        Locale.ROOT,
        "orientation accuracy       %.2f%%   (target >= 99%%)%n",
        100 * s.orientationAccuracy());
    out.printf(
        Locale.ROOT,
        "blank recall               %.2f%%   (target >= 98%%)%n",
        100 * s.blankRecall());
    out.printf(Locale.ROOT, "content pages called blank %d   (target 0)%n", s.contentCalledBlank());
    out.printf(
        Locale.ROOT,
        "separators found / decoded %d / %d of %d   (target all)%n",
        s.separatorsFound(),
        s.separatorsDecoded(),
        s.separators());
    out.printf(
        Locale.ROOT,
        "docType accuracy           %.2f%% all pages, %.2f%% document pages   (target >= 95%%)%n",
        100 * s.docTypeAccuracy(),
        100 * s.documentDocTypeAccuracy());
    out.printf(
        Locale.ROOT, "documentStart F1           %.3f   (target >= 0.95)%n", s.documentStartF1());
    out.printf(
        Locale.ROOT,
        "case number exact          %d / %d = %.2f%%   (target >= 95%%)%n",
        s.caseNumberExact(),
        s.caseNumberPages(),
        100 * s.caseNumberExactRate());
    out.printf(
        Locale.ROOT,
        "case number false positive %d = %.2f%% of pages   (target <= 1%%)%n",
        s.caseNumberFalsePositives(),
        100 * s.caseNumberFalsePositiveRate());
    s.cer().forEach((k, v) -> out.printf(Locale.ROOT, "CER %-22s %.2f%%%n", k, 100 * v));
    if (!s.meanMs().isEmpty()) {
      StringBuilder b = new StringBuilder("mean ms per stage         ");
      s.meanMs().forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s=%.0f", k, v)));
      out.println(b);
    }
  }
}
