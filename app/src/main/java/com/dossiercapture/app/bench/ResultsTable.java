package com.dossiercapture.app.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures as a table (English, like the Scorer's output) and the targets. */
public final class ResultsTable {

  /** Issue targets. */
  public static final double TARGET_PERCENT_OF_TESSERACT = 95;

  public static final double TARGET_SPEED_UP_OVER_OCRMYPDF = 2;
  public static final double TARGET_P95_MS = 2000;

  private ResultsTable() {}

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
  }

  private static String cer(Map<String, Double> cer) {
    if (cer == null || cer.isEmpty()) {
      return "CER n/a";
    }
    StringBuilder b = new StringBuilder("CER");
    cer.forEach((k, v) -> b.append(' ').append(k).append(' ').append(pct(v)));
    return b.toString();
  }

  /** Prints every figure measured. */
  public static void print(PipelineBenchmark.Results r, PrintWriter out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "Pipeline benchmark: %d pages of %s, %d workers, %d cores; load average %s before, %s"
            + " after%n",
        r.corpusPages(),
        r.corpus(),
        r.workers(),
        r.cores(),
        r.loadAverageBefore(),
        r.loadAverageAfter());
    if (!r.loadAverageAtSectionStart().isEmpty()) {
      StringBuilder b =
          new StringBuilder("load average (1, 5, 15 min) at the start of each section:");
      r.loadAverageAtSectionStart()
          .forEach((k, v) -> b.append(' ').append(k).append(" [").append(v).append(']'));
      out.println(b);
    }
    if (loaded(r)) {
      out.printf(
          Locale.ROOT,
          "WARNING: the machine was busy (1-minute load average above %d cores): the figures are"
              + " slower than on an idle machine, and sections measured at different loads do not"
              + " compare fairly. Rerun on an idle machine for the record.%n",
          r.cores());
    }
    out.println("-".repeat(100));
    var a = r.ours();
    if (a != null) {
      out.printf(
          Locale.ROOT,
          "A ours (process pipeline)  %d pages, %d failed, %.1f s first staged -> last report line"
              + " = %.1f pages/min (whole run incl. assembly %.1f s)%n",
          a.pages(),
          a.failed(),
          a.seconds(),
          a.pagesPerMinute(),
          a.runSeconds());
      out.printf(
          Locale.ROOT,
          "                           %s; docType accuracy %s all pages, %s document pages%n",
          cer(a.cer()),
          pct(a.docTypeAccuracy()),
          pct(a.documentDocTypeAccuracy()));
    }
    var b = r.tesseract();
    if (b != null) {
      out.printf(
          Locale.ROOT,
          "B tesseract CLI            -l %s, %d processes, OMP_THREAD_LIMIT=1: %d pages (%d failed)"
              + " in %.1f s = %.1f pages/min; %s%n",
          b.language(),
          b.processes(),
          b.pages(),
          b.failed(),
          b.seconds(),
          b.pagesPerMinute(),
          cer(b.cer()));
      out.printf(
          Locale.ROOT,
          "                           ours = %.1f %% of tesseract CLI throughput   (target >= %.0f"
              + " %%)%n",
          b.oursPercent(),
          TARGET_PERCENT_OF_TESSERACT);
    }
    var c = r.ocrmypdf();
    if (c != null) {
      if (c.skipped() != null) {
        out.printf(Locale.ROOT, "C ocrmypdf                 skipped: %s%n", c.skipped());
      } else {
        out.printf(
            Locale.ROOT,
            "C ocrmypdf                 %s: %d pages in %.1f s = %.1f pages/min (PDF built in"
                + " %.1f s, not counted); %s%n",
            c.command(),
            c.pages(),
            c.seconds(),
            c.pagesPerMinute(),
            c.pdfBuildSeconds(),
            cer(c.cer()));
        out.printf(
            Locale.ROOT,
            "                           ours %.2fx as fast   (target >= %.0fx); our CER no worse:"
                + " %s%n",
            c.speedUp(),
            TARGET_SPEED_UP_OVER_OCRMYPDF,
            c.oursNoWorse() == null ? "n/a (run speed too)" : c.oursNoWorse() ? "yes" : "NO");
      }
    }
    var d = r.latency();
    if (d != null) {
      out.printf(
          Locale.ROOT,
          "D type latency            %d pages arriving at %.0f pages/min: arrival -> docType p50"
              + " %.0f ms, p95 %.0f ms, max %.0f ms   (target p95 <= %.0f ms)%n",
          d.pages(),
          d.rate(),
          d.p50Ms(),
          d.p95Ms(),
          d.maxMs(),
          TARGET_P95_MS);
      out.printf(
          Locale.ROOT,
          "                           first page %.0f ms (includes engine start); %d failed; %d"
              + " hand-overs late by > 100 ms (pipeline full)%n",
          d.firstPageMs(),
          d.failed(),
          d.lateHandoffs());
      out.printf(
          Locale.ROOT,
          "                           %d pages typed from their title area while the rest was"
              + " read, %d of them reported with another type at the end; arrival -> page"
              + " reported (batch order) p50 %.0f ms, p95 %.0f ms%n",
          d.typedBeforeEnd(),
          d.changedAtEnd(),
          d.doneP50Ms(),
          d.doneP95Ms());
    }
    var e = r.memory();
    if (e != null) {
      StringBuilder heap = new StringBuilder();
      StringBuilder rss = new StringBuilder();
      StringBuilder nat = new StringBuilder();
      for (Memory.Sample s : e.series()) {
        heap.append(String.format(Locale.ROOT, " %d:%.0f", s.pages(), s.heapMb()));
        rss.append(String.format(Locale.ROOT, " %d:%.0f", s.pages(), s.rssMb()));
        nat.append(String.format(Locale.ROOT, " %d:%.0f", s.pages(), s.nativeMb()));
      }
      out.printf(
          Locale.ROOT,
          "E memory                   %d pages in %.0f s; heap after GC MB (pages:MB)%s%n",
          e.pages(),
          e.seconds(),
          heap);
      out.printf(Locale.ROOT, "                           RSS MB (pages:MB)%s%n", rss);
      out.printf(
          Locale.ROOT, "                           RSS outside the committed heap MB%s%n", nat);
      out.printf(
          Locale.ROOT,
          "                           last-half slope per 100 pages: heap %+.2f MB, RSS %+.2f MB,"
              + " outside heap %+.2f MB -> %s%n",
          e.trend().heapSlope(),
          e.trend().rssSlope(),
          e.trend().nativeSlope(),
          e.trend().flat() ? "FLAT" : "NOT FLAT");
      out.printf(Locale.ROOT, "                           (%s)%n", e.rule());
    }
    for (String n : r.notes()) {
      out.println("note: " + n);
    }
    out.flush();
  }

  /** Whether a 1-minute load average seen during the run exceeded the number of cores. */
  static boolean loaded(PipelineBenchmark.Results r) {
    List<String> loads = new ArrayList<>(r.loadAverageAtSectionStart().values());
    loads.add(r.loadAverageBefore());
    loads.add(r.loadAverageAfter());
    for (String l : loads) {
      try {
        if (Double.parseDouble(l.split(" ")[0]) > r.cores()) {
          return true;
        }
      } catch (NumberFormatException e) {
        // "?" off Linux
      }
    }
    return false;
  }

  /** The targets missed (empty: all met or not measured). */
  public static List<String> missedTargets(PipelineBenchmark.Results r) {
    List<String> missed = new ArrayList<>();
    if (r.tesseract() != null && !(r.tesseract().oursPercent() >= TARGET_PERCENT_OF_TESSERACT)) {
      missed.add(
          String.format(
              Locale.ROOT,
              "throughput %.1f %% of tesseract CLI < %.0f %%",
              r.tesseract().oursPercent(),
              TARGET_PERCENT_OF_TESSERACT));
    }
    var c = r.ocrmypdf();
    if (c != null && c.skipped() == null) {
      if (!(c.speedUp() >= TARGET_SPEED_UP_OVER_OCRMYPDF)) {
        missed.add(String.format(Locale.ROOT, "speed-up over ocrmypdf %.2fx < 2x", c.speedUp()));
      }
      if (Boolean.FALSE.equals(c.oursNoWorse())) {
        missed.add("our CER is worse than ocrmypdf's");
      }
    }
    if (r.latency() != null && !(r.latency().p95Ms() <= TARGET_P95_MS)) {
      missed.add(
          String.format(Locale.ROOT, "type latency p95 %.0f ms > 2000 ms", r.latency().p95Ms()));
    }
    if (r.memory() != null && !r.memory().trend().flat()) {
      missed.add("memory not flat");
    }
    return missed;
  }
}
