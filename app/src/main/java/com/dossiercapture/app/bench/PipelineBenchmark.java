package com.dossiercapture.app.bench;

import com.dossiercapture.app.process.BatchProcessor;
import com.dossiercapture.app.process.Intake;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.app.process.ReportWriter;
import com.dossiercapture.samples.Scorer;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.image.ImageProbe;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The speed comparisons on the same pages, in one go: our {@code process} pipeline against
 * the {@code tesseract} command line and OCRmyPDF, the time from a page's arrival to its document
 * type at a scanning rate, and memory over a long run. Prints figures; it judges only when asked.
 */
public final class PipelineBenchmark {

  /** The parts that can be run alone. */
  public enum Section {
    SPEED,
    OCRMYPDF,
    LATENCY,
    MEMORY;

    /** The default: everything but the long memory run. */
    public static Set<Section> defaults() {
      return EnumSet.of(SPEED, OCRMYPDF, LATENCY);
    }
  }

  /** Tesseract CLI language per page: this one for all pages, or per the truth's script. */
  public static final String BY_SCRIPT = "by-script";

  /**
   * How to run.
   *
   * @param corpus folder of page images and {@code ground-truth.jsonl}
   * @param work folder for stores, reports, PDFs (kept)
   * @param workers pipeline workers, tesseract processes, ocrmypdf {@code -j}
   * @param rate arrival rate for the latency run, pages per minute
   * @param latencyPages pages in the latency run (0: all of the corpus)
   * @param memoryPages pages in the memory run
   * @param tesseractLang language(s) for the tesseract CLI, or {@link #BY_SCRIPT}
   */
  public record Options(
      Path corpus,
      Path work,
      int workers,
      Set<Section> sections,
      double rate,
      int latencyPages,
      int memoryPages,
      String tesseractLang) {}

  /** A. Our pipeline exactly as {@code process} runs it. */
  public record Ours(
      int pages,
      int failed,
      double seconds,
      double pagesPerMinute,
      double runSeconds,
      Map<String, Double> cer,
      double docTypeAccuracy,
      double documentDocTypeAccuracy,
      String report) {}

  /** B. The tesseract command line, {@code processes} at a time. */
  public record TesseractCli(
      String language,
      int processes,
      int pages,
      int failed,
      double seconds,
      double pagesPerMinute,
      Map<String, Double> cer,
      double oursPercent) {}

  /** C. OCRmyPDF on one PDF of the pages. */
  public record Ocrmypdf(
      String command,
      int pages,
      double pdfBuildSeconds,
      double seconds,
      double pagesPerMinute,
      Map<String, Double> cer,
      double speedUp,
      Boolean oursNoWorse,
      String skipped) {}

  /**
   * D. Arrival to document type, at a scanning rate: the type as the listener is first told it
   * ({@link BatchProcessor.Listener#pageTyped}, ADR 0014), and the page's end in batch order.
   *
   * @param typedBeforeEnd pages typed from their title area while the rest was still being read
   * @param changedAtEnd of those, pages whose reported type (after the whole page and the batch
   *     order) differs from the one told early
   * @param perPage every page in batch order: its source, arrival to typed and to reported (ms),
   *     the type told and the type reported
   */
  public record Latency(
      double rate,
      int pages,
      int failed,
      double p50Ms,
      double p95Ms,
      double maxMs,
      double firstPageMs,
      int lateHandoffs,
      double doneP50Ms,
      double doneP95Ms,
      int typedBeforeEnd,
      int changedAtEnd,
      List<Map<String, Object>> perPage) {}

  /** E. Memory over a long run. */
  public record MemoryRun(
      int pages, double seconds, List<Memory.Sample> series, Memory.Trend trend, String rule) {}

  /** Everything measured; sections not run are null. */
  public record Results(
      String corpus,
      int corpusPages,
      int workers,
      int cores,
      String loadAverageBefore,
      String loadAverageAfter,
      Map<String, String> loadAverageAtSectionStart,
      Ours ours,
      TesseractCli tesseract,
      Ocrmypdf ocrmypdf,
      Latency latency,
      MemoryRun memory,
      List<String> notes) {}

  private final Options o;
  private final PrintWriter progress;
  private final List<String> notes = new ArrayList<>();
  private final List<Path> pages;
  private final List<JsonNode> truth;
  private final Map<String, JsonNode> truthBySource = new LinkedHashMap<>();

