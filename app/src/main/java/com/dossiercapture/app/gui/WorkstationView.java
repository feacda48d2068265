package com.dossiercapture.app.gui;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.CheckReport;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/** The main window's controls, bound to a {@link WorkstationModel}. */
public final class WorkstationView {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final WorkstationModel model;
  private final Stage stage;
  private final BorderPane root = new BorderPane();
  private final ListView<Batch> batchList = new ListView<>();
  private final TableView<WorkstationModel.PageRow> pageTable = new TableView<>();
  private final ImageView preview = new ImageView();
  private final Label previewMessage = new Label();
  private final ProgressBar progress = new ProgressBar(0);
  private final Label progressText = new Label();
  private final java.util.Map<KeyCombination, Runnable> shortcuts = new java.util.LinkedHashMap<>();
  private javafx.scene.Node statusBar;
  private SplitPane split;

  public WorkstationView(WorkstationModel model, Stage stage) {
    this.model = model;
    this.stage = stage;
    build();
  }

  public Parent root() {
    return root;
  }

  private void build() {
    Button importButton = new Button(Messages.get("gui.import"));
    importButton.setId("importButton");
    importButton.setGraphic(
        new org.kordamp.ikonli.javafx.FontIcon(
            org.kordamp.ikonli.materialdesign2.MaterialDesignF.FOLDER_DOWNLOAD));
    importButton.setTooltip(new Tooltip(Messages.get("gui.import.tooltip")));
    importButton.setOnAction(e -> chooseAndImport());
    Button checkButton = new Button(Messages.get("gui.check"));
    checkButton.setId("checkButton");
    checkButton.setGraphic(
        new org.kordamp.ikonli.javafx.FontIcon(
            org.kordamp.ikonli.materialdesign2.MaterialDesignS.SHIELD_CHECK_OUTLINE));
    checkButton.setOnAction(e -> checkStore());
    progress.setVisible(false);
    progress.setPrefWidth(240);
    Button approveButton = new Button(Messages.get("gui.approve"));
    approveButton.setId("approveButton");
    approveButton.setGraphic(
        new org.kordamp.ikonli.javafx.FontIcon(
            org.kordamp.ikonli.materialdesign2.MaterialDesignC.CHECK_DECAGRAM_OUTLINE));
    approveButton.setTooltip(new Tooltip(Messages.get("gui.approve.tooltip")));
    approveButton.setOnAction(e -> approveSelectedBatch());
    approveButton
        .disableProperty()
        .bind(batchList.getSelectionModel().selectedItemProperty().isNull());
    Button exportButton = new Button(Messages.get("gui.export"));
    exportButton.setId("exportButton");
    exportButton.setGraphic(
        new org.kordamp.ikonli.javafx.FontIcon(
            org.kordamp.ikonli.materialdesign2.MaterialDesignF.FILE_PDF_BOX));
    exportButton.setTooltip(new Tooltip(Messages.get("gui.export.tooltip")));
    exportButton.setOnAction(e -> exportSelectedBatch());
    exportButton
        .disableProperty()
        .bind(batchList.getSelectionModel().selectedItemProperty().isNull());
    ToolBar toolbar =
        new ToolBar(importButton, checkButton, approveButton, exportButton, progress, progressText);

    batchList.setId("batchList");
    batchList.setItems(model.batches());
    batchList.setPlaceholder(new Label(Messages.get("gui.noBatches")));
    batchList.setCellFactory(
        lv ->
            new ListCell<>() {
              @Override
              protected void updateItem(Batch b, boolean empty) {
                super.updateItem(b, empty);
                setText(
                    empty || b == null
                        ? null
                        : Messages.get(
                            "gui.batchRow", b.id(), TIME.format(b.createdAt()), b.operator()));
              }
            });
    batchList
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> model.showBatch(b));
    model
        .batches()
        .addListener(
            (javafx.collections.ListChangeListener<Batch>)
                c -> {
                  if (batchList.getSelectionModel().isEmpty() && !model.batches().isEmpty()) {
                    batchList.getSelectionModel().selectFirst();
                  } else if (!batchList.getSelectionModel().isEmpty()) {
                    model.showBatch(batchList.getSelectionModel().getSelectedItem());
                  }
                });
    batchList.setPrefWidth(260);

