package com.dossiercapture.app.gui.scan;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanProfile;
import com.dossiercapture.scanner.ScanProfiles;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.StagingStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The operator's scan station (扫描台): dossier and sheet count, scanner and profile, Scan / Pause /
 * Continue / Stop, live thumbnails with state and badges, a large preview, fixes on the spot
 * (rescan, insert, replace, delete, reorder, rotate, undo/redo), the fault banner and the submit
 * step. Controls only: the work is done by {@link ScanModel} off the FX thread.
 */
public final class ScanStation {

  private static final String PROFILES_FILE = "scan-profiles.json";

  private final ScanModel model;
  private final BorderPane root = new BorderPane();
  private final ListView<PageItem> thumbs = new ListView<>();
  private final ImageView preview = new ImageView();
  private final Label previewInfo = new Label();
  private final TextField caseField = new TextField();
  private final Label caseHint = new Label();
  private final TextField expectedField = new TextField();
  private final ComboBox<DeviceInfo> deviceBox = new ComboBox<>();
  private final ComboBox<String> profileBox = new ComboBox<>();
  private final ComboBox<Integer> dpiBox = new ComboBox<>();
  private final ComboBox<ColourMode> modeBox = new ComboBox<>();
  private final ComboBox<ScanSource> sourceBox = new ComboBox<>();
  private final ComboBox<PageSize> sizeBox = new ComboBox<>();
  private final Label banner = new Label();
  private final HBox bannerBox = new HBox(12);
  private final Button pauseButton = new Button();
  private final SplitPane split = new SplitPane();
  private final List<ScanProfile> profiles = new ArrayList<>();
  private final Map<KeyCombination, Runnable> shortcuts = new java.util.LinkedHashMap<>();
  private long previewRequest;

  public ScanStation(StagingStore store, ScanModel.Settings settings) {
    this.model = new ScanModel(store, settings);
    build();
    loadProfiles();
    // Once the station is on screen, render what the first page brings (a cell with every badge,
    // a page-sized picture) off screen, so that the first scanned page does not pay for first-time
    // rendering: in idle CI runs the one frame over 100 ms came 0.4-0.6 s after the scan started.
    root.sceneProperty()
        .addListener(
            new javafx.beans.value.ChangeListener<>() {
              @Override
              public void changed(
                  javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o,
                  javafx.scene.Scene was,
                  javafx.scene.Scene now) {
                if (now != null) {
                  root.sceneProperty().removeListener(this);
                  Platform.runLater(ScanStation.this::warmRendering);
                }
              }
            });
  }

