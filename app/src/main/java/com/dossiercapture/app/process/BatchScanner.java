package com.dossiercapture.app.process;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.StagingStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scans into one batch of the staging store, the way the operator's station does it, without any
 * user interface: every delivered page is made durable ({@link StagingStore#ingestRaster}) on the
 * acquisition thread before anyone sees it, then queued for the same {@link BatchProcessor}
 * pipeline the command line uses, which runs on its own bounded workers, so the scanner never waits
 * for OCR. Memory stays flat: only the few newest queued pages keep their raster; the others are
 * read back from the store by the workers.
 *
 * <p>A sheet the operator re-feeds after a resumed fault supersedes its earlier side (the driver
 * contract): the earlier page is kept, marked replaced by the later one.
 */
public final class BatchScanner implements AutoCloseable {

  /** What happens, from the acquisition thread and the processing workers. */
  public interface Listener {
    /** A page is durable (acquisition thread). {@code image} is the raster as scanned. */
    default void staged(Page page, BufferedImage image) {}

    /** A re-fed sheet's page replaced an earlier page of this session. */
    default void superseded(long oldPageId, Page page) {}

    /** A page went through the pipeline (worker thread, batch order). */
    default void processed(BatchProcessor.PageReport report) {}

    /**
     * A page's type is known from its title area while the rest is read (worker thread, not in
     * batch order; {@link BatchProcessor.Listener#pageTyped}).
     */
    default void typed(long pageId, String docType, double confidence) {}

    /** Scanner progress and faults (acquisition thread). */
    default void event(ScanEvent event) {}

    /** A session ended; {@code error} is set when it could not start or broke off. */
    default void sessionEnded(ScanResult result, Exception error) {}
  }

  /**
   * The sheet count check (清点): the sheets scanned must equal the sheets counted before scanning. A
   * sheet is an active front page (a duplex back belongs to its front's sheet; a replaced page
   * counts through its replacement; a deleted page does not count).
   */
  public record SheetCheck(Integer expected, int scanned) {
    public boolean ok() {
      return expected != null && expected == scanned;
    }

    public static SheetCheck of(Integer expected, List<Page> pages) {
      int sheets =
          (int) pages.stream().filter(Page::isActive).filter(p -> p.side() == Side.FRONT).count();
      return new SheetCheck(expected, sheets);
    }
  }

  private record Item(String source, Page page, BufferedImage image) {}

  private static final Item END = new Item(null, null, null);
  private static final int KEEP_RASTERS = 4;

  private final StagingStore store;
  private final long batchId;
  private final String actor;
  private final Listener listener;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Thread processing;
  private final Object pauseLock = new Object();
  private volatile boolean paused;
  private final AtomicReference<CompletableFuture<FaultAction>> faultAnswer =
      new AtomicReference<>();
  private volatile ScanCancellation current;
  private final BatchProcessor processor;

  /**
   * @param processor the pipeline (its analyzers and boundaries); runs until {@link #close}
   * @param listener what to tell about pages and the scanner, or {@code null}
   */
  public BatchScanner(
      StagingStore store, long batchId, BatchProcessor processor, String actor, Listener listener) {
    this.store = store;
    this.batchId = batchId;
    this.actor = actor;
    Listener l = listener == null ? new Listener() {} : listener;
    this.listener = l;
    this.processor = processor;
    this.processing =
        Thread.ofPlatform()
            .daemon()
            .name("batch-" + batchId + "-processing")
            .start(
                () -> {
                  try {
                    processor.run(
                        batchId,
                        false,
                        new BatchProcessor.Listener() {
                          @Override
                          public void pageDone(BatchProcessor.PageReport r) {
                            try {
                              l.processed(r);
                            } finally {
                              pending.decrementAndGet();
                            }
                          }

                          @Override
                          public void pageTyped(
                              int index,
                              Long pageId,
                              String docType,
                              double confidence,
                              boolean early) {
                            if (pageId != null && docType != null) {
                              l.typed(pageId, docType, confidence);
                            }
                          }
                        },
                        (staging, staged) -> {
                          while (true) {
                            Item it = queue.take();
                            if (it == END) {
                              return;
                            }
                            staged.staged(it.source(), it.page(), it.image());
                          }
                        });
                  } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(BatchScanner.class)
                        .error("processing of batch {} stopped", batchId, e);
                  }
                });
  }

  public long batchId() {
    return batchId;
  }

  /** Pages staged but not yet through the pipeline. */
  public int pendingProcessing() {
    return pending.get();
  }

  /**
   * Runs one scan session on the calling thread until the feeder is empty, the page limit is
   * reached, {@link #stop()} is called or a fault is not cleared.
   */
  public ScanResult scan(ScannerDriver driver, DeviceInfo device, ScanOptions options)
      throws ScannerException {
    return session(driver, device, options, new ArrayList<>());
  }

  /**
   * Scans exactly one page (a rescan or a missed page) and returns it, durable and queued for
   * processing.
   *
   * @throws ScannerException when the device delivered no page (say why)
   */
  public Page scanOne(ScannerDriver driver, DeviceInfo device, ScanOptions options)
      throws ScannerException {
    List<Page> got = new ArrayList<>();
    ScanResult r = session(driver, device, options.withMaxPages(1), got);
    if (got.isEmpty()) {
      throw new ScannerException(
          "the scanner delivered no page ("
              + r.end().name().toLowerCase(java.util.Locale.ROOT)
              + "): put the sheet in the feeder and try again");
    }
    return got.getFirst();
  }

  /** Stages an image file's bytes as a page of the batch (a page scanned elsewhere). */
  public Page importOne(String source, byte[] bytes) {
    Page p = store.ingestFile(batchId, bytes, PageMeta.of(source, 0));
    listener.staged(p, null);
    enqueue(source, p, null);
    return p;
  }

  private ScanResult session(
      ScannerDriver driver, DeviceInfo device, ScanOptions options, List<Page> staged)
      throws ScannerException {
    ScanCancellation cancel = new ScanCancellation();
    current = cancel;
    paused = false;
    Map<String, Long> bySide = new HashMap<>();
    ScanEvents events =
        new ScanEvents() {
          @Override
          public void page(ScannedPage p) throws Exception {
            Page stored =
                store.ingestRaster(
                    batchId,
                    p.image(),
                    new PageMeta(null, p.side(), p.sheet(), p.dpi(), p.colourMode(), device.id()));
            Long earlier = bySide.put(p.sheet() + "/" + p.side().code(), stored.id());
            if (earlier != null) {
              store.replacePage(earlier, stored.id(), actor);
              stored = store.page(stored.id());
            }
            staged.add(stored);
            listener.staged(stored, p.image());
            if (earlier != null) {
              listener.superseded(earlier, stored);
            }
            enqueue(device.id(), stored, p.image());
            waitWhilePaused(cancel);
          }

          @Override
          public void event(ScanEvent e) {
            listener.event(e);
          }

          @Override
          public FaultAction fault(ScanFault f) {
            CompletableFuture<FaultAction> answer = new CompletableFuture<>();
            faultAnswer.set(answer);
            cancel.onCancel(() -> answer.complete(FaultAction.STOP));
            try {
              return answer.get();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return FaultAction.STOP;
            } catch (java.util.concurrent.ExecutionException e) {
              return FaultAction.STOP;
            } finally {
              faultAnswer.set(null);
            }
          }
        };
    ScanResult result = null;
    try {
      result = driver.scan(device, options, events, cancel);
      return result;
    } catch (ScannerException | RuntimeException e) {
      listener.sessionEnded(null, e);
      throw e;
    } finally {
      current = null;
      if (result != null) {
        listener.sessionEnded(result, null);
      }
    }
  }

  private void enqueue(String source, Page page, BufferedImage image) {
    pending.incrementAndGet();
    // Keep the raster only while the workers keep up; otherwise they read the original back.
    queue.add(new Item(source, page, queue.size() < KEEP_RASTERS ? image : null));
  }

  private void waitWhilePaused(ScanCancellation cancel) throws InterruptedException {
    synchronized (pauseLock) {
      while (paused && !cancel.isCancelled()) {
        pauseLock.wait(200);
      }
    }
  }

  /** Holds the feeder after the current page (pages already scanned stay stored). */
  public void pause() {
    paused = true;
  }

  /** Continues after a pause, or after a fault the operator has cleared. */
  public void resume() {
    CompletableFuture<FaultAction> f = faultAnswer.get();
    if (f != null) {
      f.complete(FaultAction.RESUME);
    }
    synchronized (pauseLock) {
      paused = false;
      pauseLock.notifyAll();
    }
  }

  public boolean isPaused() {
    return paused;
  }

  /** Whether a fault is waiting for the operator. */
  public boolean faultPending() {
    return faultAnswer.get() != null;
  }

  /** Ends the running session; the pages scanned so far stay stored and are processed. */
  public void stop() {
    ScanCancellation c = current;
    if (c != null) {
      c.cancel();
    }
    CompletableFuture<FaultAction> f = faultAnswer.get();
    if (f != null) {
      f.complete(FaultAction.STOP);
    }
    synchronized (pauseLock) {
      paused = false;
      pauseLock.notifyAll();
    }
  }

  /** Waits until every staged page went through the pipeline; false on timeout. */
  public boolean awaitProcessed(long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    while (pending.get() > 0) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /**
   * Submits the batch: waits for processing, checks the sheet count, assembles the dossiers and
   * documents from the pages in their final order, and marks the batch submitted.
   *
   * @throws IllegalStateException when the sheet count does not match (nothing is changed)
   */
  public DossierAssembly.Summary submit(Integer expectedSheets) throws InterruptedException {
    SheetCheck check = SheetCheck.of(expectedSheets, store.pages(batchId));
    if (!check.ok()) {
      throw new IllegalStateException(
          "the batch has "
              + check.scanned()
              + " sheet(s) but "
              + check.expected()
              + " were counted: find the missing or extra sheets first");
    }
    awaitProcessed(10, TimeUnit.MINUTES);
    DossierAssembly.Summary s =
        new DossierAssembly(store, Catalogue.loadDefault()).assemble(batchId, actor);
    store.submitBatch(batchId, actor, "sheets " + check.scanned() + " of " + check.expected());
    return s;
  }

  /** The batch as stored now. */
  public Batch batch() {
    return store.batch(batchId);
  }

  /**
   * Stops any session and the pipeline after the pages in flight. Pages not processed yet stay in
   * the store, acquired, with their processing work item queued: nothing is lost.
   */
  @Override
  public void close() {
    stop();
    processor.cancel();
    queue.add(END);
    try {
      processing.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