    pageTable.setId("pageTable");
    pageTable.setItems(model.pages());
    pageTable.setPlaceholder(new Label(Messages.get("gui.noPages")));
    pageTable.getColumns().add(column("gui.col.seq", r -> r.page().seq()));
    pageTable.getColumns().add(column("gui.col.source", r -> r.page().source()));
    pageTable
        .getColumns()
        .add(column("gui.col.size", r -> r.page().width() + "×" + r.page().height()));
    pageTable
        .getColumns()
        .add(column("gui.col.status", r -> Messages.get("page.status." + r.page().status())));
    pageTable.getColumns().add(column("gui.col.type", r -> typeTitle(r.result())));
    pageTable.getColumns().add(column("gui.col.sha", r -> r.page().sha256().substring(0, 12)));
    pageTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    pageTable
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, row) -> showPreview(row));

    preview.setPreserveRatio(true);
    preview.setId("preview");
    previewMessage.setPadding(new Insets(8));
    BorderPane previewPane =
        new BorderPane(new ScrollPane(preview), previewMessage, null, null, null);
    preview.fitWidthProperty().bind(previewPane.widthProperty().subtract(24));

    SplitPane center = new SplitPane(pageTable, previewPane);
    center.setDividerPositions(0.5);

    Label statusLine = new Label();
    statusLine.setId("statusLine");
    statusLine.textProperty().bind(model.statusProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label syncLine = new Label();
    syncLine.setId("syncLine");
    syncLine.textProperty().bind(model.syncProperty());
    HBox statusBar = new HBox(8, statusLine, spacer, syncLine);
    statusBar.setPadding(new Insets(4, 8, 4, 8));

    root.setTop(toolbar);
    root.setLeft(batchList);
    root.setCenter(center);
    this.statusBar = statusBar;
    this.split = center;

    shortcuts.put(
        new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), this::chooseAndImport);
    shortcuts.put(
        new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN),
        this::approveSelectedBatch);
    shortcuts.put(
        new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::exportSelectedBatch);
  }

  /**
   * Runs this view's shortcut for a key press (Ctrl+I import, Ctrl+Enter approve, Ctrl+E export);
   * the main window calls it while the batch view is shown.
   */
  public boolean handleKey(javafx.scene.input.KeyEvent e) {
    for (var entry : shortcuts.entrySet()) {
      if (entry.getKey().match(e)) {
        entry.getValue().run();
        return true;
      }
    }
    return false;
  }

  /** The status line (store, central system), which the main window shows under every station. */
  public javafx.scene.Node statusBar() {
    return statusBar;
  }

  /** The divider between the page table and the preview (remembered by the window). */
  public SplitPane split() {
    return split;
  }

  private static <T> TableColumn<WorkstationModel.PageRow, T> column(
      String key, java.util.function.Function<WorkstationModel.PageRow, T> value) {
    TableColumn<WorkstationModel.PageRow, T> c = new TableColumn<>(Messages.get(key));
    c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
    return c;
  }

  /** The document type as people read it: the catalogue title, or 分隔页 / 空白页. */
  private static String typeTitle(com.dossiercapture.staging.PageResult r) {
    if (r == null || r.docType() == null) {
      return r != null && r.error() != null ? Messages.get("gui.type.error") : "";
    }
    return switch (r.docType()) {
      case com.dossiercapture.domain.Catalogue.SEPARATOR -> Messages.get("gui.type.separator");
      case com.dossiercapture.domain.Catalogue.BLANK -> Messages.get("gui.type.blank");
      default ->
          CATALOGUE.entry(r.docType()).map(e -> e.title(Messages.locale())).orElse(r.docType());
    };
  }

  private static final com.dossiercapture.domain.Catalogue CATALOGUE =
      com.dossiercapture.domain.Catalogue.loadDefault();

  private void showPreview(WorkstationModel.PageRow row) {
    preview.setImage(null);
    if (row == null) {
      previewMessage.setText("");
      return;
    }
    previewMessage.setText(Messages.get("gui.loading"));
    model.loadPreview(
        row.page(),
        img -> {
          preview.setImage(img);
          previewMessage.setText(
              Messages.get(
                  "gui.pageInfo", row.page().seq(), row.page().source(), row.page().sha256()));
        },
        err -> previewMessage.setText(Messages.get("gui.previewFailed", err)));
  }

  private void chooseAndImport() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.get("gui.import.choose"));
    File dir = chooser.showDialog(stage);
    if (dir != null) {
      importFolder(dir.toPath());
    }
  }

  /** Imports a folder as a new batch, showing progress; the window stays responsive. */
  public Task<com.dossiercapture.app.process.BatchProcessor.Summary> importFolder(Path folder) {
    Task<com.dossiercapture.app.process.BatchProcessor.Summary> task =
        model.importFolder(folder, System.getProperty("user.name", "operator"));
    progress.setVisible(true);
    progress.progressProperty().bind(task.progressProperty());
    progressText.textProperty().bind(task.messageProperty());
    task.stateProperty()
        .addListener(
            (o, a, state) -> {
              switch (state) {
                case SUCCEEDED, CANCELLED -> {
                  progress.progressProperty().unbind();
                  progressText.textProperty().unbind();
                  progress.setVisible(false);
                  progressText.setText(Messages.get("gui.imported", folder.getFileName()));
                }
                case FAILED -> {
                  progress.progressProperty().unbind();
                  progressText.textProperty().unbind();
                  progress.setVisible(false);
                  progressText.setText("");
                  new Alert(
                          Alert.AlertType.ERROR,
                          Messages.get(
                              "gui.importFailed", String.valueOf(task.getException().getMessage())))
                      .show();
                }
                default -> {}
              }
            });
    return task;
  }

  private void approveSelectedBatch() {
    Batch batch = batchList.getSelectionModel().getSelectedItem();
    if (batch == null) {
      return;
    }
    progressText.textProperty().unbind();
    progressText.setText(Messages.get("gui.approving"));
    model.approveBatch(
        batch, System.getProperty("user.name", "archivist"), msg -> progressText.setText(msg));
  }

  private void exportSelectedBatch() {
    Batch batch = batchList.getSelectionModel().getSelectedItem();
    if (batch == null) {
      return;
    }
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.get("gui.export.choose"));
    File dir = chooser.showDialog(stage);
    if (dir != null) {
      exportBatchTo(batch, dir.toPath());
    }
  }

  /** Exports the approved dossiers of a batch into a folder and says what was written. */
  void exportBatchTo(Batch batch, Path folder) {
    progressText.textProperty().unbind();
    progressText.setText(Messages.get("gui.exporting"));
    model.exportBatch(
        batch,
        folder,
        System.getProperty("user.name", "archivist"),
        msg -> {
          progressText.setText(msg.lines().findFirst().orElse(""));
          Alert a = new Alert(Alert.AlertType.INFORMATION, msg);
          a.setHeaderText(Messages.get("gui.export"));
          a.show();
        });
  }

  private void checkStore() {
    Task<CheckReport> t =
        new Task<>() {
          @Override
          protected CheckReport call() {
            return model.store().check();
          }
        };
    t.setOnSucceeded(
        e -> {
          CheckReport r = t.getValue();
          Alert a =
              new Alert(
                  r.ok() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                  r.ok()
                      ? Messages.get("gui.check.ok", r.pagesChecked(), r.auditEntries())
                      : Messages.get("gui.check.problems", String.join("\n", r.problems())));
          a.setHeaderText(Messages.get("gui.check"));
          a.show();
        });
    Thread.ofPlatform().daemon().name("check-store").start(t);
  }
}