  /**
   * Draws, once and off screen, nodes like those a scanned page adds: a thumbnail cell with its
   * title, state and every badge style, and a page-sized image scaled like the preview. Costs one
   * snapshot (tens of milliseconds) before any page arrives; failures are only logged.
   */
  private void warmRendering() {
    try {
      ImageView thumb =
          new ImageView(
              new javafx.scene.image.WritableImage(
                  (int) (Thumbnails.HEIGHT * 0.71), Thumbnails.HEIGHT));
      thumb.setFitHeight(Thumbnails.HEIGHT * 0.8);
      thumb.setPreserveRatio(true);
      StackPane frame = new StackPane(thumb);
      frame.getStyleClass().add("thumb-frame");
      Label state = new Label(ScanTexts.t("scan.state.classified"));
      state.getStyleClass().add("page-state");
      FlowPane badges = new FlowPane(4, 4);
      for (String key :
          List.of(
              "scan.badge.blank",
              "scan.badge.separator",
              "scan.badge.lowConfidence",
              "scan.badge.quality",
              "scan.badge.caseMismatch")) {
        Label l = new Label(ScanTexts.t(key));
        l.getStyleClass().addAll("badge", key.substring(key.lastIndexOf('.') + 1));
        badges.getChildren().add(l);
      }
      ImageView page = new ImageView(new javafx.scene.image.WritableImage(1654, 2339));
      page.setFitHeight(700);
      page.setPreserveRatio(true);
      Label title = new Label(ScanTexts.t("scan.cell", 1, 1, ""));
      // A real list of real cells too: the first pages create the list's cells (class loading,
      // skins, CSS of a new cell), which a JFR recording showed on the FX thread 0.3 s after the
      // scan started.
      ListView<PageItem> list = new ListView<>();
      list.setCellFactory(lv -> new PageCell());
      list.setFixedCellSize(thumbs.getFixedCellSize());
      list.setPrefSize(thumbs.getMinWidth(), thumbs.getFixedCellSize() * 8);
      for (int i = 0; i < 8; i++) {
        list.getItems().add(new PageItem(warmUpPage(i), null, thumb.getImage()));
      }
      list.scrollTo(7);
      VBox box = new VBox(4, new HBox(10, frame, new VBox(4, title, state, badges)), list, page);
      box.getStyleClass().addAll("scan-station", "page-cell");
      box.getStylesheets().setAll(root.getStylesheets());
      new javafx.scene.Scene(box).snapshot(null);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ScanStation.class)
          .warn("rendering warm-up failed: {}", e.toString());
    }
  }

  /** A page that exists only for the warm-up list: never stored, never shown on screen. */
  private static Page warmUpPage(int i) {
    return new Page(
        -1 - i,
        -1,
        i + 1,
        i % 2 == 0 ? com.dossiercapture.domain.Side.FRONT : com.dossiercapture.domain.Side.BACK,
        i / 2 + 1,
        "0".repeat(64),
        "png",
        0,
        1654,
        2339,
        200,
        "grey",
        "warm-up",
        "acquired",
        "active",
        java.time.Instant.EPOCH,
        i + 1,
        0,
        null);
  }

  public Parent root() {
    return root;
  }

  public ScanModel model() {
    return model;
  }

  /** The divider between thumbnails and preview (remembered by the window). */
  public SplitPane split() {
    return split;
  }

  // ---------------------------------------------------------------------------------------------

  private void build() {
    root.getStyleClass().add("scan-station");
    root.getStylesheets().add(ScanStation.class.getResource("scan-station.css").toExternalForm());

    // Left: dossier, count, scanner, profile.
    caseField.setId("caseField");
    caseField.setPromptText(ScanTexts.t("scan.case.prompt"));
    caseHint.setId("caseHint");
    caseHint.setWrapText(true);
    caseField.textProperty().addListener((o, a, text) -> showCase(text));
    model.caseTextProperty().bind(caseField.textProperty());
    showCase("");
    expectedField.setId("expectedSheets");
    expectedField.setPromptText(ScanTexts.t("scan.expected.prompt"));
    expectedField.setTextFormatter(
        new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,6}") ? c : null));
    expectedField
        .textProperty()
        .addListener(
            (o, a, t) ->
                model.expectedSheetsProperty().set(t.isBlank() ? null : Integer.valueOf(t)));

    deviceBox.setId("deviceBox");
    deviceBox.setItems(model.devices());
    deviceBox.valueProperty().bindBidirectional(model.deviceProperty());
    deviceBox.setMaxWidth(Double.MAX_VALUE);
    deviceBox.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(DeviceInfo d) {
            return d == null ? "" : d.name();
          }

          @Override
          public DeviceInfo fromString(String s) {
            return null;
          }
        });
    Label deviceMessage = new Label();
    deviceMessage.textProperty().bind(model.deviceMessageProperty());
    deviceMessage.getStyleClass().add("hint");

    profileBox.setId("profileBox");
    profileBox.setMaxWidth(Double.MAX_VALUE);
    profileBox.valueProperty().addListener((o, a, name) -> applyProfile(name));
    Button saveProfile = iconButton(MaterialDesignC.CONTENT_SAVE, null, "scan.profile.save");
    saveProfile.setOnAction(e -> saveProfile());
    Button deleteProfile = iconButton(MaterialDesignD.DELETE_OUTLINE, null, "scan.profile.delete");
    deleteProfile.setOnAction(e -> deleteProfile());
    deleteProfile.disableProperty().bind(profileBox.valueProperty().isNull());

    dpiBox.getItems().setAll(150, 200, 300, 400, 600);
    dpiBox.setId("dpiBox");
    modeBox.getItems().setAll(ColourMode.values());
    modeBox.setConverter(enumText("scan.mode."));
    sourceBox.getItems().setAll(ScanSource.values());
    sourceBox.setConverter(enumText("scan.source."));
    sourceBox.setId("sourceBox");
    sizeBox.getItems().setAll(PageSize.values());
    sizeBox.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(PageSize p) {
            return p == null
                ? ""
                : p == PageSize.AUTO ? ScanTexts.t("scan.pageSize.AUTO") : p.name();
          }

          @Override
          public PageSize fromString(String s) {
            return null;
          }
        });
    showOptions(ScanOptions.defaults());

    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(6);
    int r = 0;
    form.add(heading("scan.dossier"), 0, r++, 2, 1);
    form.addRow(r++, new Label(ScanTexts.t("scan.case")), caseField);
    form.add(caseHint, 0, r++, 2, 1);
    form.addRow(r++, new Label(ScanTexts.t("scan.expected")), expectedField);
    form.add(new Separator(), 0, r++, 2, 1);
    form.add(heading("scan.scanner"), 0, r++, 2, 1);
    form.addRow(r++, new Label(ScanTexts.t("scan.device")), deviceBox);
    form.add(deviceMessage, 0, r++, 2, 1);
    form.addRow(
        r++,
        new Label(ScanTexts.t("scan.profile")),
        new HBox(4, profileBox, saveProfile, deleteProfile));
    HBox.setHgrow(profileBox, Priority.ALWAYS);
    form.addRow(r++, new Label(ScanTexts.t("scan.dpi")), dpiBox);
    form.addRow(r++, new Label(ScanTexts.t("scan.mode")), modeBox);
    form.addRow(r++, new Label(ScanTexts.t("scan.source")), sourceBox);
    form.addRow(r++, new Label(ScanTexts.t("scan.pageSize")), sizeBox);
    for (Node n : List.of(caseField, expectedField, dpiBox, modeBox, sourceBox, sizeBox)) {
      GridPane.setHgrow(n, Priority.ALWAYS);
      if (n instanceof Region reg) {
        reg.setMaxWidth(Double.MAX_VALUE);
      }
    }
    javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    form.getColumnConstraints().setAll(labels, fields);
    form.setPadding(new Insets(10));
    ScrollPane left = new ScrollPane(form);
    left.setFitToWidth(true);
    left.setMinWidth(260);
    left.setPrefViewportWidth(330);

    // Toolbar.
    Button scan = iconButton(MaterialDesignS.SCANNER, "scan.action.scan");
    scan.setId("scanButton");
    scan.getStyleClass().add("primary-action");
    scan.setText(ScanTexts.t("scan.action.scan") + " (F5)");
    scan.setTooltip(new Tooltip(ScanTexts.t("scan.tip.scan")));
    scan.setOnAction(e -> scan());
    scan.disableProperty()
        .bind(
            model
                .sessionProperty()
                .isNotEqualTo(ScanModel.SessionState.IDLE)
                .or(model.busyProperty())
                .or(model.deviceProperty().isNull()));
    pauseButton.setId("pauseButton");
    pauseButton.setTooltip(new Tooltip(ScanTexts.t("scan.tip.pause")));
    pauseButton.setOnAction(e -> model.pauseOrContinue());
    pauseButton
        .disableProperty()
        .bind(model.sessionProperty().isEqualTo(ScanModel.SessionState.IDLE));
    model.sessionProperty().addListener((o, a, s) -> showPauseButton(s));
    showPauseButton(ScanModel.SessionState.IDLE);
    Button stop = iconButton(MaterialDesignS.STOP, "scan.action.stop");
    stop.setId("stopButton");
    stop.setText(ScanTexts.t("scan.action.stop") + " (Esc)");
    stop.setTooltip(new Tooltip(ScanTexts.t("scan.tip.stop")));
    stop.setOnAction(e -> model.stop());
    stop.disableProperty().bind(model.sessionProperty().isEqualTo(ScanModel.SessionState.IDLE));

    var noSelection = thumbs.getSelectionModel().selectedItemProperty().isNull();
    var editable =
        noSelection
            .or(model.busyProperty())
            .or(model.sessionProperty().isNotEqualTo(ScanModel.SessionState.IDLE));
    Button rescan = iconButton(MaterialDesignR.REFRESH, "scan.action.rescan", "scan.tip.rescan");
    rescan.setId("rescanButton");
    rescan.setOnAction(e -> rescanSelected());
    rescan.disableProperty().bind(editable);
    Button insert =
        iconButton(MaterialDesignP.PLAYLIST_PLUS, "scan.action.insert", "scan.tip.insert");
    insert.setId("insertButton");
    insert.setOnAction(e -> insertBeforeSelected());
    insert.disableProperty().bind(editable);
    Button replace =
        iconButton(MaterialDesignF.FILE_REPLACE_OUTLINE, "scan.action.replace", "scan.tip.replace");
    replace.setId("replaceButton");
    replace.setOnAction(e -> replaceSelectedFromFile());
    replace.disableProperty().bind(editable);
    Button delete = iconButton(MaterialDesignD.DELETE, "scan.action.delete", "scan.tip.delete");
    delete.setId("deleteButton");
    delete.setOnAction(e -> deleteSelected());
    delete.disableProperty().bind(editable);
    Button left90 = iconButton(MaterialDesignR.ROTATE_LEFT, null, "scan.tip.rotate");
    left90.setOnAction(e -> rotateSelected(-90));
    left90.disableProperty().bind(editable);
    Button right90 = iconButton(MaterialDesignR.ROTATE_RIGHT, null, "scan.tip.rotate");
    right90.setId("rotateRightButton");
    right90.setOnAction(e -> rotateSelected(90));
    right90.disableProperty().bind(editable);
    Button up = iconButton(MaterialDesignA.ARROW_UP, null, "scan.tip.move");
    up.setOnAction(e -> moveSelected(-1));
    up.disableProperty().bind(editable);
    Button down = iconButton(MaterialDesignA.ARROW_DOWN, null, "scan.tip.move");
    down.setOnAction(e -> moveSelected(1));
    down.disableProperty().bind(editable);
    Button undo = iconButton(MaterialDesignU.UNDO, null, "scan.tip.undo");
    undo.setId("undoButton");
    undo.setOnAction(e -> model.undo());
    Button redo = iconButton(MaterialDesignR.REDO, null, "scan.tip.redo");
    redo.setId("redoButton");
    redo.setOnAction(e -> model.redo());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    Button newBatch =
        iconButton(MaterialDesignF.FOLDER_PLUS_OUTLINE, "scan.action.new", "scan.tip.new");
    newBatch.setOnAction(e -> model.newBatch());
    newBatch
        .disableProperty()
        .bind(
            model
                .sessionProperty()
                .isNotEqualTo(ScanModel.SessionState.IDLE)
                .or(model.batchProperty().isNull()));
    Button submit = iconButton(MaterialDesignS.SEND, "scan.action.submit", "scan.tip.submit");
    submit.setId("submitButton");
    submit.getStyleClass().add("primary-action");
    submit.setOnAction(e -> submit());
    submit
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> !canSubmit(),
                model.sheetCheckProperty(),
                model.batchProperty(),
                model.sessionProperty(),
                model.busyProperty()));
    ToolBar toolbar = new ToolBar(scan, pauseButton, stop, grow, newBatch, submit);
    toolbar.setId("scanToolbar");
    ToolBar pageBar =
        new ToolBar(
            rescan,
            insert,
            replace,
            delete,
            new Separator(),
            left90,
            right90,
            up,
            down,
            new Separator(),
            undo,
            redo);
    pageBar.setId("pageToolbar");

    // Fault banner.
    banner.setId("faultBanner");
    banner.setWrapText(true);
    banner.setGraphic(new FontIcon(MaterialDesignA.ALERT));
    Button cont = new Button(ScanTexts.t("scan.action.continue") + " (F6)");
    cont.setId("bannerContinue");
    cont.setGraphic(new FontIcon(MaterialDesignP.PLAY));
    cont.setOnAction(e -> model.pauseOrContinue());
    cont.visibleProperty().bind(model.sessionProperty().isEqualTo(ScanModel.SessionState.FAULT));
    cont.managedProperty().bind(cont.visibleProperty());
    Button bannerStop = new Button(ScanTexts.t("scan.action.stop"));
    bannerStop.setOnAction(e -> model.stop());
    bannerStop.visibleProperty().bind(cont.visibleProperty());
    bannerStop.managedProperty().bind(cont.visibleProperty());
    HBox.setHgrow(banner, Priority.ALWAYS);
    banner.setMaxWidth(Double.MAX_VALUE);
    bannerBox.getChildren().setAll(banner, cont, bannerStop);
    bannerBox.setAlignment(Pos.CENTER_LEFT);
    bannerBox.setPadding(new Insets(8, 12, 8, 12));
    bannerBox.getStyleClass().add("fault-banner");
    bannerBox.setId("faultBox");
    bannerBox.visibleProperty().bind(model.faultProperty().isNotNull());
    bannerBox.managedProperty().bind(bannerBox.visibleProperty());
    model
        .faultProperty()
        .addListener(
            (o, a, f) -> {
              if (f != null) {
                String text = ScanTexts.t("fault." + f.kind().name(), f.pagesDeliveredBefore());
                banner.setText(
                    f.detail().isEmpty()
                        ? text
                        : text + "\n" + ScanTexts.t("fault.detail", f.detail()));
              }
            });

    // Thumbnails and preview.
    thumbs.setId("thumbnails");
    thumbs.setItems(model.pages());
    thumbs.setPlaceholder(new Label(ScanTexts.t("scan.noPages")));
    thumbs.setCellFactory(lv -> new PageCell());
    thumbs.addEventFilter(javafx.scene.input.MouseDragEvent.MOUSE_DRAG_OVER, e -> dragY = e.getY());
    thumbs.addEventFilter(
        javafx.scene.input.MouseDragEvent.MOUSE_DRAG_EXITED_TARGET,
        e -> {
          if (e.getTarget() == thumbs) {
            dragY = Double.NaN;
          }
        });
    dragScroll.setCycleCount(javafx.animation.Animation.INDEFINITE);
    // The release goes to the pressed cell wherever it happens: once the cell under the pointer
    // (if any) has had its drag release, the drag ends. Released outside the list, nothing moves.
    thumbs.addEventFilter(
        javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::endDrag));
    thumbs.setMinWidth(280);
    // One height for every cell: the virtual flow lays out without measuring each cell.
    thumbs.setFixedCellSize(
        Math.ceil(
            Math.max(
                Thumbnails.HEIGHT * 0.8 + 16,
                javafx.scene.text.Font.getDefault().getSize() * 7.5)));
    // While scanning, the newest page stays in view (one scroll per drained batch of pages).
    model
        .pages()
        .addListener(
            (javafx.collections.ListChangeListener<PageItem>)
                c -> {
                  boolean added = false;
                  while (c.next()) {
                    added |= c.wasAdded() && !c.wasReplaced();
                  }
                  if (added
                      && model.sessionProperty().get() != ScanModel.SessionState.IDLE
                      && thumbs.getSelectionModel().isEmpty()) {
                    thumbs.scrollTo(model.pages().size() - 1);
                  }
                });
    thumbs
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, item) -> showPreview(a, item));
    preview.setId("scanPreview");
    preview.setPreserveRatio(true);
    previewInfo.setId("previewInfo");
    previewInfo.setPadding(new Insets(6));
    StackPane previewHolder = new StackPane(new javafx.scene.Group(preview));
    ScrollPane previewScroll = new ScrollPane(previewHolder);
    previewScroll.setFitToWidth(true);
    previewScroll.setFitToHeight(true);
    BorderPane previewPane = new BorderPane(previewScroll, null, null, previewInfo, null);
    preview
        .fitWidthProperty()
        .bind(
            Bindings.createDoubleBinding(
                () ->
                    Math.max(
                        100,
                        (preview.getRotate() % 180 == 0
                                ? previewScroll.getWidth()
                                : previewScroll.getHeight())
                            - 24),
                previewScroll.widthProperty(),
                previewScroll.heightProperty(),
                preview.rotateProperty()));
    split.getItems().setAll(thumbs, previewPane);
    split.setDividerPositions(0.34);
    split.setId("scanSplit");

    // Bottom: batch, progress, sheet check, message.
    Label batchLine = new Label();
    batchLine.setId("batchLine");
    batchLine
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> describe(model.batchProperty().get()), model.batchProperty()));
    Label progressLine = new Label();
    progressLine.setId("scanProgress");
    progressLine.textProperty().bind(model.progressProperty());
    Label sheetLine = new Label();
    sheetLine.setId("sheetCheck");
    model.sheetCheckProperty().addListener((o, a, c) -> showSheetCheck(sheetLine, c));
    showSheetCheck(sheetLine, model.sheetCheckProperty().get());
    Label messageLine = new Label();
    messageLine.setId("scanMessage");
    messageLine.textProperty().bind(model.messageProperty());
    HBox bottom = new HBox(16, batchLine, progressLine, sheetLine, messageLine);
    bottom.setAlignment(Pos.CENTER_LEFT);
    bottom.setPadding(new Insets(4, 10, 4, 10));
    bottom.getStyleClass().add("scan-progress");

    VBox top = new VBox(toolbar, bannerBox, pageBar);
    BorderPane centre = new BorderPane(split, top, null, bottom, null);
    SplitPane outer = new SplitPane(left, centre);
    outer.setDividerPositions(0.24);
    SplitPane.setResizableWithParent(left, false);
    root.setCenter(outer);

    root.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (handleKey(e)) {
            e.consume();
          }
        });
    shortcut(new KeyCodeCombination(KeyCode.F5), this::scan);
    shortcut(new KeyCodeCombination(KeyCode.F6), model::pauseOrContinue);
    shortcut(new KeyCodeCombination(KeyCode.ESCAPE), model::stop);
    shortcut(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), model::undo);
    shortcut(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), model::redo);
    shortcut(new KeyCodeCombination(KeyCode.DELETE), this::deleteSelected);
    shortcut(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::rescanSelected);
    shortcut(
        new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN),
        this::insertBeforeSelected);
    shortcut(
        new KeyCodeCombination(KeyCode.OPEN_BRACKET, KeyCombination.SHORTCUT_DOWN),
        () -> rotateSelected(-90));
    shortcut(
        new KeyCodeCombination(KeyCode.CLOSE_BRACKET, KeyCombination.SHORTCUT_DOWN),
        () -> rotateSelected(90));
    shortcut(new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN), () -> moveSelected(-1));
    shortcut(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN), () -> moveSelected(1));
    shortcut(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::submit);
  }

  private void shortcut(KeyCombination k, Runnable r) {
    shortcuts.put(k, r);
  }

  /**
   * Runs the station's shortcut for a key press (the window calls this while the station is shown).
   * Keys that edit text are left to a focused text field.
   *
   * @return whether the key was handled
   */
  public boolean handleKey(KeyEvent e) {
    boolean inText =
        e.getTarget() instanceof TextInputControl
            || (root.getScene() != null
                && root.getScene().getFocusOwner() instanceof TextInputControl);
    for (var entry : shortcuts.entrySet()) {
      if (entry.getKey().match(e)) {
        KeyCode c = e.getCode();
        boolean functionKey = c == KeyCode.F5 || c == KeyCode.F6 || c == KeyCode.ESCAPE;
        if (inText && !functionKey && c != KeyCode.ENTER) {
          return false;
        }
        entry.getValue().run();
        return true;
      }
    }
    return false;
  }

  /** The shortcuts, for the README and tests: key combination to what it does. */
  public List<KeyCombination> shortcutKeys() {
    return List.copyOf(shortcuts.keySet());
  }

  // ---------------------------------------------------------------------------------------------

  private static Label heading(String key) {
    Label l = new Label(ScanTexts.t(key));
    l.getStyleClass().add("title-4");
    return l;
  }

  private static Button iconButton(Ikon icon, String textKey) {
    return iconButton(icon, textKey, null);
  }

  private static Button iconButton(Ikon icon, String textKey, String tipKey) {
    Button b = new Button(textKey == null ? null : ScanTexts.t(textKey), new FontIcon(icon));
    if (tipKey != null) {
      b.setTooltip(new Tooltip(ScanTexts.t(tipKey)));
    } else if (textKey != null) {
      b.setTooltip(new Tooltip(ScanTexts.t(textKey)));
    }
    return b;
  }

  private static <E extends Enum<E>> StringConverter<E> enumText(String prefix) {
    return new StringConverter<>() {
      @Override
      public String toString(E e) {
        return e == null ? "" : ScanTexts.t(prefix + e.name());
      }

      @Override
      public E fromString(String s) {
        return null;
      }
    };
  }

  private void showPauseButton(ScanModel.SessionState s) {
    boolean resume = s == ScanModel.SessionState.PAUSED || s == ScanModel.SessionState.FAULT;
    pauseButton.setText(
        ScanTexts.t(resume ? "scan.action.continue" : "scan.action.pause") + " (F6)");
    pauseButton.setGraphic(new FontIcon(resume ? MaterialDesignP.PLAY : MaterialDesignP.PAUSE));
  }

  private void showCase(String text) {
    caseHint.getStyleClass().removeAll("danger", "success", "hint");
    if (text == null || text.isBlank()) {
      caseHint.setText(ScanTexts.t("scan.case.none"));
      caseHint.getStyleClass().add("hint");
      return;
    }
    Optional<CaseNumber> cn = CaseNumber.parse(text);
    if (cn.isPresent()) {
      caseHint.setText(ScanTexts.t("scan.case.ok", cn.get().normalised()));
      caseHint.getStyleClass().add("success");
    } else {
      caseHint.setText(ScanTexts.t("scan.case.bad"));
      caseHint.getStyleClass().add("danger");
    }
  }

  private static String describe(Batch b) {
    if (b == null) {
      return ScanTexts.t("scan.batch.none");
    }
    return ScanTexts.t("scan.batch", b.id(), ScanTexts.t("scan.batch.status." + b.status()));
  }

  private static void showSheetCheck(
      Label l, com.dossiercapture.app.process.BatchScanner.SheetCheck c) {
    l.getStyleClass().removeAll("danger", "success");
    if (c.expected() == null) {
      l.setText(ScanTexts.t("scan.sheets.missing", c.scanned()));
    } else if (c.ok()) {
      l.setText(ScanTexts.t("scan.sheets.ok", c.expected(), c.scanned()));
      l.getStyleClass().add("success");
    } else {
      l.setText(ScanTexts.t("scan.sheets.mismatch", c.expected(), c.scanned()));
      l.getStyleClass().add("danger");
    }
  }

  private boolean canSubmit() {
    Batch b = model.batchProperty().get();
    return b != null
        && "scanning".equals(b.status())
        && model.sheetCheckProperty().get().ok()
        && model.sessionProperty().get() == ScanModel.SessionState.IDLE
        && !model.busyProperty().get();
  }

  /** The scan options the fields show. */
  public ScanOptions options() {
    ScanOptions o = ScanOptions.defaults();
    if (sourceBox.getValue() != null) {
      o = o.withSource(sourceBox.getValue());
    }
    if (dpiBox.getValue() != null) {
      o = o.withDpi(dpiBox.getValue());
    }
    if (modeBox.getValue() != null) {
      o = o.withColourMode(modeBox.getValue());
    }
    if (sizeBox.getValue() != null) {
      o = o.withPageSize(sizeBox.getValue());
    }
    return o;
  }

  /** Shows options in the fields (a profile was chosen). */
  public void showOptions(ScanOptions o) {
    dpiBox.setValue(o.dpi());
    modeBox.setValue(o.colourMode());
    sourceBox.setValue(o.source());
    sizeBox.setValue(o.pageSize());
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  /** F5. */
  public void scan() {
    model.scan(options());
  }

  private Optional<Page> selected() {
    PageItem it = thumbs.getSelectionModel().getSelectedItem();
    if (it == null) {
      model.messageProperty().set(ScanTexts.t("scan.noSelection"));
    }
    return Optional.ofNullable(it).map(PageItem::page);
  }

  public void rescanSelected() {
    selected().ifPresent(p -> model.rescan(p, options()));
  }

  public void insertBeforeSelected() {
    selected().ifPresent(p -> model.insertBefore(p, options()));
  }

  public void deleteSelected() {
    selected().ifPresent(model::deleteOrRestore);
  }

  public void rotateSelected(int degrees) {
    selected().ifPresent(p -> model.rotate(p, degrees));
  }

  public void moveSelected(int delta) {
    selected().ifPresent(p -> model.moveBy(p.id(), delta));
  }

  private void replaceSelectedFromFile() {
    Optional<Page> p = selected();
    if (p.isEmpty()) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser
        .getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                "PNG / JPEG / TIFF", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff"));
    File f = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (f != null) {
      replaceSelectedWith(f.toPath());
    }
  }

  /** Replaces the selected page by an image file (read off the FX thread). */
  public void replaceSelectedWith(Path file) {
    selected()
        .ifPresent(
            p ->
                Thread.ofPlatform()
                    .daemon()
                    .start(
                        () -> {
                          try {
                            byte[] bytes = Files.readAllBytes(file);
                            Platform.runLater(
                                () ->
                                    model.replaceWithFile(p, file.getFileName().toString(), bytes));
                          } catch (IOException e) {
                            Platform.runLater(
                                () ->
                                    model
                                        .messageProperty()
                                        .set(ScanTexts.t("scan.editFailed", e.getMessage())));
                          }
                        }));
  }

  private void submit() {
    if (canSubmit()) {
      model.submit(() -> {});
    }
  }

  /** Selects the page at a list index (tests, keyboard). */
  public void select(int index) {
    thumbs.getSelectionModel().clearAndSelect(index);
    thumbs.scrollTo(index);
  }

  private void showPreview(PageItem before, PageItem item) {
    if (item == null) {
      preview.setImage(null);
      previewInfo.setText("");
      return;
    }
    Page p = item.page();
    preview.setRotate(p.rotation());
    previewInfo.setText(
        ScanTexts.t(
            "scan.preview.info",
            thumbs.getItems().indexOf(item) + 1,
            p.width(),
            p.height(),
            p.dpi(),
            p.rotation(),
            p.sha256().substring(0, 16)));
    if (before != null && before.page().id() == p.id() && preview.getImage() != null) {
      return; // the same page changed state or rotation: keep the picture
    }
    long request = ++previewRequest;
    preview.setImage(item.thumb());
    model.loadPreview(
        p,
        img -> {
          if (request == previewRequest) {
            preview.setImage(img);
          }
        },
        err -> previewInfo.setText(ScanTexts.t("scan.preview.failed", err)));
  }

  // ---------------------------------------------------------------------------------------------
  // Profiles (JSON next to the store)

  private Path profilesFile() {
    return model.store().directory().resolve(PROFILES_FILE);
  }

  private void loadProfiles() {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                List<ScanProfile> list = ScanProfiles.load(profilesFile());
                Platform.runLater(
                    () -> {
                      profiles.clear();
                      profiles.addAll(list);
                      profileBox.getItems().setAll(list.stream().map(ScanProfile::name).toList());
                    });
              } catch (IOException | IllegalArgumentException e) {
                Platform.runLater(
                    () ->
                        model
                            .messageProperty()
                            .set(ScanTexts.t("scan.profile.failed", e.getMessage())));
              }
            });
  }

  private void applyProfile(String name) {
    if (name == null) {
      return;
    }
    ScanProfiles.byName(profiles, name)
        .ifPresent(
            p -> {
              showOptions(p.options());
              if (!p.deviceId().isEmpty()) {
                model.useDevice(p.deviceId());
              }
            });
  }

  private void saveProfile() {
    TextInputDialog d = new TextInputDialog(profileBox.getValue());
    d.setHeaderText(ScanTexts.t("scan.profile.name"));
    d.showAndWait().filter(n -> !n.isBlank()).ifPresent(name -> saveProfileAs(name.strip()));
  }

  /** Saves the fields (and the chosen device) as a named profile. */
  public void saveProfileAs(String name) {
    DeviceInfo dev = deviceBox.getValue();
    ScanProfile p = new ScanProfile(name, dev == null ? "" : dev.id(), options());
    profiles.removeIf(x -> x.name().equals(name));
    profiles.add(p);
    writeProfiles(name);
  }

  private void deleteProfile() {
    String name = profileBox.getValue();
    profiles.removeIf(x -> x.name().equals(name));
    writeProfiles(null);
  }

  private void writeProfiles(String select) {
    List<ScanProfile> copy = List.copyOf(profiles);
    profileBox.getItems().setAll(copy.stream().map(ScanProfile::name).toList());
    if (select != null) {
      profileBox.setValue(select);
    }
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                ScanProfiles.save(profilesFile(), copy);
                if (select != null) {
                  Platform.runLater(
                      () -> model.messageProperty().set(ScanTexts.t("scan.profile.saved", select)));
                }
              } catch (IOException e) {
                Platform.runLater(
                    () ->
                        model
                            .messageProperty()
                            .set(ScanTexts.t("scan.profile.failed", e.getMessage())));
              }
            });
  }

  public void close() {
    model.close();
  }

  // ---------------------------------------------------------------------------------------------

  private static final javafx.css.PseudoClass DROP_BEFORE =
      javafx.css.PseudoClass.getPseudoClass("drop-before");
  private static final javafx.css.PseudoClass DROP_AFTER =
      javafx.css.PseudoClass.getPseudoClass("drop-after");

  /** The page being dragged to a new place, or {@code null}. */
  private Long draggedPage;

  private void endDrag() {
    draggedPage = null;
    dragY = Double.NaN;
    dragScroll.stop();
    thumbs.setCursor(null);
  }

  /** Where the dragging pointer is over the list (its y), or NaN outside it. */
  private double dragY = Double.NaN;

  /**
   * While a page is dragged and the pointer rests near the top or bottom edge of the list, the list
   * scrolls towards it, faster nearer the edge: a page can be taken from page 150 to page 10 in one
   * gesture without moving the mouse to and fro.
   */
  private final javafx.animation.Timeline dragScroll =
      new javafx.animation.Timeline(
          new javafx.animation.KeyFrame(
              javafx.util.Duration.millis(40), e -> scrollTowardsThePointer()));

  private void scrollTowardsThePointer() {
    double edge = thumbs.getFixedCellSize() / 2;
    double y = dragY;
    double step = 0;
    if (y < edge) {
      step = -(edge - y);
    } else if (y > thumbs.getHeight() - edge) {
      step = y - (thumbs.getHeight() - edge);
    }
    if (step != 0
        && thumbs.lookup(".virtual-flow")
            instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
      flow.scrollPixels(step / 2);
    }
  }

  /** A thumbnail with its page number, sheet and side, state and badges; drag to reorder. */
  private final class PageCell extends ListCell<PageItem> {
    private final ImageView image = new ImageView();
    private final Label title = new Label();
    private final Label state = new Label();
    private final FlowPane badges = new FlowPane(4, 4);
    private final HBox box;
    private List<String> shownBadges = List.of();

    PageCell() {
      image.setFitHeight(Thumbnails.HEIGHT * 0.8);
      image.setFitWidth(Thumbnails.HEIGHT * 0.8 * 0.71);
      image.setPreserveRatio(true);
      StackPane frame = new StackPane(image);
      frame.getStyleClass().add("thumb-frame");
      frame.setMinSize(Thumbnails.HEIGHT * 0.8 * 0.71 + 8, Thumbnails.HEIGHT * 0.8 + 8);
      state.getStyleClass().add("page-state");
      VBox text = new VBox(4, title, state, badges);
      box = new HBox(10, frame, text);
      box.setAlignment(Pos.CENTER_LEFT);
      getStyleClass().add("page-cell");
      setPrefWidth(0); // follow the list's width: no sideways scrolling
      // Reordering is a press-drag-release gesture inside the window (startFullDrag), not the
      // platform's drag and drop: no system drag loop, no clipboard, and it works the same under
      // a remote desktop or Xvfb. The pointer's half of the cell says before or after it.
      setOnDragDetected(
          e -> {
            if (getItem() != null && e.isPrimaryButtonDown()) {
              draggedPage = getItem().page().id();
              thumbs.setCursor(javafx.scene.Cursor.CLOSED_HAND);
              dragScroll.play();
              startFullDrag();
            }
            e.consume();
          });
      setOnMouseDragOver(
          e -> {
            if (draggedPage != null) {
              showDrop(e.getY() > getHeight() / 2);
            }
          });
      setOnMouseDragExited(e -> clearDrop());
      setOnMouseDragReleased(
          e -> {
            clearDrop();
            Long moved = draggedPage;
            if (moved == null) {
              return;
            }
            endDrag();
            int at = getItem() == null ? thumbs.getItems().size() : getIndex();
            if (getItem() != null && e.getY() > getHeight() / 2) {
              at++;
            }
            Long before =
                at < thumbs.getItems().size() ? thumbs.getItems().get(at).page().id() : null;
            if (!moved.equals(before)) {
              model.move(moved, before);
            }
            e.consume();
          });
    }

    private void showDrop(boolean after) {
      pseudoClassStateChanged(DROP_BEFORE, !after);
      pseudoClassStateChanged(DROP_AFTER, after);
    }

    private void clearDrop() {
      pseudoClassStateChanged(DROP_BEFORE, false);
      pseudoClassStateChanged(DROP_AFTER, false);
    }

    @Override
    protected void updateItem(PageItem item, boolean empty) {
      super.updateItem(item, empty);
      clearDrop(); // a reused cell shows another page now
      if (empty || item == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Page p = item.page();
      image.setImage(item.thumb());
      image.setRotate(p.rotation());
      if (item.thumb() == null) {
        model.thumbnails().request(p);
      }
      String side =
          p.side() == null
              ? ""
              : " "
                  + ScanTexts.t(
                      p.side() == com.dossiercapture.domain.Side.BACK
                          ? "scan.side.back"
                          : "scan.side.front");
      title.setText(
          ScanTexts.t("scan.cell", getIndex() + 1, p.sheet() == null ? "-" : p.sheet(), side));
      state.setText(ScanTexts.t(item.stateKey()) + typeSuffix(item));
      List<String> keys = item.badgeKeys(model.batchCase());
      if (!keys.equals(shownBadges)) {
        // Badges change rarely: new labels (and their CSS pass) only when they do.
        List<Node> b = new ArrayList<>();
        for (String key : keys) {
          Label l = new Label(ScanTexts.t(key));
          l.getStyleClass().addAll("badge", key.substring(key.lastIndexOf('.') + 1));
          b.add(l);
        }
        badges.getChildren().setAll(b);
        shownBadges = keys;
      }
      box.setOpacity(p.isActive() ? 1 : 0.45);
      setGraphic(box);
      setText(null);
    }
  }

  private static final com.dossiercapture.domain.Catalogue CATALOGUE =
      com.dossiercapture.domain.Catalogue.loadDefault();

  private static String typeSuffix(PageItem item) {
    String type = item.result() != null ? item.result().docType() : item.earlyType();
    if (type == null) {
      return "";
    }
    String title =
        switch (type) {
          case com.dossiercapture.domain.Catalogue.SEPARATOR -> ScanTexts.t("scan.badge.separator");
          case com.dossiercapture.domain.Catalogue.BLANK -> ScanTexts.t("scan.badge.blank");
          default ->
              CATALOGUE
                  .entry(type)
                  .map(e -> e.title(com.dossiercapture.app.i18n.Messages.locale()))
                  .orElse(type);
        };
    return " · " + title;
  }
}