  public PipelineBenchmark(Options options, PrintWriter progress) throws IOException {
    this.o = options;
    this.progress = progress;
    this.pages = Intake.listInputs(options.corpus());
    Path gt = options.corpus().resolve("ground-truth.jsonl");
    this.truth = Files.exists(gt) ? Scorer.read(gt) : List.of();
    truth.forEach(t -> truthBySource.put(t.path("source").asText(), t));
    Files.createDirectories(options.work());
  }

  public List<String> notes() {
    return notes;
  }

  /** Runs the chosen sections in the order A, B, C, D, E. */
  public Results run() throws Exception {
    String before = loadAverage();
    Ours ours = null;
    TesseractCli tess = null;
    Ocrmypdf ocr = null;
    Latency lat = null;
    MemoryRun mem = null;
    Map<String, String> load = new LinkedHashMap<>();
    if (truth.isEmpty()) {
      notes.add("no ground-truth.jsonl in the corpus: no CER or docType accuracy");
    }
    if (o.sections().contains(Section.SPEED) || o.sections().contains(Section.OCRMYPDF)) {
      load.put("A", loadAverage());
      ours = ours();
    }
    if (o.sections().contains(Section.SPEED)) {
      load.put("B", loadAverage());
      tess = tesseract(ours);
    }
    if (o.sections().contains(Section.OCRMYPDF)) {
      load.put("C", loadAverage());
      ocr = ocrmypdf(ours);
    }
    if (o.sections().contains(Section.LATENCY)) {
      load.put("D", loadAverage());
      lat = latency();
    }
    if (o.sections().contains(Section.MEMORY)) {
      load.put("E", loadAverage());
      mem = memory();
    }
    return new Results(
        o.corpus().toString(),
        pages.size(),
        o.workers(),
        Runtime.getRuntime().availableProcessors(),
        before,
        loadAverage(),
        load,
        ours,
        tess,
        ocr,
        lat,
        mem,
        List.copyOf(notes));
  }

  /** /proc/loadavg's first three figures, or "?" off Linux. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A

  private Ours ours() throws Exception {
    progress.printf(
        Locale.ROOT, "A  our pipeline on %d pages, %d workers ...%n", pages.size(), o.workers());
    progress.flush();
    Path report = o.work().resolve("report.jsonl");
    Path store = o.work().resolve("store-speed");
    AtomicLong firstStaged = new AtomicLong();
    AtomicLong lastLine = new AtomicLong();
    Intake intake = new Intake(ImageProbe.Limits.DEFAULT);
    long t0 = System.nanoTime();
    BatchProcessor.Summary s;
    try (ReportWriter writer = new ReportWriter(report)) {
      s =
          runPipeline(
              store,
              sink -> intake.read(o.corpus(), firstStagedSink(sink, firstStaged)),
              r -> {
                writer.pageDone(r);
                lastLine.set(System.nanoTime());
              });
    }
    double runSeconds = (System.nanoTime() - t0) / 1e9;
    deleteTree(store);
    long span = lastLine.get() - firstStaged.get();
    Map<String, Double> cer = Map.of();
    double typeAll = Double.NaN;
    double typeDoc = Double.NaN;
    if (!truth.isEmpty()) {
      Scorer.Score score = Scorer.score(truth, Scorer.read(report));
      cer = score.cer();
      typeAll = score.docTypeAccuracy();
      typeDoc = score.documentDocTypeAccuracy();
    }
    return new Ours(
        s.pages(),
        s.failed(),
        span / 1e9,
        Stats.perMinute(s.pages(), span),
        runSeconds,
        cer,
        typeAll,
        typeDoc,
        report.toString());
  }

  /** Notes when the first page has been staged (the sink returns once the page is durable). */
  private static Intake.Sink firstStagedSink(Intake.Sink sink, AtomicLong firstStaged) {
    return new Intake.Sink() {
      @Override
      public void file(String source, byte[] bytes) throws Exception {
        sink.file(source, bytes);
        firstStaged.compareAndSet(0, System.nanoTime());
      }

      @Override
      public void raster(String source, BufferedImage image, int dpi) throws Exception {
        sink.raster(source, image, dpi);
        firstStaged.compareAndSet(0, System.nanoTime());
      }

      @Override
      public void failed(String source, String reason) throws Exception {
        sink.failed(source, reason);
        firstStaged.compareAndSet(0, System.nanoTime());
      }
    };
  }

