package com.dossiercapture.app.gui;

import com.dossiercapture.app.process.BatchProcessor;
import com.dossiercapture.app.process.Intake;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.image.ImageProbe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

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

  public WorkstationModel(StagingStore store) {
    this.store = store;
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

  /** Reloads the batch list (and the status line) from the store. */
  public void refreshBatches() {
    background.execute(
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
    background.execute(
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
    background.execute(
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
                    Pipelines.boundaries());
            return p.run(
                folder,
                batch.id(),
                new Intake(ImageProbe.Limits.DEFAULT),
                r -> {
                  int n = done.incrementAndGet();
                  updateProgress(Math.min(n, total), Math.max(total, n));
                  updateMessage(r.fields().get("source").toString());
                });
          }
        };
    task.setOnSucceeded(e -> refreshBatches());
    task.setOnFailed(e -> refreshBatches());
    Thread.ofPlatform().daemon().name("import").start(task);
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
    return com.dossiercapture.app.i18n.Messages.get(
        "gui.status", store.directory(), store.pageCount(), store.outboxCount("pending"), free);
  }

  @Override
  public void close() {
    background.shutdown();
    store.close();
  }
}
