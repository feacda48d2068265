package com.dossiercapture.app.gui.scan;

import com.dossiercapture.app.process.BatchProcessor;
import com.dossiercapture.app.process.BatchScanner;
import com.dossiercapture.app.process.DocumentBoundaries;
import com.dossiercapture.app.process.PageAnalyzer;
import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerDrivers;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.util.Duration;

/**
 * The state behind the scan station and everything it does off the FX thread. Scanning runs on an
 * acquisition thread through a {@link BatchScanner} (pages durable before they are shown, then the
 * command line's pipeline); store edits run on one store thread with an undo/redo history.
 * Background threads never touch the FX scene: they post small updates to a queue that a 100 ms
 * timeline drains on the FX thread in one go, so hundreds of pages a minute cost the FX thread a
 * few list operations ten times a second.
 */
public final class ScanModel implements AutoCloseable {

  /**
   * How the station processes pages.
   *
   * @param analyzers one page analyzer per worker, or {@code null} to stage only
   * @param boundaries the batch's document grouping, or {@code null}
   * @param workers pipeline workers (OCR threads)
   * @param operator who scans (batch and audit log)
   * @param discoverDevices whether to list the scanners at start (tests name a device instead)
   */
  public record Settings(
      Supplier<PageAnalyzer> analyzers,
      Supplier<DocumentBoundaries> boundaries,
      int workers,
      String operator,
      boolean discoverDevices) {

    /**
     * How many page workers a station runs: one core fewer than the machine has (at least one), so
     * that one core stays free for acquisition and the window.
     */
    public static int defaultWorkers() {
      return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
  }

  /** What the scanner is doing. */
  public enum SessionState {
    IDLE,
    SCANNING,
    PAUSED,
    FAULT
  }

  private final StagingStore store;
  private final Settings settings;
  private final ExecutorService io =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("scan-store").factory());
  private final ExecutorService acquisition =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("scan-acquisition").factory());
  private final CompletableFuture<ScannerDrivers> drivers;
  private final ConcurrentLinkedQueue<Consumer<ScanModel>> updates = new ConcurrentLinkedQueue<>();
  private final Timeline drain;
  private final Thumbnails thumbnails;
  private final EditHistory history = new EditHistory();

  private final ObservableList<PageItem> pages = FXCollections.observableArrayList();
  private final Map<Long, Integer> indexOf = new HashMap<>();
  private final ObservableList<DeviceInfo> devices = FXCollections.observableArrayList();
  private final ObjectProperty<DeviceInfo> device = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<Batch> batch = new ReadOnlyObjectWrapper<>();
  private final ObjectProperty<SessionState> session =
      new SimpleObjectProperty<>(SessionState.IDLE);
  private final ObjectProperty<ScanFault> fault = new SimpleObjectProperty<>();
  private final StringProperty message = new SimpleStringProperty("");
  private final StringProperty deviceMessage = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final ObjectProperty<Integer> expectedSheets = new SimpleObjectProperty<>();
  private final StringProperty caseText = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<BatchScanner.SheetCheck> sheetCheck =
      new ReadOnlyObjectWrapper<>(new BatchScanner.SheetCheck(null, 0));
  private final StringProperty progress = new SimpleStringProperty("");

  private final CompletableFuture<Void> warmedUp = new CompletableFuture<>();
  private volatile BatchScanner scanner;
  private String batchCase;
  private long sessionStartNanos;
  private int sessionPages;
  private double pagesPerMinute;

  public ScanModel(StagingStore store, Settings settings) {
    this.store = store;
    this.settings = settings;
    this.thumbnails = new Thumbnails(store, 600, (id, img) -> post(m -> m.applyThumb(id, img)));
    this.drivers = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("scanner-discovery")
        .start(
            () -> {
              try {
                ScannerDrivers d = ScannerDrivers.load();
                drivers.complete(d);
                if (settings.discoverDevices()) {
                  post(m -> m.deviceMessage.set(ScanTexts.t("scan.device.searching")));
                  List<String> errors = new ArrayList<>();
                  List<DeviceInfo> found = d.devices(DiscoveryOptions.withTestDevices(), errors);
                  post(m -> m.addDevices(found));
                }
              } catch (RuntimeException | LinkageError e) {
                drivers.completeExceptionally(e);
                post(m -> m.deviceMessage.set(ScanTexts.t("scan.session.failed", e.getMessage())));
              }
            });
    // Load the pipeline's native libraries and models now, not on the first scanned page.
    Thread.ofPlatform()
        .daemon()
        .name("pipeline-warm-up")
        .start(
            () -> {
              if (settings.analyzers() != null) {
                try (PageAnalyzer a = settings.analyzers().get()) {
                  BufferedImage blank = new BufferedImage(850, 1200, BufferedImage.TYPE_BYTE_GRAY);
                  a.analyze(blank, 100);
                } catch (Exception | LinkageError e) {
                  org.slf4j.LoggerFactory.getLogger(ScanModel.class)
                      .warn("page pipeline warm-up failed: {}", e.toString());
                }
              }
              warmedUp.complete(null);
            });
    drain = new Timeline(new KeyFrame(Duration.millis(100), e -> drainUpdates()));
    drain.setCycleCount(Animation.INDEFINITE);
    drain.play();
    expectedSheets.addListener((o, a, b) -> recount());
  }

  // ---------------------------------------------------------------------------------------------
  // Properties the view binds to

  public ObservableList<PageItem> pages() {
    return pages;
  }

  public ObservableList<DeviceInfo> devices() {
    return devices;
  }

  public ObjectProperty<DeviceInfo> deviceProperty() {
    return device;
  }

  public ReadOnlyObjectProperty<Batch> batchProperty() {
    return batch.getReadOnlyProperty();
  }

  public ObjectProperty<SessionState> sessionProperty() {
    return session;
  }

  public ObjectProperty<ScanFault> faultProperty() {
    return fault;
  }

  public StringProperty messageProperty() {
    return message;
  }

  public StringProperty deviceMessageProperty() {
    return deviceMessage;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public ObjectProperty<Integer> expectedSheetsProperty() {
    return expectedSheets;
  }

  public StringProperty caseTextProperty() {
    return caseText;
  }

  public ReadOnlyObjectProperty<BatchScanner.SheetCheck> sheetCheckProperty() {
    return sheetCheck.getReadOnlyProperty();
  }

  public StringProperty progressProperty() {
    return progress;
  }

  StagingStore store() {
    return store;
  }

  Thumbnails thumbnails() {
    return thumbnails;
  }

  /** The case number of the batch's dossier, for the mismatch badge. */
  String batchCase() {
    return batchCase;
  }

  /** Completes when the page pipeline has loaded its libraries (at start, in the background). */
  public CompletableFuture<Void> warmedUp() {
    return warmedUp;
  }

  /** Pages staged but not yet through the pipeline. */
  public int pendingProcessing() {
    BatchScanner s = scanner;
    return s == null ? 0 : s.pendingProcessing();
  }

  // ---------------------------------------------------------------------------------------------
  // The FX-side update queue

  private void post(Consumer<ScanModel> u) {
    updates.add(u);
  }

  /** Applies every queued update (FX thread, ten times a second). */
  private void drainUpdates() {
    long t0 = System.nanoTime();
    try {
      drainUpdatesNow();
    } finally {
      long took = System.nanoTime() - t0;
      longestDrainNanos = Math.max(longestDrainNanos, took);
      if (took > 50_000_000L && slowDrains.size() < 50) {
        slowDrains.add(
            String.format("%tT.%<tL:%dms", System.currentTimeMillis(), took / 1_000_000));
      }
    }
  }

  /** Drains of the update queue that took over 50 ms (wall time, for measurements). */
  public List<String> slowDrains() {
    return List.copyOf(slowDrains);
  }

  private final List<String> slowDrains = new ArrayList<>();

  /** The longest time one drain of the update queue took on the FX thread (for measurements). */
  public long longestDrainMillis() {
    return longestDrainNanos / 1_000_000;
  }

  private long longestDrainNanos;

  private void drainUpdatesNow() {
    int n = 0;
    List<PageItem> appended = new ArrayList<>();
    Consumer<ScanModel> u;
    while ((u = updates.poll()) != null) {
      if (u instanceof Append a) {
        appended.add(a.item());
      } else {
        flushAppended(appended);
        u.accept(this);
      }
      n++;
    }
    flushAppended(appended);
    if (n > 0) {
      recount();
    }
    if (session.get() == SessionState.SCANNING && sessionPages > 0) {
      double minutes = (System.nanoTime() - sessionStartNanos) / 60e9;
      pagesPerMinute = minutes <= 0 ? 0 : sessionPages / minutes;
    }
  }

  /** A page appended in scanning order (applied together with its neighbours). */
  private record Append(PageItem item) implements Consumer<ScanModel> {
    @Override
    public void accept(ScanModel m) {
      m.flushAppended(new ArrayList<>(List.of(item)));
    }
  }

  private void flushAppended(List<PageItem> appended) {
    if (appended.isEmpty()) {
      return;
    }
    List<PageItem> fresh = new ArrayList<>();
    for (PageItem it : appended) {
      Integer at = indexOf.get(it.page().id());
      if (at != null) {
        pages.set(at, it);
      } else {
        indexOf.put(it.page().id(), pages.size() + fresh.size());
        fresh.add(it);
      }
    }
    pages.addAll(fresh);
    appended.clear();
  }

  private void applyThumb(long id, Image img) {
    Integer at = indexOf.get(id);
    if (at != null && pages.get(at).thumb() == null) {
      pages.set(at, pages.get(at).withThumb(img));
    }
  }

  private void applyEarlyType(long pageId, String docType) {
    Integer at = indexOf.get(pageId);
    if (at != null) {
      PageItem it = pages.get(at);
      PageItem typed = it.withEarlyType(docType);
      if (typed != it) {
        pages.set(at, typed);
      }
    }
  }

  private void applyPage(Page p, PageResult r) {
    Integer at = indexOf.get(p.id());
    if (at != null) {
      pages.set(at, new PageItem(p, r, pages.get(at).thumb()));
    }
  }

  private void replaceAll(Batch b, List<PageItem> items) {
    batch.set(b);
    pages.setAll(items);
    indexOf.clear();
    for (int i = 0; i < items.size(); i++) {
      indexOf.put(items.get(i).page().id(), i);
    }
    recount();
  }

  private void recount() {
    List<Page> list = new ArrayList<>(pages.size());
    int processed = 0;
    for (PageItem it : pages) {
      list.add(it.page());
      if (it.page().isActive() && !"acquired".equals(it.page().status())) {
        processed++;
      }
    }
    BatchScanner.SheetCheck c = BatchScanner.SheetCheck.of(expectedSheets.get(), list);
    sheetCheck.set(c);
    long active = list.stream().filter(Page::isActive).count();
    progress.set(
        ScanTexts.t("scan.progress", active, c.scanned(), processed, Math.round(pagesPerMinute)));
  }

  private void addDevices(List<DeviceInfo> found) {
    for (DeviceInfo d : found) {
      if (devices.stream().noneMatch(x -> x.id().equals(d.id()))) {
        devices.add(d);
      }
    }
    deviceMessage.set(
        devices.isEmpty()
            ? ScanTexts.t("scan.device.none")
            : ScanTexts.t("scan.device.found", devices.size()));
    if (device.get() == null && !devices.isEmpty()) {
      device.set(devices.stream().filter(d -> !d.test()).findFirst().orElse(devices.getFirst()));
    }
  }

  /**
   * Chooses a device by id (also one discovery does not list, such as a simulated ADF with injected
   * faults); resolved in the background.
   */
  public CompletableFuture<DeviceInfo> useDevice(String id) {
    return drivers.thenApplyAsync(
        d -> {
          try {
            DeviceInfo info = d.resolve(id, DiscoveryOptions.withTestDevices());
            post(
                m -> {
                  m.addDevices(List.of(info));
                  DeviceInfo listed =
                      m.devices.stream().filter(x -> x.id().equals(id)).findFirst().orElse(info);
                  m.device.set(listed);
                });
            return info;
          } catch (ScannerException e) {
            post(m -> m.message.set(ScanTexts.t("scan.session.failed", e.getMessage())));
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        },
        io);
  }

  // ---------------------------------------------------------------------------------------------
  // Scanning

  /**
   * Scans into the open batch (or a new one) with these options until the feeder is empty or the
   * operator stops. Returns at once; progress arrives through the properties.
   */
  public void scan(ScanOptions options) {
    DeviceInfo dev = device.get();
    if (dev == null) {
      message.set(ScanTexts.t("scan.noDevice"));
      return;
    }
    if (session.get() != SessionState.IDLE || busy.get()) {
      message.set(ScanTexts.t("scan.busy"));
      return;
    }
    session.set(SessionState.SCANNING);
    fault.set(null);
    message.set(ScanTexts.t("scan.session.scanning"));
    sessionStartNanos = System.nanoTime();
    sessionPages = 0;
    pagesPerMinute = 0;
    String caseNumber = caseText.get();
    Integer expected = expectedSheets.get();
    acquisition.execute(
        () -> {
          try {
            BatchScanner s = ensureBatch(caseNumber, expected, dev);
            ScannerDriver driver = driverOf(dev);
            s.scan(driver, dev, options);
          } catch (Exception e) {
            post(
                m -> {
                  m.session.set(SessionState.IDLE);
                  m.fault.set(null);
                  m.message.set(ScanTexts.t("scan.session.failed", e.getMessage()));
                });
          }
        });
  }

  private ScannerDriver driverOf(DeviceInfo dev) throws Exception {
    ScannerDrivers d = drivers.get(60, TimeUnit.SECONDS);
    return d.driver(dev.driverId())
        .orElseThrow(() -> new ScannerException("no driver " + dev.driverId()));
  }

  /** The batch scanning goes into: the open one, or a new one for this dossier. */
  private BatchScanner ensureBatch(String caseNumber, Integer expected, DeviceInfo dev) {
    BatchScanner s = scanner;
    if (s != null && "scanning".equals(s.batch().status())) {
      return s;
    }
    if (s != null) {
      s.close();
    }
    Long dossierId = null;
    String normalised = null;
    if (caseNumber != null && CaseNumber.parse(caseNumber).isPresent()) {
      var d = store.openDossier(caseNumber, "", settings.operator());
      dossierId = d.id();
      normalised = d.caseNumber();
    }
    Batch b =
        store.createBatch(
            new BatchSpec(
                dossierId, settings.operator(), BatchSpec.hostName(), dev.id(), expected));
    BatchProcessor processor =
        new BatchProcessor(store, settings.workers(), settings.analyzers(), settings.boundaries());
    BatchScanner fresh =
        new BatchScanner(store, b.id(), processor, settings.operator(), listener());
    scanner = fresh;
    String caseOfBatch = normalised;
    post(
        m -> {
          m.batchCase = caseOfBatch;
          m.history.clear();
          m.replaceAll(b, List.of());
        });
    return fresh;
  }

  private BatchScanner.Listener listener() {
    return new BatchScanner.Listener() {
      @Override
      public void staged(Page page, BufferedImage image) {
        updates.add(new Append(new PageItem(page, null, null)));
        thumbnails.fromScan(page, image);
      }

      @Override
      public void superseded(long oldPageId, Page page) {
        Page old = store.page(oldPageId);
        post(m -> m.supersede(old, page));
      }

      @Override
      public void processed(BatchProcessor.PageReport report) {
        if (report.pageId() == null) {
          return;
        }
        Page p = store.page(report.pageId());
        PageResult r = store.result(report.pageId()).orElse(null);
        post(m -> m.applyPage(p, r));
      }

      @Override
      public void typed(long pageId, String docType, double confidence) {
        post(m -> m.applyEarlyType(pageId, docType));
      }

      @Override
      public void event(ScanEvent e) {
        switch (e) {
          case ScanEvent.PageDelivered d -> post(m -> m.sessionPages++);
          case ScanEvent.FaultRaised f ->
              post(
                  m -> {
                    m.fault.set(f.fault());
                    m.session.set(SessionState.FAULT);
                  });
          case ScanEvent.FaultCleared c ->
              post(
                  m -> {
                    m.fault.set(null);
                    m.session.set(SessionState.SCANNING);
                    m.message.set(ScanTexts.t("scan.session.scanning"));
                  });
          default -> {}
        }
      }

      @Override
      public void sessionEnded(ScanResult r, Exception error) {
        post(
            m -> {
              m.session.set(SessionState.IDLE);
              if (error != null) {
                m.message.set(ScanTexts.t("scan.session.failed", error.getMessage()));
                return;
              }
              ScanFault last = r.faults().isEmpty() ? null : r.faults().getLast();
              if (r.end() != ScanResult.End.STOPPED_ON_FAULT) {
                m.fault.set(null);
              } else if (last != null && !last.resumable()) {
                m.fault.set(last); // the banner stays: the operator must reconnect and rescan
              } else {
                m.fault.set(null);
              }
              String key =
                  switch (r.end()) {
                    case COMPLETED -> "scan.session.completed";
                    case PAGE_LIMIT -> "scan.session.pageLimit";
                    case CANCELLED -> "scan.session.cancelled";
                    case STOPPED_ON_FAULT -> "scan.session.stoppedOnFault";
                  };
              m.message.set(ScanTexts.t(key, r.pagesDelivered()));
            });
      }
    };
  }

  private void supersede(Page old, Page neu) {
    Integer at = indexOf.get(old.id());
    Integer now = indexOf.get(neu.id());
    if (at == null || now == null) {
      return;
    }
    // The later page takes the earlier one's place (as the store orders them: the earlier one,
    // kept and marked replaced, then its replacement).
    pages.set(at, new PageItem(old, pages.get(at).result(), pages.get(at).thumb()));
    PageItem moved = pages.remove((int) now);
    pages.add(Math.min(at + 1, pages.size()), moved);
    replaceIndex();
  }

  private void replaceIndex() {
    indexOf.clear();
    for (int i = 0; i < pages.size(); i++) {
      indexOf.put(pages.get(i).page().id(), i);
    }
  }

  /** F6: pauses the feeder, or continues after a pause or a cleared fault. */
  public void pauseOrContinue() {
    BatchScanner s = scanner;
    if (s == null) {
      return;
    }
    switch (session.get()) {
      case SCANNING -> {
        s.pause();
        session.set(SessionState.PAUSED);
        message.set(ScanTexts.t("scan.session.paused"));
      }
      case PAUSED, FAULT -> {
        s.resume();
        session.set(SessionState.SCANNING);
        fault.set(null);
        message.set(ScanTexts.t("scan.session.scanning"));
      }
      default -> {}
    }
  }

  /** Esc: ends the session; pages scanned so far stay. */
  public void stop() {
    BatchScanner s = scanner;
    if (s != null) {
      s.stop();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fixes on the spot (all through the store thread and the undo history)

  private List<Long> order() {
    return store.pages(scanner.batchId()).stream().map(Page::id).toList();
  }

  /** A previous order, completed with pages added since, so it stays a permutation. */
  private List<Long> complete(List<Long> order) {
    List<Long> out = new ArrayList<>(order);
    for (Long id : order()) {
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    out.retainAll(order());
    return out;
  }

  private void edit(Runnable r) {
    if (scanner == null) {
      return;
    }
    busy.set(true);
    io.execute(
        () -> {
          try {
            r.run();
            reloadNow();
          } catch (RuntimeException e) {
            post(m -> m.message.set(ScanTexts.t("scan.editFailed", e.getMessage())));
            reloadNow();
          } finally {
            post(m -> m.busy.set(false));
          }
        });
  }

  /** Reloads the batch from the store (store thread). */
  private void reloadNow() {
    BatchScanner s = scanner;
    if (s == null) {
      return;
    }
    Batch b = s.batch();
    List<PageItem> items = new ArrayList<>();
    for (Page p : store.pages(b.id())) {
      items.add(new PageItem(p, store.result(p.id()).orElse(null), thumbnails.cached(p.id())));
    }
    post(m -> m.replaceAll(b, items));
  }

  /** Marks a page deleted (recoverable), or restores a deleted page. */
  public void deleteOrRestore(Page page) {
    String actor = settings.operator();
    boolean restore = "deleted".equals(page.state());
    edit(
        () ->
            history.run(
                new EditHistory.Edit() {
                  @Override
                  public void apply() {
                    if (restore) {
                      store.restore(page.id(), actor);
                    } else {
                      store.markDeleted(page.id(), actor, "operator");
                    }
                  }

                  @Override
                  public void undo() {
                    if (restore) {
                      store.markDeleted(page.id(), actor, "undo");
                    } else {
                      store.restore(page.id(), actor);
                    }
                  }
                }));
  }

  /** Turns a page by a quarter turn (the original is untouched). */
  public void rotate(Page page, int degrees) {
    String actor = settings.operator();
    edit(
        () -> {
          int before = store.page(page.id()).rotation();
          int after = Math.floorMod(before + degrees, 360);
          history.run(
              new EditHistory.Edit() {
                @Override
                public void apply() {
                  store.rotatePage(page.id(), after, actor);
                }

                @Override
                public void undo() {
                  store.rotatePage(page.id(), before, actor);
                }
              });
        });
  }

  /** Moves a page to stand before {@code target} (or to the end when target is null). */
  public void move(long pageId, Long target) {
    edit(
        () -> {
          List<Long> before = order();
          List<Long> after = new ArrayList<>(before);
          after.remove(pageId);
          int at = target == null ? after.size() : after.indexOf(target);
          after.add(at < 0 ? after.size() : at, pageId);
          if (!after.equals(before)) {
            history.run(reorderEdit(before, after));
          }
        });
  }

  /** Moves a page one place up (-1) or down (+1) among the active pages. */
  public void moveBy(long pageId, int delta) {
    edit(
        () -> {
          List<Page> all = store.pages(scanner.batchId());
          List<Long> before = all.stream().map(Page::id).toList();
          int i = before.indexOf(pageId);
          if (i < 0) {
            return;
          }
          int j = i + Integer.signum(delta);
          while (j >= 0 && j < all.size() && !all.get(j).isActive()) {
            j += Integer.signum(delta);
          }
          if (j < 0 || j >= all.size()) {
            return;
          }
          List<Long> after = new ArrayList<>(before);
          after.remove(i);
          after.add(j, pageId);
          history.run(reorderEdit(before, after));
        });
  }

  private EditHistory.Edit reorderEdit(List<Long> before, List<Long> after) {
    long batchId = scanner.batchId();
    String actor = settings.operator();
    return new EditHistory.Edit() {
      @Override
      public void apply() {
        store.reorder(batchId, complete(after), actor);
      }

      @Override
      public void undo() {
        store.reorder(batchId, complete(before), actor);
      }
    };
  }

  /** Scans one page again: the new page takes the old one's place, the old one is kept. */
  public void rescan(Page old, ScanOptions options) {
    oneMore(old, options, true, null);
  }

  /** Scans a missed page and puts it before {@code before}. */
  public void insertBefore(Page before, ScanOptions options) {
    oneMore(before, options, false, null);
  }

  /** Replaces a page by an image file (bytes read by the caller off the FX thread). */
  public void replaceWithFile(Page old, String name, byte[] bytes) {
    oneMore(old, null, true, new Object[] {name, bytes});
  }

  private void oneMore(Page at, ScanOptions options, boolean replace, Object[] file) {
    BatchScanner s = scanner;
    DeviceInfo dev = device.get();
    if (s == null || at == null) {
      message.set(ScanTexts.t("scan.noSelection"));
      return;
    }
    if (file == null && dev == null) {
      message.set(ScanTexts.t("scan.noDevice"));
      return;
    }
    if (session.get() != SessionState.IDLE || busy.get()) {
      message.set(ScanTexts.t("scan.busy"));
      return;
    }
    busy.set(true);
    acquisition.execute(
        () -> {
          try {
            Page fresh =
                file != null
                    ? s.importOne((String) file[0], (byte[]) file[1])
                    : s.scanOne(driverOf(dev), dev, options);
            CompletableFuture<Void> done = new CompletableFuture<>();
            io.execute(
                () -> {
                  try {
                    String actor = settings.operator();
                    List<Long> before = order().stream().filter(id -> id != fresh.id()).toList();
                    List<Long> after = new ArrayList<>(before);
                    after.add(Math.max(0, after.indexOf(at.id())), fresh.id());
                    history.run(
                        replace
                            ? replaceEdit(at.id(), fresh.id(), before, after, actor)
                            : insertEdit(fresh.id(), before, after, actor));
                    reloadNow();
                    int shown = after.indexOf(fresh.id()) + 1;
                    post(
                        m ->
                            m.message.set(
                                replace
                                    ? ScanTexts.t("scan.replaced", shown)
                                    : ScanTexts.t("scan.inserted", shown)));
                    done.complete(null);
                  } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                  }
                });
            done.get();
          } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            post(m -> m.message.set(ScanTexts.t("scan.editFailed", cause.getMessage())));
            io.execute(this::reloadNow);
          } finally {
            post(m -> m.busy.set(false));
          }
        });
  }

  private EditHistory.Edit replaceEdit(
      long oldId, long newId, List<Long> before, List<Long> after, String actor) {
    long batchId = scanner.batchId();
    return new EditHistory.Edit() {
      @Override
      public void apply() {
        if (!store.page(newId).isActive()) {
          store.restore(newId, actor);
        }
        store.reorder(batchId, complete(after), actor);
        store.replacePage(oldId, newId, actor);
      }

      @Override
      public void undo() {
        store.restore(oldId, actor);
        store.markDeleted(newId, actor, "undo replace");
        store.reorder(batchId, complete(before), actor);
      }
    };
  }

  private EditHistory.Edit insertEdit(
      long newId, List<Long> before, List<Long> after, String actor) {
    long batchId = scanner.batchId();
    return new EditHistory.Edit() {
      @Override
      public void apply() {
        if (!store.page(newId).isActive()) {
          store.restore(newId, actor);
        }
        store.reorder(batchId, complete(after), actor);
      }

      @Override
      public void undo() {
        store.markDeleted(newId, actor, "undo insert");
        store.reorder(batchId, complete(before), actor);
      }
    };
  }

  public void undo() {
    edit(history::undo);
  }

  public void redo() {
    edit(history::redo);
  }

  /**
   * Submits the batch when the sheet count matches: waits for the pipeline, assembles dossiers and
   * documents, marks the batch submitted. {@code onDone} runs on the FX thread.
   */
  public void submit(Runnable onDone) {
    BatchScanner s = scanner;
    if (s == null || session.get() != SessionState.IDLE) {
      message.set(ScanTexts.t("scan.busy"));
      return;
    }
    Integer expected = expectedSheets.get();
    busy.set(true);
    io.execute(
        () -> {
          try {
            var summary = s.submit(expected);
            reloadNow();
            post(
                m -> {
                  m.history.clear();
                  m.message.set(
                      ScanTexts.t(
                          "scan.submitted",
                          s.batchId(),
                          summary.dossiers().size(),
                          summary.documents()));
                  onDone.run();
                });
          } catch (Exception e) {
            post(m -> m.message.set(ScanTexts.t("scan.submitFailed", e.getMessage())));
          } finally {
            post(m -> m.busy.set(false));
          }
        });
  }

  /** Ends the current batch in the view: the next scan starts a new batch. */
  public void newBatch() {
    BatchScanner s = scanner;
    if (session.get() != SessionState.IDLE) {
      message.set(ScanTexts.t("scan.busy"));
      return;
    }
    scanner = null;
    batchCase = null;
    history.clear();
    replaceAll(null, List.of());
    if (s != null) {
      io.execute(s::close);
    }
  }

  /** Loads a preview-sized picture of a page off the FX thread. */
  void loadPreview(Page page, Consumer<Image> onFx, Consumer<String> onError) {
    previews.execute(
        () -> {
          try {
            BufferedImage img =
                javax.imageio.ImageIO.read(
                    new java.io.ByteArrayInputStream(store.readOriginal(page.id())));
            BufferedImage small =
                img.getHeight() > 1600 ? Thumbnails.scale(img, 1600) : Objects.requireNonNull(img);
            Image fx = javafx.embed.swing.SwingFXUtils.toFXImage(small, null);
            post(m -> onFx.accept(fx));
          } catch (Exception e) {
            post(m -> onError.accept(String.valueOf(e.getMessage())));
          }
        });
  }

  private final ExecutorService previews =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("preview").factory());

  @Override
  public void close() {
    drain.stop();
    BatchScanner s = scanner;
    if (s != null) {
      s.stop();
    }
    acquisition.shutdown();
    try {
      acquisition.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (s != null) {
      s.close();
    }
    io.shutdown();
    try {
      io.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    previews.shutdownNow();
    thumbnails.close();
  }
}