  /** One batch through the product's BatchProcessor, in a fresh staging store. */
  private BatchProcessor.Summary runPipeline(
      Path storeDir, BatchProcessor.PageSource source, BatchProcessor.Listener listener)
      throws Exception {
    try (StagingStore st = StagingStore.open(storeDir)) {
      Batch batch = st.createBatch(BatchSpec.of("benchmark"));
      BatchProcessor processor =
          new BatchProcessor(st, o.workers(), Pipelines.analyzers(), Pipelines.boundaries());
      return processor.run(source, batch.id(), listener);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // B

  private TesseractCli tesseract(Ours ours) throws Exception {
    var exe = Tools.find("tesseract");
    if (exe.isEmpty()) {
      notes.add(BenchMessages.get("bench.tesseractMissing"));
      progress.println(BenchMessages.get("bench.tesseractMissing"));
      return null;
    }
    String lang = o.tesseractLang();
    progress.printf(
        Locale.ROOT,
        "B  tesseract CLI on the same %d pages, %d processes, -l %s ...%n",
        pages.size(),
        o.workers(),
        lang);
    progress.flush();
    ExecutorService pool = Executors.newFixedThreadPool(o.workers());
    List<Future<String>> results = new ArrayList<>();
    AtomicInteger failed = new AtomicInteger();
    long t0 = System.nanoTime();
    try {
      for (Path p : pages) {
        String l = languageFor(p, lang);
        results.add(
            pool.submit(
                () -> {
                  Tools.Result r =
                      Tools.run(
                          List.of(exe.get().toString(), p.toString(), "stdout", "-l", l), null);
                  if (r.exit() != 0) {
                    failed.incrementAndGet();
                    return "";
                  }
                  return r.stdout();
                }));
      }
      Map<String, String> texts = new LinkedHashMap<>();
      for (int i = 0; i < pages.size(); i++) {
        texts.put(source(pages.get(i)), results.get(i).get());
      }
      long span = System.nanoTime() - t0;
      Files.writeString(
          o.work().resolve("tesseract-cli.txt"),
          String.join("\f", texts.values()),
          StandardCharsets.UTF_8);
      double ppm = Stats.perMinute(pages.size(), span);
      return new TesseractCli(
          lang,
          o.workers(),
          pages.size(),
          failed.get(),
          span / 1e9,
          ppm,
          truth.isEmpty() ? Map.of() : Cer.of(truth, texts),
          ours == null ? Double.NaN : 100 * ours.pagesPerMinute() / ppm);
    } finally {
      pool.shutdownNow();
    }
  }

  private String languageFor(Path page, String lang) {
    if (!BY_SCRIPT.equals(lang)) {
      return lang;
    }
    JsonNode t = truthBySource.get(source(page));
    return t != null && "traditional".equals(t.path("script").asText()) ? "chi_tra" : "chi_sim";
  }

  private String source(Path page) {
    return o.corpus().relativize(page).toString();
  }

  // ---------------------------------------------------------------------------------------------
  // C

  /** The OCRmyPDF command line, on {@code in}, writing {@code out} and {@code sidecar}. */
  static List<String> ocrmypdfCommand(String exe, int jobs, Path in, Path out, Path sidecar) {
    return List.of(
        exe,
        "--deskew",
        "--rotate-pages",
        "-l",
        "chi_sim+chi_tra",
        "-j",
        Integer.toString(jobs),
        "--sidecar",
        sidecar.toString(),
        in.toString(),
        out.toString());
  }

  private Ocrmypdf ocrmypdf(Ours ours) throws Exception {
    var exe = Tools.find("ocrmypdf");
    Path in = o.work().resolve("pages.pdf");
    Path out = o.work().resolve("ocrmypdf-out.pdf");
    Path sidecar = o.work().resolve("ocrmypdf-sidecar.txt");
    String shown =
        String.join(
            " ",
            ocrmypdfCommand(
                "ocrmypdf",
                o.workers(),
                in.getFileName(),
                out.getFileName(),
                sidecar.getFileName()));
    if (exe.isEmpty()) {
      String msg = BenchMessages.get("bench.ocrmypdfMissing");
      notes.add(msg);
      progress.println(msg);
      return new Ocrmypdf(shown, pages.size(), 0, 0, Double.NaN, Map.of(), Double.NaN, null, msg);
    }
    progress.printf(Locale.ROOT, "C  %s (%d pages) ...%n", shown, pages.size());
    progress.flush();
    long b0 = System.nanoTime();
    List<PagesPdf.Page> pdfPages = new ArrayList<>();
    for (Path p : pages) {
      JsonNode t = truthBySource.get(source(p));
      pdfPages.add(new PagesPdf.Page(p, t == null ? 0 : t.path("dpi").asInt(0)));
    }
    PagesPdf.write(pdfPages, in);
    double build = (System.nanoTime() - b0) / 1e9;
    Files.deleteIfExists(sidecar);
    long t0 = System.nanoTime();
    Tools.Result r =
        Tools.run(
            ocrmypdfCommand(exe.get().toString(), o.workers(), in, out, sidecar),
            o.work().resolve("ocrmypdf-stderr.txt"));
    long span = System.nanoTime() - t0;
    if (r.exit() != 0 || !Files.exists(sidecar)) {
      String msg = "ocrmypdf failed (exit " + r.exit() + "): " + r.stderr().strip();
      notes.add(msg);
      return new Ocrmypdf(
          shown, pages.size(), build, span / 1e9, Double.NaN, Map.of(), Double.NaN, null, msg);
    }
    List<String> texts =
        Cer.splitPages(Files.readString(sidecar, StandardCharsets.UTF_8), pages.size());
    Map<String, String> bySource = new LinkedHashMap<>();
    for (int i = 0; i < pages.size(); i++) {
      bySource.put(source(pages.get(i)), texts.get(i));
    }
    Map<String, Double> cer = truth.isEmpty() ? Map.of() : Cer.of(truth, bySource);
    double ppm = Stats.perMinute(pages.size(), span);
    Boolean noWorse = null;
    if (ours != null && !cer.isEmpty() && !ours.cer().isEmpty()) {
      noWorse =
          cer.entrySet().stream()
              .allMatch(e -> ours.cer().getOrDefault(e.getKey(), 1.0) <= e.getValue() + 1e-9);
    }
    return new Ocrmypdf(
        shown,
        pages.size(),
        build,
        span / 1e9,
        ppm,
        cer,
        ours == null ? Double.NaN : ours.pagesPerMinute() / ppm,
        noWorse,
        null);
  }

  // ---------------------------------------------------------------------------------------------
  // D

  private Latency latency() throws Exception {
    int n = o.latencyPages() > 0 ? Math.min(o.latencyPages(), pages.size()) : pages.size();
    progress.printf(
        Locale.ROOT,
        "D  latency: %d pages arriving at %.0f pages/min (%.0f s) ...%n",
        n,
        o.rate(),
        n * 60 / o.rate());
    progress.flush();
    ArrivalScheduler scheduler = new ArrivalScheduler(ArrivalScheduler.SYSTEM, o.rate());
    long[] arrival = new long[n];
    long[] typed = new long[n];
    String[] earlyType = new String[n];
    Object[] finalType = new Object[n];
    boolean[] fromTitle = new boolean[n];
    long[] done = new long[n];
    int[] changed = {0};
    boolean[] failed = new boolean[n];
    int[] late = {0};
    Path store = o.work().resolve("store-latency");
    runPipeline(
        store,
        sink -> {
          for (int i = 0; i < n; i++) {
            long due = scheduler.awaitArrival(i);
            arrival[i] = due;
            if (System.nanoTime() - due > 100_000_000L) {
              late[0]++; // the previous hand-over blocked: the pipeline was full
            }
            Path p = pages.get(i);
            sink.file(source(p), Files.readAllBytes(p));
          }
        },
        new BatchProcessor.Listener() {
          @Override
          public void pageTyped(
              int index, Long pageId, String docType, double confidence, boolean early) {
            if (index < n) {
              typed[index] = System.nanoTime();
              earlyType[index] = docType;
              fromTitle[index] = early;
            }
          }

          @Override
          public void pageDone(BatchProcessor.PageReport r) {
            if (r.index() < n) {
              done[r.index()] = System.nanoTime();
              failed[r.index()] = r.failed();
              finalType[r.index()] = r.fields().get("docType");
              if (fromTitle[r.index()]
                  && !java.util.Objects.equals(finalType[r.index()], earlyType[r.index()])) {
                changed[0]++;
              }
            }
          }
        });
    deleteTree(store);
    List<Double> ms = new ArrayList<>();
    List<Double> end = new ArrayList<>();
    int bad = 0;
    int early = 0;
    List<Map<String, Object>> perPage = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("source", source(pages.get(i)));
      row.put("typedMs", typed[i] == 0 ? null : Math.round((typed[i] - arrival[i]) / 1e6));
      row.put("reportedMs", done[i] == 0 ? null : Math.round((done[i] - arrival[i]) / 1e6));
      row.put("typed", earlyType[i]);
      row.put("fromTitle", fromTitle[i]);
      row.put("reported", finalType[i]);
      perPage.add(row);
      if (failed[i] || done[i] == 0 || typed[i] == 0) {
        bad++;
      } else {
        ms.add((typed[i] - arrival[i]) / 1e6);
        end.add((done[i] - arrival[i]) / 1e6);
        if (fromTitle[i]) {
          early++;
        }
      }
    }
    return new Latency(
        o.rate(),
        n,
        bad,
        Stats.percentile(ms, 50),
        Stats.percentile(ms, 95),
        Stats.max(ms),
        typed[0] == 0 ? Double.NaN : (typed[0] - arrival[0]) / 1e6,
        late[0],
        Stats.percentile(end, 50),
        Stats.percentile(end, 95),
        early,
        changed[0],
        perPage);
  }

  // ---------------------------------------------------------------------------------------------
  // E

  static final int SAMPLE_EVERY = 50;

  private MemoryRun memory() throws Exception {
    int n = o.memoryPages();
    progress.printf(
        Locale.ROOT,
        "E  memory: %d pages (cycling %d corpus pages), heap after GC and RSS every %d pages ...%n",
        n,
        pages.size(),
        SAMPLE_EVERY);
    progress.flush();
    if (pages.isEmpty()) {
      throw new IllegalStateException("the corpus has no pages");
    }
    List<Memory.Sample> series = new ArrayList<>();
    series.add(Memory.sample(0));
    printSample(series.getFirst());
    AtomicInteger count = new AtomicInteger();
    Path store = o.work().resolve("store-memory");
    long t0 = System.nanoTime();
    runPipeline(
        store,
        sink -> {
          for (int i = 0; i < n; i++) {
            Path p = pages.get(i % pages.size());
            int cycle = i / pages.size();
            byte[] bytes = Files.readAllBytes(p);
            String name = source(p);
            if (cycle > 0 && name.toLowerCase(Locale.ROOT).endsWith(".png")) {
              bytes = PngTag.tag(bytes, "dc-bench-cycle", Integer.toString(cycle));
              name = name + "~" + cycle;
            }
            sink.file(name, bytes);
          }
        },
        r -> {
          int c = count.incrementAndGet();
          if (c % SAMPLE_EVERY == 0 || c == n) {
            Memory.Sample s = Memory.sample(c);
            series.add(s);
            printSample(s);
          }
        });
    double secs = (System.nanoTime() - t0) / 1e9;
    deleteTree(store);
    String rule =
        String.format(
            Locale.ROOT,
            "flat = over the last half of the run, heap after GC grows <= %.1f MB and RSS outside"
                + " the committed heap <= %.1f MB per 100 pages (least-squares slopes)",
            Memory.HEAP_LIMIT_MB_PER_100,
            Memory.RSS_LIMIT_MB_PER_100);
    return new MemoryRun(n, secs, List.copyOf(series), Memory.trend(series), rule);
  }

  private void printSample(Memory.Sample s) {
    progress.printf(
        Locale.ROOT,
        "   %5d pages  heap after GC %7.1f MB (committed %7.1f)  RSS %7.1f MB  outside heap %7.1f"
            + " MB%n",
        s.pages(),
        s.heapMb(),
        s.heapCommittedMb(),
        s.rssMb(),
        s.nativeMb());
    progress.flush();
  }

  // ---------------------------------------------------------------------------------------------

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The section names of {@code --only}. */
  public static Set<Section> parseSections(String list) {
    Set<Section> out = EnumSet.noneOf(Section.class);
    for (String s : list.split(",")) {
      String k = s.strip().toUpperCase(Locale.ROOT);
      if (k.isEmpty()) {
        continue;
      }
      try {
        out.add(Section.valueOf(k));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            s.strip()
                + " (known: "
                + Arrays.toString(Section.values()).toLowerCase(Locale.ROOT)
                + ")");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no section");
    }
    return out;
  }
}
