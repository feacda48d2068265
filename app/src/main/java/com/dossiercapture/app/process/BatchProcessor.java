package com.dossiercapture.app.process;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Runs a folder of scanned files through the pipeline the GUI uses: every page made durable in the
 * staging store first (in batch order, on the calling thread, like a scanner's acquisition thread),
 * then analysed by a bounded pool of workers, then reported and saved in batch order. Memory stays
 * flat: at most two pages per worker are in flight.
 */
public final class BatchProcessor {

  /** One finished page, in the field names of process-report.md. */
  public record PageReport(
      int index, Long pageId, Map<String, Object> fields, PageResult analysis, boolean failed) {}

  /** Receives finished pages in batch order (report writer, GUI progress). */
  public interface Listener {
    void pageDone(PageReport report);

    /**
     * A page's type is known: from its title area while the rest of the page is still being read
     * ({@code early}), or from its analysis when the title area named none ({@code docType} may
     * then be null). Once per analysed page, before its {@link #pageDone}, on a worker thread, not
     * in batch order. The type {@link #pageDone} reports may differ (the whole page's text, the
     * batch order).
     */
    default void pageTyped(
        int index, Long pageId, String docType, double confidence, boolean early) {}
  }

  /**
   * What a run did.
   *
   * @param assembly the dossiers and documents made from the batch, or {@code null} without a page
   *     pipeline
   */
  public record Summary(int pages, int failed, long millis, DossierAssembly.Summary assembly) {}

  private final StagingStore store;
  private final int workers;
  private final Supplier<PageAnalyzer> analyzers;
  private final Supplier<DocumentBoundaries> boundaries;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * Pages a worker starts inside another page's analysis, one inside the other, at most (ADR 0014):
   * bounds how long the outer page's own end waits.
   */
  static final int MAX_NESTED = 2;

  private final ThreadLocal<int[]> nesting = ThreadLocal.withInitial(() -> new int[1]);

  /**
   * @param analyzers makes one analyzer per worker, or {@code null} to stage only
   * @param boundaries makes the batch's document boundary decider, or {@code null}
   */
  public BatchProcessor(
      StagingStore store,
      int workers,
      Supplier<PageAnalyzer> analyzers,
      Supplier<DocumentBoundaries> boundaries) {
    this.store = store;
    this.workers = Math.max(1, workers);
    this.analyzers = analyzers;
    this.boundaries = boundaries;
  }

  /** Asks a running batch to stop after the pages in flight (they are kept). */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Feeds pages to {@link #run(PageSource, long, Listener)} in batch order, on the calling thread:
   * a folder through {@link Intake}, or pages arriving one by one (a benchmark's scan station).
   */
  public interface PageSource {
    void read(Intake.Sink sink) throws Exception;
  }

  /** Processes every page of the folder into the batch. */
  public Summary run(Path inputDir, long batchId, Intake intake, Listener listener)
      throws Exception {
    return run(sink -> intake.read(inputDir, sink), batchId, listener);
  }

  /** Processes every page the source delivers into the batch, as they are delivered. */
  public Summary run(PageSource source, long batchId, Listener listener) throws Exception {
    return run(batchId, true, listener, (staging, staged) -> source.read(staging));
  }

  /**
   * Pages that are already durable in the store (a scanner session stages each page itself, on its
   * acquisition thread) handed over for processing, in batch order. The image, when given, saves a
   * decode; without it the worker reads the original back from the store.
   */
  public interface StagedSink {
    void staged(String source, Page page, BufferedImage image) throws InterruptedException;
  }

  /** Feeds pages to a run, through either sink, in batch order; returns when there are no more. */
  public interface PageFeed {
    void feed(Intake.Sink staging, StagedSink staged) throws Exception;
  }

  /**
   * Processes the pages a feed delivers (files to stage, or pages a scanner session already staged)
   * with the same bounded workers, ordered reporting and document grouping as a folder.
   *
   * @param assemble whether to assemble dossiers and documents at the end (a scan station does it
   *     when the operator submits the batch, after fixes)
   */
  public Summary run(long batchId, boolean assemble, Listener listener, PageFeed feed)
      throws Exception {
    long start = System.nanoTime();
    // A fixed pool whose queue the workers also take from between the lines of a page (ADR 0014).
    LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            queue,
            Thread.ofPlatform().name("page-worker-", 0).daemon().factory());
    Semaphore inFlight = new Semaphore(workers * 2);
    List<PageAnalyzer> created = java.util.Collections.synchronizedList(new ArrayList<>());
    ThreadLocal<PageAnalyzer> analyzer =
        ThreadLocal.withInitial(
            () -> {
              PageAnalyzer a = analyzers.get();
              created.add(a);
              return a;
            });
    OrderedReporter reporter =
        new OrderedReporter(store, boundaries == null ? null : boundaries.get(), listener);
    int[] counter = {0};
    StagedSink process =
        new StagedSink() {
          @Override
          public void staged(String source, Page page, BufferedImage image)
              throws InterruptedException {
            if (cancelled.get()) {
              throw new CancelledException();
            }
            int index = counter[0]++;
            reporter.noteSource(index, source);
            submit(index, source, page, image, 0, pool, inFlight, reporter, analyzer, listener);
          }
        };
    try {
      feed.feed(
          new Intake.Sink() {
            @Override
            public void file(String source, byte[] bytes) throws Exception {
              stage(source, bytes, null, 0);
            }

            @Override
            public void raster(String source, BufferedImage image, int dpi) throws Exception {
              stage(source, null, image, dpi);
            }

            @Override
            public void failed(String source, String reason) {
              int index = counter[0]++;
              reporter.complete(failedReport(index, source, null, reason, Map.of()));
            }

            private void stage(String source, byte[] bytes, BufferedImage image, int dpi)
                throws InterruptedException {
              if (cancelled.get()) {
                throw new CancelledException();
              }
              int index = counter[0]++;
              reporter.noteSource(index, source);
              long t0 = System.nanoTime();
              Page page;
              try {
                PageMeta meta =
                    new PageMeta(
                        null, null, null, dpi, image == null ? null : colourOf(image), source);
                page =
                    bytes != null
                        ? store.ingestFile(batchId, bytes, meta)
                        : store.ingestRaster(batchId, image, meta);
              } catch (StoreException e) {
                reporter.complete(failedReport(index, source, null, e.getMessage(), Map.of()));
                if (e.kind() == StoreException.Kind.DISK_FULL) {
                  throw e; // nothing more can be staged; the pages before are safe
                }
                return;
              }
              long stageMs = (System.nanoTime() - t0) / 1_000_000;
              submit(
                  index, source, page, image, stageMs, pool, inFlight, reporter, analyzer,
                  listener);
            }
          },
          process);
    } catch (CancelledException e) {
      // stop reading; the pages staged so far finish below
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.DAYS);
      for (PageAnalyzer a : created) {
        try {
          a.close();
        } catch (RuntimeException | LinkageError e) {
          // closing a broken engine must not hide the pages' results
        }
      }
    }
    // Every page staged gets its report line, whatever happened to its worker.
    reporter.completeMissing(counter[0]);
    DossierAssembly.Summary assembly = null;
    if (assemble && analyzers != null && boundaries != null) {
      assembly =
          new DossierAssembly(store, com.dossiercapture.domain.Catalogue.loadDefault())
              .assemble(batchId, "pipeline");
    }
    return new Summary(
        counter[0], reporter.failed(), (System.nanoTime() - start) / 1_000_000, assembly);
  }

  /** Hands one durable page to a worker; waits while two pages per worker are in flight. */
  private void submit(
      int index,
      String source,
      Page page,
      BufferedImage image,
      long stageMs,
      ThreadPoolExecutor pool,
      Semaphore inFlight,
      OrderedReporter reporter,
      ThreadLocal<PageAnalyzer> analyzer,
      Listener listener)
      throws InterruptedException {
    inFlight.acquire();
    pool.execute(
        () -> {
          PageReport report;
          Typing typing = new Typing(index, page.id(), listener, pool);
          try {
            report = analyse(index, source, page, image, stageMs, analyzer, typing);
            if (!report.failed() && report.analysis() != null) {
              PageResult r = report.analysis();
              typing.tell(
                  r.docType(), r.docTypeConfidence() == null ? 0 : r.docTypeConfidence(), false);
            }
          } catch (Throwable t) {
            // A broken installation (a missing class, a native library that fails to
            // load) must still give this page its report line and fail the run.
            report =
                failedReport(
                    index, source, page, "processing failed: " + t, Map.of("stage", stageMs));
          }
          try {
            reporter.complete(report);
          } finally {
            inFlight.release();
          }
        });
  }

  private PageReport analyse(
      int index,
      String source,
      Page page,
      BufferedImage image,
      long stageMs,
      ThreadLocal<PageAnalyzer> analyzer,
      PageAnalyzer.Progress progress) {
    Map<String, Long> ms = new LinkedHashMap<>();
    ms.put("stage", stageMs);
    if (analyzers == null) {
      return report(index, source, page, null, ms);
    }
    try {
      BufferedImage img = image;
      if (img == null) {
        long t0 = System.nanoTime();
        img = ImageIO.read(new ByteArrayInputStream(store.readOriginal(page.id())));
        ms.put("decode", (System.nanoTime() - t0) / 1_000_000);
      }
      PageResult r =
          analyzer.get().analyze(img, page.dpi() > 0 ? page.dpi() : assumedDpi(img), progress);
      ms.putAll(r.ms());
      return report(index, source, page, r, ms);
    } catch (Exception | OutOfMemoryError e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return failedReport(index, source, page, "processing failed: " + why, ms);
    }
  }

  /**
   * One page's progress: its type told once; between its lines, a page waiting for a worker is
   * started on this thread (its title read and typed at once instead of after this page's end). The
   * started page uses this worker's analyzer, which is between two lines and holds no state of this
   * page's there.
   */
  private final class Typing implements PageAnalyzer.Progress {
    private final int index;
    private final Long pageId;
    private final Listener listener;
    private final ThreadPoolExecutor pool;
    private boolean told;

    Typing(int index, Long pageId, Listener listener, ThreadPoolExecutor pool) {
      this.index = index;
      this.pageId = pageId;
      this.listener = listener;
      this.pool = pool;
    }

    @Override
    public void typed(String docType, double confidence) {
      tell(docType, confidence, true);
    }

    void tell(String docType, double confidence, boolean early) {
      if (!told) {
        told = true;
        try {
          listener.pageTyped(index, pageId, docType, confidence, early);
        } catch (RuntimeException e) {
          // A listener's fault must not fail the page's analysis; its report line still comes.
          org.slf4j.LoggerFactory.getLogger(BatchProcessor.class)
              .warn("page {}: its type could not be passed on", index, e);
        }
      }
    }

    @Override
    public void between() {
      int[] depth = nesting.get();
      if (depth[0] >= MAX_NESTED) {
        return;
      }
      Runnable next = pool.getQueue().poll();
      if (next == null) {
        return;
      }
      depth[0]++;
      try {
        next.run(); // reports its own page and releases its place, whatever happens in it
      } finally {
        depth[0]--;
      }
    }
  }

  /**
   * A resolution for a page whose file records none: the one at which its longer side is an A4
   * page's (297 mm), the paper courts use, but at least 72 dpi (small photos and screenshots).
   */
  static int assumedDpi(BufferedImage img) {
    return (int) Math.max(72, Math.round(Math.max(img.getWidth(), img.getHeight()) / (297 / 25.4)));
  }

  private static ColourMode colourOf(BufferedImage img) {
    return switch (img.getType()) {
      case BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY -> ColourMode.GREY;
      case BufferedImage.TYPE_BYTE_BINARY -> ColourMode.BLACK_AND_WHITE;
      default -> ColourMode.COLOUR;
    };
  }

  private static PageReport report(
      int index, String source, Page page, PageResult r, Map<String, Long> ms) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("source", source);
    f.put("index", index);
    if (r != null) {
      f.put("orientation", r.orientation());
      f.put("skewDegrees", r.skewDegrees());
      f.put("blank", r.blank());
      f.put("separator", r.separator());
      f.put("barcode", r.barcode());
      f.put("docType", r.docType());
      f.put("docTypeConfidence", r.docTypeConfidence());
      f.put("documentStart", null); // decided in batch order
      f.put("caseNumber", r.caseNumber());
      f.put("text", r.text());
    }
    f.put("ms", ms);
    f.put("sha256", page.sha256());
    f.put("pageId", page.id());
    return new PageReport(index, page.id(), f, r, false);
  }

  private static PageReport failedReport(
      int index, String source, Page page, String error, Map<String, Long> ms) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("source", source);
    f.put("index", index);
    f.put("ms", ms);
    if (page != null) {
      f.put("sha256", page.sha256());
      f.put("pageId", page.id());
    }
    f.put("error", error);
    return new PageReport(index, page == null ? null : page.id(), f, null, true);
  }

  private static final class CancelledException extends RuntimeException {
    CancelledException() {
      super(null, null, false, false);
    }
  }

  /** Writes finished pages strictly in batch order, deciding document starts as it goes. */
  static final class OrderedReporter {
    private final StagingStore store;
    private final DocumentBoundaries boundaries;
    private final Listener listener;
    private final Map<Integer, PageReport> waiting = new HashMap<>();
    private final Map<Integer, String> sources = new HashMap<>();
    private int next;
    private int failed;

    OrderedReporter(StagingStore store, DocumentBoundaries boundaries, Listener listener) {
      this.store = store;
      this.boundaries = boundaries;
      this.listener = listener;
    }

    synchronized void complete(PageReport r) {
      waiting.put(r.index(), r);
      while (waiting.containsKey(next)) {
        emit(waiting.remove(next));
        next++;
      }
    }

    private void emit(PageReport r) {
      @SuppressWarnings("unchecked")
      Map<String, Long> ms = (Map<String, Long>) r.fields().get("ms");
      if (r.failed()) {
        failed++;
        if (r.pageId() != null) {
          store.saveResult(r.pageId(), PageResult.failed((String) r.fields().get("error"), ms));
        }
      } else if (r.analysis() != null) {
        PageResult a = r.analysis();
        if (boundaries != null) {
          a = boundaries.assemble(a);
          r.fields().put("docType", a.docType());
          r.fields().put("docTypeConfidence", a.docTypeConfidence());
          r.fields().put("documentStart", a.documentStart());
          // Read again in batch order, with the dossier's number (its separator) in mind.
          r.fields().put("caseNumber", a.caseNumber());
          // Low-confidence pages go to an archivist (threshold: ClassifierSettings.reviewBelow).
          r.fields()
              .put(
                  "review",
                  a.docTypeConfidence() != null
                      && a.docTypeConfidence()
                          < com.dossiercapture.ocr.classify.ClassifierSettings.defaults()
                              .reviewBelow());
        } else {
          r.fields().remove("documentStart");
        }
        store.saveResult(
            r.pageId(),
            new PageResult(
                a.orientation(),
                a.skewDegrees(),
                a.blank(),
                a.separator(),
                a.barcode(),
                a.docType(),
                a.docTypeConfidence(),
                a.documentStart(),
                a.caseNumber(),
                a.caseNumberPrinted(),
                a.text(),
                a.wordsJson(),
                a.warningsJson(),
                ms,
                null));
      }
      listener.pageDone(r);
    }

    /** Remembers where a page came from, so even a lost report line can name it. */
    synchronized void noteSource(int index, String source) {
      sources.put(index, source);
    }

    /** Reports every index below {@code count} that never completed, as failed. */
    synchronized void completeMissing(int count) {
      for (int i = next; i < count; i++) {
        if (!waiting.containsKey(i)) {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("source", sources.get(i));
          f.put("index", i);
          f.put("ms", Map.of());
          f.put("error", "processing did not finish for this page");
          waiting.put(i, new PageReport(i, null, f, null, true));
        }
      }
      while (waiting.containsKey(next)) {
        emit(waiting.remove(next));
        next++;
      }
    }

    synchronized int failed() {
      return failed;
    }
  }
}
