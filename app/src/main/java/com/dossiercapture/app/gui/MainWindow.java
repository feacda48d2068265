package com.dossiercapture.app.gui;

import com.dossiercapture.app.gui.review.ReviewStation;
import com.dossiercapture.app.gui.scan.ScanStation;
import com.dossiercapture.app.gui.scan.ScanTexts;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The main window's shell: one tab per station — 扫描 (the operator's scan station), 审核 (the
 * archivist's review station), 批次 (batches: import, approve, export) — above the status bar (store,
 * central system, queue, last error). Keyboard shortcuts go to the station shown. The window's
 * place and size, the dividers and the station shown are remembered.
 */
public final class MainWindow {

  /** Tab ids, also the remembered station. */
  public static final String SCAN = "scan";

  public static final String REVIEW = "review";
  public static final String BATCHES = "batches";

  private final Stage stage;
  private final WorkstationView batches;
  private final ScanStation scan;
  private final ReviewStation review;
  private final WindowState state;
  private final BorderPane root = new BorderPane();
  private final TabPane tabs = new TabPane();

  MainWindow(
      Stage stage,
      WorkstationView batches,
      ScanStation scan,
      ReviewStation review,
      WindowState state,
      Runnable onBatchesShown) {
    this.stage = stage;
    this.batches = batches;
    this.scan = scan;
    this.review = review;
    this.state = state;
    tabs.setId("stations");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getTabs()
        .setAll(
            tab(SCAN, "shell.station.scan", new FontIcon(MaterialDesignS.SCANNER), scan.root()),
            tab(
                REVIEW,
                "shell.station.review",
                new FontIcon(MaterialDesignC.CLIPBOARD_CHECK_OUTLINE),
                review.node()),
            tab(
                BATCHES,
                "shell.station.batches",
                new FontIcon(MaterialDesignF.FORMAT_LIST_BULLETED),
                batches.root()));
    // Batches scanned or submitted at the scan station show up when the batch list is opened.
    tabs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, t) -> {
              if (t != null && REVIEW.equals(t.getId())) {
                review.refresh(); // dossiers submitted at the scan station since it was last shown
              }
              if (t != null && BATCHES.equals(t.getId())) {
                onBatchesShown.run();
              }
            });
    root.setCenter(tabs);
    root.setBottom(batches.statusBar());
    root.addEventFilter(KeyEvent.KEY_PRESSED, this::dispatchKey);
  }

  private static Tab tab(String id, String key, Node icon, Node content) {
    Tab t = new Tab(ScanTexts.t(key), content);
    t.setId(id);
    t.setGraphic(icon);
    return t;
  }

  public Parent root() {
    return root;
  }

  public TabPane tabs() {
    return tabs;
  }

  /** Shows a station by tab id ({@link #SCAN}, {@link #REVIEW}, {@link #BATCHES}). */
  public void show(String station) {
    tabs.getTabs().stream()
        .filter(t -> station.equals(t.getId()))
        .findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
  }

  /** The tab id of the station shown. */
  public String shown() {
    Tab t = tabs.getSelectionModel().getSelectedItem();
    return t == null ? SCAN : t.getId();
  }

  private void dispatchKey(KeyEvent e) {
    boolean handled =
        switch (shown()) {
          case SCAN -> scan.handleKey(e);
          case BATCHES -> batches.handleKey(e);
          default -> false;
        };
    if (handled) {
      e.consume();
    }
  }

  /** The window size the scene should start with. */
  double[] sceneSize() {
    return new double[] {
      Math.max(800, state.number("width", 1400)), Math.max(560, state.number("height", 880))
    };
  }

  /** Puts the window, dividers and station back where they were (when still on a screen). */
  void restore() {
    if (state.has("x") && state.has("y")) {
      double x = state.number("x", 0);
      double y = state.number("y", 0);
      Rectangle2D r = new Rectangle2D(x, y, 100, 60);
      if (!Screen.getScreensForRectangle(r).isEmpty()) {
        stage.setX(x);
        stage.setY(y);
      }
    }
    stage.setMaximized(Boolean.parseBoolean(state.text("maximized", "false")));
    divider(scan.split(), "divider.scan");
    divider(batches.split(), "divider.batches");
    show(state.text("station", SCAN));
  }

  private void divider(SplitPane p, String key) {
    if (state.has(key)) {
      p.setDividerPositions(Math.clamp(state.number(key, 0.4), 0.05, 0.95));
    }
  }

  /** Remembers the window (called when it closes). */
  void save() {
    if (!stage.isMaximized()) {
      state.put("x", stage.getX());
      state.put("y", stage.getY());
      if (stage.getScene() != null) {
        state.put("width", stage.getScene().getWidth());
        state.put("height", stage.getScene().getHeight());
      }
    }
    state.put("maximized", stage.isMaximized());
    state.put("station", shown());
    if (!scan.split().getDividers().isEmpty()) {
      state.put("divider.scan", scan.split().getDividerPositions()[0]);
    }
    if (!batches.split().getDividers().isEmpty()) {
      state.put("divider.batches", batches.split().getDividerPositions()[0]);
    }
    state.save();
  }
}
