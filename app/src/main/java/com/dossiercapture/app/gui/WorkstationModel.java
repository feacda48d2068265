package com.dossiercapture.app.gui;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.app.process.BatchProcessor;
import com.dossiercapture.app.process.Intake;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.dossiercapture.staging.image.ImageProbe;
import com.dossiercapture.sync.SyncService;
import com.dossiercapture.sync.SyncSettings;
import com.dossiercapture.sync.SyncStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.util.Duration;

/**
 * The state behind the workstation window: batches, the pages of the selected batch, the status
 * line. Every store access runs on a background thread; results reach the FX thread through {@link
 * Platform#runLater}. No business rule lives here: importing is the same {@link BatchProcessor} the
 * command line uses.
 */
public final class WorkstationModel implements AutoCloseable {

  /** A page as the table shows it. */
  public record PageRow(Page page, PageResult result) {}

  private final StagingStore store;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("store-io").factory());
  private final ObservableList<Batch> batches = FXCollections.observableArrayList();
  private final ObservableList<PageRow> pages = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper syncLine = new ReadOnlyStringWrapper("");
  private final SyncService sync;
  private final AtomicReference<SyncStatus> latestSync = new AtomicReference<>();
  private final Timeline syncBridge;
  private final java.util.Set<BatchProcessor> imports =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Set<Thread> importThreads =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param central the central case system to sync approved dossiers to, or {@code null} to work
   *     without one (approved dossiers wait in the outbox)
   */
  public WorkstationModel(StagingStore store, URI central) {
    this.store = store;
    if (central == null) {
      this.sync = null;
      this.syncBridge = null;
      syncLine.set(Messages.get("gui.sync.none"));
      return;
    }
    this.sync = new SyncService(store, SyncSettings.defaults(central));
    // The sync thread only stores the newest status; the FX thread picks it up twice a second.
    sync.addListener(latestSync::set);
    this.syncBridge =
        new Timeline(
            new KeyFrame(
                Duration.millis(500),
                e -> {
                  SyncStatus st = latestSync.getAndSet(null);
                  if (st != null) {
                    syncLine.set(describe(st));
                  }
                }));
    syncBridge.setCycleCount(Animation.INDEFINITE);
    syncBridge.play();
    syncLine.set(Messages.get("gui.sync.connecting", central));
    sync.start();
  }

  /** The sync part of the status bar. */
  public ReadOnlyStringProperty syncProperty() {
    return syncLine.getReadOnlyProperty();
  }

  static String describe(SyncStatus st) {
    String line =
        Messages.get(
            "gui.sync.status",
            Messages.get("gui.sync." + st.connectivity().name()),
            st.queuedDossiers(),
            st.queuedPages(),
            st.rejectedDossiers());
    return st.lastError() == null
        ? line
        : line + Messages.get("gui.sync.lastError", st.lastError());
  }

  /** The dossiers that hold pages of this batch. */
  private List<Dossier> dossiersOf(Batch batch) {
    var documents = new Documents(store);
    List<Dossier> out = new java.util.ArrayList<>();
    for (Dossier d : store.dossiers()) {
      boolean fromBatch =
          documents.list(d.id()).stream()
              .anyMatch(
                  doc ->
                      documents.pages(doc.id()).stream().anyMatch(p -> p.batchId() == batch.id()));
      if (fromBatch) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Exports the archival PDF/A of every approved dossier of a batch into a folder, in the
   * background; reports what was written (or why not) on the FX thread.
   */
  public void exportBatch(
      Batch batch, Path folder, String actor, java.util.function.Consumer<String> onFx) {
    inBackground(
        () -> {
          List<String> lines = new java.util.ArrayList<>();
          var exporter = new com.dossiercapture.staging.export.ArchivalPdfExporter(store);
          var options = com.dossiercapture.staging.export.ExportOptions.defaults().withActor(actor);
          for (Dossier d : dossiersOf(batch)) {
            if (!"approved".equals(d.status()) && !"synced".equals(d.status())) {
              lines.add(Messages.get("gui.export.notApproved", d.caseNumber()));
              continue;
            }
            Path out = folder.resolve(d.caseNumber() + ".pdf");
            try {
              var r = exporter.exportDossier(d.caseNumber(), out, options);
              lines.add(Messages.get("gui.export.written", out, r.totalPages()));
            } catch (RuntimeException e) {
              lines.add(Messages.get("gui.export.failed", d.caseNumber(), e.getMessage()));
            }
          }
          String msg = lines.isEmpty() ? Messages.get("gui.export.none") : String.join("\n", lines);
          Platform.runLater(() -> onFx.accept(msg));
        });
  }

  /**
   * Approves the dossiers assembled from a batch (as the archivist station and {@code approve} do)
   * in the background and wakes the sync up. Reports how many were approved, and why any was not.
   */
  public void approveBatch(Batch batch, String actor, java.util.function.Consumer<String> onFx) {
    inBackground(
        () -> {
          var approval = new Approval(store);
          int approved = 0;
          List<String> refused = new java.util.ArrayList<>();
          for (Dossier d : dossiersOf(batch)) {
            if (!"open".equals(d.status())) {
              continue;
            }
            try {
              approval.approve(d.id(), actor);
              approved++;
            } catch (StoreException e) {
              refused.add(d.caseNumber() + ": " + e.getMessage());
            }
          }
          if (sync != null) {
            sync.wakeUp();
          }
          String msg =
              refused.isEmpty()
                  ? Messages.get("gui.approved", approved)
                  : Messages.get("gui.approvedWithRefusals", approved, String.join("\n", refused));
          String s = statusLine();
          Platform.runLater(
              () -> {
                status.set(s);
                onFx.accept(msg);
              });
        });
  }

  public StagingStore store() {
    return store;
  }

  public ObservableList<Batch> batches() {
    return batches;
  }

  public ObservableList<PageRow> pages() {
    return pages;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * Runs store work off the FX thread; dropped once the window has closed (a result that arrives
   * from an earlier task during shutdown must not reach a closed store).
   */
  private void inBackground(Runnable work) {
    try {
      background.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the model is closed
    }
  }

  /** Reloads the batch list (and the status line) from the store. */
  public void refreshBatches() {
    inBackground(
        () -> {
          List<Batch> list = store.batches();
          String s = statusLine();
          Platform.runLater(
              () -> {
                batches.setAll(list);
                status.set(s);
              });
        });
  }

  /** Loads the pages of a batch into the table. */
  public void showBatch(Batch batch) {
    if (batch == null) {
      pages.clear();
      return;
    }
    inBackground(
        () -> {
          List<PageRow> rows =
              store.pages(batch.id()).stream()
                  .map(p -> new PageRow(p, store.result(p.id()).orElse(null)))
                  .toList();
          Platform.runLater(() -> pages.setAll(rows));
        });
  }

  /** Reads a page image (hash-checked) off the FX thread and hands it over scaled for display. */
  public void loadPreview(
      Page page,
      java.util.function.Consumer<Image> onFx,
      java.util.function.Consumer<String> onError) {
    inBackground(
        () -> {
          try {
            var img =
                javax.imageio.ImageIO.read(new ByteArrayInputStream(store.readOriginal(page.id())));
            Image fx = SwingFXUtils.toFXImage(img, null);
            Platform.runLater(() -> onFx.accept(fx));
          } catch (IOException | RuntimeException e) {
            Platform.runLater(() -> onError.accept(e.getMessage()));
          }
        });
  }

  /**
   * Imports a folder of scanned files as a new batch, in the background. Progress counts pages;
   * updates are coalesced by the task, so a long batch does not flood the FX thread.
   */
  public Task<BatchProcessor.Summary> importFolder(Path folder, String operator) {
    Task<BatchProcessor.Summary> task =
        new Task<>() {
          @Override
          protected BatchProcessor.Summary call() throws Exception {
            int total = Intake.listInputs(folder).size();
            Batch batch = store.createBatch(BatchSpec.of(operator));
            AtomicInteger done = new AtomicInteger();
            updateProgress(0, Math.max(1, total));
            BatchProcessor p =
                new BatchProcessor(
                    store,
                    Runtime.getRuntime().availableProcessors(),
                    Pipelines.analyzers(),
                    Pipelines.boundaries(store));
            imports.add(p);
            try {
              return p.run(
                  folder,
                  batch.id(),
                  new Intake(ImageProbe.Limits.DEFAULT),
                  r -> {
                    int n = done.incrementAndGet();
                    updateProgress(Math.min(n, total), Math.max(total, n));
                    updateMessage(r.fields().get("source").toString());
                  });
            } finally {
              imports.remove(p);
              importThreads.remove(Thread.currentThread());
            }
          }
        };
    task.setOnSucceeded(e -> refreshBatches());
    task.setOnFailed(e -> refreshBatches());
    importThreads.add(Thread.ofPlatform().daemon().name("import").start(task));
    return task;
  }

  /**
   * The sample batch shipped with the product (module samples), unpacked into a temporary folder,
   * or the folder named by the {@code dc.sample.batch} system property. Empty when neither exists.
   */
  public static Optional<Path> sampleBatch() {
    String explicit = System.getProperty("dc.sample.batch");
    if (explicit != null) {
      return Optional.of(Path.of(explicit)).filter(Files::isDirectory);
    }
    try {
      Path dir = Files.createTempDirectory("dossier-capture-sample-");
      com.dossiercapture.samples.SampleBatch.extractTo(dir);
      return Optional.of(dir);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private String statusLine() {
    long free;
    try {
      free = Files.getFileStore(store.directory()).getUsableSpace() >> 30;
    } catch (IOException e) {
      free = -1;
    }
    return Messages.get(
        "gui.status", store.directory(), store.pageCount(), store.outboxCount("pending"), free);
  }

  @Override
  public void close() {
    // An import still running stops after the pages in flight (the rest of its folder is not
    // staged) before the store closes under it.
    imports.forEach(BatchProcessor::cancel);
    for (Thread t : List.copyOf(importThreads)) {
      try {
        t.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (syncBridge != null) {
      syncBridge.stop();
    }
    if (sync != null) {
      sync.close();
    }
    background.shutdown();
    try {
      background.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
