package com.dossiercapture.app.gui;

import com.dossiercapture.app.gui.review.ReviewStation;
import com.dossiercapture.app.gui.scan.ScanModel;
import com.dossiercapture.app.gui.scan.ScanStation;
import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The workstation (卷宗扫描工作站). Opens the staging store off the FX thread's critical path, shows the
 * main window and, on a store that has never held a batch, imports the shipped sample batch so a
 * new user sees pages at once.
 */
public final class WorkstationApp extends Application {

  /** The window title scripts and people find the workstation by. */
  public static final String TITLE = "卷宗扫描工作站 — Dossier Capture";

  private static volatile Path storeDir;
  private static volatile java.net.URI central;
  private WorkstationModel model;
  private WorkstationView view;
  private ScanStation scan;
  private ReviewStation review;
  private MainWindow window;

  /** The review station's store reads and writes, off the FX thread, one at a time. */
  private final java.util.concurrent.ExecutorService reviewIo =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("review-io").factory());

  /**
   * Starts the JavaFX application on that store, syncing to {@code centralSystem} (or not at all
   * when it is {@code null}), and returns when the window closes.
   */
  public static void launchWith(Path store, java.net.URI centralSystem) {
    storeDir = store;
    central = centralSystem;
    Application.launch(WorkstationApp.class);
  }

  /** For tests: the store and central system the next {@link #start} uses. */
  public static void useStore(Path store, java.net.URI centralSystem) {
    storeDir = store;
    central = centralSystem;
  }

  @Override
  public void start(Stage stage) {
    StagingStore store;
    try {
      store = StagingStore.open(storeDir);
    } catch (StoreException e) {
      Alert a =
          new Alert(
              Alert.AlertType.ERROR,
              Messages.get("error.store." + e.kind().name(), e.getMessage()));
      a.setHeaderText(Messages.get("gui.storeOpenFailed", storeDir));
      a.showAndWait();
      Platform.exit();
      return;
    }
    Application.setUserAgentStylesheet(
        new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    model = new WorkstationModel(store, central);
    view = new WorkstationView(model, stage);
    scan =
        new ScanStation(
            store,
            new ScanModel.Settings(
                Pipelines.analyzers(),
                Pipelines.boundaries(store),
                ScanModel.Settings.defaultWorkers(),
                System.getProperty("user.name", "operator"),
                true));
    review = new ReviewStation(store, reviewIo, System.getProperty("user.name", "archivist"));
    window =
        new MainWindow(
            stage,
            view,
            scan,
            review,
            new WindowState(WindowState.defaultFile()),
            model::refreshBatches);
    double[] size = window.sceneSize();
    Scene scene = new Scene(window.root(), size[0], size[1]);
    stage.setTitle(TITLE);
    stage.setScene(scene);
    window.restore();
    stage.setOnHiding(e -> window.save());
    stage.show();
    model.refreshBatches();
    if (store.batches().isEmpty()) {
      WorkstationModel.sampleBatch().ifPresent(view::importFolder);
    }
  }

  ScanStation scanStation() {
    return scan;
  }

  MainWindow window() {
    return window;
  }

  WorkstationView view() {
    return view;
  }

  WorkstationModel model() {
    return model;
  }

  @Override
  public void stop() {
    if (window != null) {
      window.save();
    }
    reviewIo.shutdown();
    if (scan != null) {
      scan.close();
    }
    if (model != null) {
      model.close();
    }
  }
}
