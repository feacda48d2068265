package com.dossiercapture.app.gui.review;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.app.review.ApprovalCheck;
import com.dossiercapture.app.review.DossierReview;
import com.dossiercapture.app.review.PageImages;
import com.dossiercapture.app.review.ReviewDocument;
import com.dossiercapture.app.review.ReviewPage;
import com.dossiercapture.app.review.ReviewService;
import com.dossiercapture.app.review.TypeAhead;
import com.dossiercapture.app.review.WordBoxes;
import com.dossiercapture.domain.CatalogueEntry;
import com.dossiercapture.staging.StagingStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The archivist's verification station (审核, 左看右写): a queue of dossiers; the open dossier's
 * catalogue tree in the standard order; the page image on the left, its OCR text and fields on the
 * right; keyboard first (F1 lists the keys). Every store access runs on the given executor and
 * reaches the FX thread through {@link Platform#runLater}; every rule is in {@link ReviewService}.
 *
 * <p>The shell shows {@link #node()} as its 审核 tab and calls {@link #refresh()} when the tab is
 * selected.
 */
public final class ReviewStation {

  /** A row of the catalogue tree. */
  sealed interface Row permits DocRow, PageRow, GroupRow {}

  record DocRow(ReviewDocument document) implements Row {}

  record PageRow(ReviewPage page, int position) implements Row {}

  record GroupRow(String label) implements Row {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReviewService service;
  private final StagingStore store;
  private final Executor io;
  private final String actor;

  private final StackPane root = new StackPane();
  private final BorderPane main = new BorderPane();
  private final StackPane overlayLayer = new StackPane();
  private final ListView<ReviewService.QueueEntry> queue = new ListView<>();
  private final TreeTableView<Row> tree = new TreeTableView<>();
  private final PageImagePane image = new PageImagePane();
  private final Label dossierLabel = new Label();
  private final Label pageLabel = new Label();
  private final Label status = new Label();
  private final VBox checks = new VBox(2);
  private final VBox text = new VBox(4);
  private final ScrollPane textScroll = new ScrollPane(text);
  private final Label typeValue = value("reviewFieldType");
  private final Label caseValue = value("reviewFieldCaseNumber");
  private final Label casePrintedValue = value("reviewFieldCaseNumberPrinted");
  private final Label partiesValue = value("reviewFieldParties");
  private final Label dateValue = value("reviewFieldDate");
  private final Label confidenceValue = value("reviewFieldConfidence");
  private final Label warningsValue = value("reviewFieldWarnings");
  private final Label stateValue = value("reviewFieldState");
  private final List<Label> wordLabels = new ArrayList<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  private volatile TypeAhead typeAhead;
  private DossierReview review;
  private Long currentPageId;
  private long shownImagePage = -1;
  private int imageRequest;
  private int selectedWord = -1;
  private boolean updatingTree;
  private boolean helpShown;

  /**
   * A station on that store with the default catalogue and confidence threshold.
   *
   * @param io runs every store access (a single background thread is best: corrections are then
   *     applied in the order they were asked for)
   * @param actor the archivist's name, recorded with every correction and the approval
   */
  public ReviewStation(StagingStore store, Executor io, String actor) {
    this(new ReviewService(store), store, io, actor);
  }

  /** A station using that service (its catalogue and threshold). */
  public ReviewStation(ReviewService service, StagingStore store, Executor io, String actor) {
    this.service = Objects.requireNonNull(service, "service");
    this.store = Objects.requireNonNull(store, "store");
    this.io = new SerialExecutor(Objects.requireNonNull(io, "io"));
    this.actor = Objects.requireNonNull(actor, "actor");
    build();
    run(() -> new TypeAhead(service.catalogue()), t -> typeAhead = t);
  }

  /** The station's view, to put into a tab. */
  public Node node() {
    return root;
  }

  /** True while store work the station asked for is running (tests wait for false). */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Reloads the queue and the open dossier from the store. */
  public void refresh() {
    run(service::queue, this::showQueue);
    if (review != null) {
      shownImagePage = -1; // the operator may have turned or replaced the page meanwhile
      open(review.dossier().id());
    }
  }

  /** Opens a dossier for review. */
  public void open(long dossierId) {
    status.setText(ReviewTexts.get("review.loading"));
    Long keep = currentPageId;
    run(
        () -> service.load(dossierId),
        r -> {
          boolean same = review != null && review.dossier().id() == dossierId;
          show(r, same ? keep : null);
          status.setText("");
          tree.requestFocus();
        });
  }

  // ---------------------------------------------------------------------------------------------
  // For tests

  DossierReview review() {
    return review;
  }

  Long currentPageId() {
    return currentPageId;
  }

  PageImagePane imagePane() {
    return image;
  }

  int selectedWord() {
    return selectedWord;
  }

  // ---------------------------------------------------------------------------------------------
  // Layout

  private void build() {
    root.setId("reviewStation");
    root.getStyleClass().add("review-station");

    Label title = new Label(ReviewTexts.get("review.title"));
    title.setFont(Font.font(null, FontWeight.BOLD, 14));
    dossierLabel.setId("reviewDossier");
    Button refresh =
        button("reviewRefresh", "review.button.refresh", new FontIcon(MaterialDesignR.REFRESH));
    refresh.setOnAction(e -> refresh());
    Button zoomOut =
        button(
            "reviewZoomOut", "review.button.zoomOut", new FontIcon(MaterialDesignM.MAGNIFY_MINUS));
    zoomOut.setOnAction(e -> image.zoomBy(1 / 1.25));
    Button zoomIn =
        button("reviewZoomIn", "review.button.zoomIn", new FontIcon(MaterialDesignM.MAGNIFY_PLUS));
    zoomIn.setOnAction(e -> image.zoomBy(1.25));
    Button fit =
        button(
            "reviewFitWidth",
            "review.button.fitWidth",
            new FontIcon(MaterialDesignA.ARROW_EXPAND_HORIZONTAL));
    fit.setOnAction(e -> image.fitWidth());
    Button rotate =
        button("reviewRotate", "review.button.rotate", new FontIcon(MaterialDesignR.ROTATE_RIGHT));
    rotate.setOnAction(e -> image.rotateView());
    Button help =
        button("reviewHelpButton", "review.button.help", new FontIcon(MaterialDesignK.KEYBOARD));
    help.setOnAction(e -> toggleHelp());
    Button retrain =
        button("reviewRetrain", "review.button.retrain", new FontIcon(MaterialDesignS.SCHOOL));
    retrain.setOnAction(e -> retrain());
    Button approve =
        new Button(
            ReviewTexts.get("review.button.approve") + " (Ctrl+Enter)",
            new FontIcon(MaterialDesignC.CHECK_DECAGRAM));
    approve.setId("reviewApprove");
    approve.getStyleClass().add("accent");
    approve.setOnAction(e -> approve());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    ToolBar bar =
        new ToolBar(
            title,
            dossierLabel,
            spacer,
            pageLabel,
            zoomOut,
            zoomIn,
            fit,
            rotate,
            retrain,
            refresh,
            help,
            approve);
    pageLabel.setId("reviewPagePosition");

    // left: queue above the catalogue tree
    queue.setId("reviewQueue");
    queue.setPlaceholder(new Label(ReviewTexts.get("review.queue.empty")));
    queue.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(ReviewService.QueueEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(
                    empty || e == null
                        ? null
                        : ReviewTexts.get(
                            "review.queue.entry",
                            e.dossier().caseNumber(),
                            statusText(e.dossier().status()),
                            e.pages(),
                            e.documents(),
                            e.toReview(),
                            e.batchIds().stream()
                                .map(id -> "#" + id)
                                .collect(java.util.stream.Collectors.joining(", "))));
              }
            });
    queue.setOnMouseClicked(
        e -> {
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            openSelected();
          }
        });
    Label queueTitle = new Label(ReviewTexts.get("review.queue"));
    VBox queueBox = new VBox(4, queueTitle, queue);
    VBox.setVgrow(queue, Priority.ALWAYS);
    queueBox.setPadding(new Insets(4));

    buildTree();
    SplitPane left = new SplitPane(queueBox, tree);
    left.setOrientation(Orientation.VERTICAL);
    left.setDividerPositions(0.25);

    // right: fields and text
    GridPane fields = new GridPane();
    fields.setHgap(8);
    fields.setVgap(4);
    fields.setId("reviewFields");
    int row = 0;
    for (var f :
        List.of(
            new Object[] {"review.field.type", typeValue},
            new Object[] {"review.field.caseNumber", caseValue},
            new Object[] {"review.field.caseNumberPrinted", casePrintedValue},
            new Object[] {"review.field.parties", partiesValue},
            new Object[] {"review.field.date", dateValue},
            new Object[] {"review.field.confidence", confidenceValue},
            new Object[] {"review.field.warnings", warningsValue},
            new Object[] {"review.field.state", stateValue})) {
      Label name = new Label(ReviewTexts.get((String) f[0]));
      name.setMinWidth(Region.USE_PREF_SIZE);
      name.getStyleClass().add("text-muted");
      fields.addRow(row++, name, (Label) f[1]);
    }
    text.setId("reviewText");
    text.setPadding(new Insets(6));
    textScroll.setFitToWidth(true);
    Label textTitle = new Label(ReviewTexts.get("review.text"));
    textTitle.getStyleClass().add("text-muted");
    VBox right = new VBox(8, fields, textTitle, textScroll);
    VBox.setVgrow(textScroll, Priority.ALWAYS);
    right.setPadding(new Insets(8));
    right.setMinWidth(260);

    SplitPane centre = new SplitPane(left, image.node(), right);
    centre.setDividerPositions(0.3, 0.66);

    status.setId("reviewStatus");
    status.setWrapText(true);
    checks.setId("reviewChecks");
    VBox bottom = new VBox(2, status, checks);
    bottom.setPadding(new Insets(4, 8, 6, 8));

    main.setTop(bar);
    main.setCenter(centre);
    main.setBottom(bottom);

    overlayLayer.setVisible(false);
    overlayLayer.setStyle("-fx-background-color: rgba(0,0,0,0.25);");
    overlayLayer.setOnMouseClicked(
        e -> {
          if (e.getTarget() == overlayLayer) {
            hideOverlay();
          }
        });
    root.getChildren().addAll(main, overlayLayer);
    root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    root.addEventFilter(
        KeyEvent.KEY_TYPED,
        e -> {
          // "?" is a typed character (Shift+/ on most layouts, elsewhere on others)
          if ("?".equals(e.getCharacter()) && (!overlayLayer.isVisible() || helpShown)) {
            toggleHelp();
            e.consume();
          }
        });

    image.onWordClicked(this::selectWord);
    showFields(null);
    image.showMessage(ReviewTexts.get("review.noDossier"));
  }

  private void buildTree() {
    tree.setId("reviewTree");
    tree.setShowRoot(false);
    tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TreeTableColumn<Row, String> title =
        new TreeTableColumn<>(ReviewTexts.get("review.tree.title"));
    title.setPrefWidth(220);
    title.setCellValueFactory(
        c -> new javafx.beans.property.ReadOnlyStringWrapper(titleOf(c.getValue().getValue())));
    TreeTableColumn<Row, String> pages =
        new TreeTableColumn<>(ReviewTexts.get("review.tree.pages"));
    pages.setPrefWidth(60);
    pages.setCellValueFactory(
        c -> new javafx.beans.property.ReadOnlyStringWrapper(pagesOf(c.getValue().getValue())));
    TreeTableColumn<Row, String> date = new TreeTableColumn<>(ReviewTexts.get("review.tree.date"));
    date.setPrefWidth(90);
    date.setCellValueFactory(
        c -> new javafx.beans.property.ReadOnlyStringWrapper(dateOf(c.getValue().getValue())));
    TreeTableColumn<Row, String> conf =
        new TreeTableColumn<>(ReviewTexts.get("review.tree.confidence"));
    conf.setPrefWidth(60);
    conf.setCellValueFactory(
        c ->
            new javafx.beans.property.ReadOnlyStringWrapper(confidenceOf(c.getValue().getValue())));
    tree.getColumns().setAll(List.of(title, pages, date, conf));
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (updatingTree || now == null) {
                return;
              }
              switch (now.getValue()) {
                case PageRow p -> selectPage(p.page().id());
                case DocRow d -> selectPage(d.document().pageIds().getFirst());
                case GroupRow g -> {}
              }
            });
  }

  private static Label value(String id) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    return l;
  }

  private static Button button(String id, String key, FontIcon icon) {
    Button b = new Button(null, icon);
    b.setId(id);
    b.setTooltip(new Tooltip(ReviewTexts.get(key)));
    b.setFocusTraversable(false);
    return b;
  }

  // ---------------------------------------------------------------------------------------------
  // Showing

  private void showQueue(List<ReviewService.QueueEntry> entries) {
    var selected = queue.getSelectionModel().getSelectedItem();
    queue.getItems().setAll(entries);
    if (selected != null) {
      for (var e : entries) {
        if (e.dossier().id() == selected.dossier().id()) {
          queue.getSelectionModel().select(e);
        }
      }
    }
  }

  /** Keeps the queue's line of the open dossier up to date without reloading the whole queue. */
  private void updateQueueEntry(DossierReview r) {
    var items = queue.getItems();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).dossier().id() == r.dossier().id()) {
        var old = items.get(i);
        int toReview = (int) r.pages().stream().filter(service.checks()::needsReview).count();
        var now =
            new ReviewService.QueueEntry(
                r.dossier(), old.batchIds(), r.pages().size(), r.documents().size(), toReview);
        if (!now.equals(old)) {
          boolean selected = queue.getSelectionModel().getSelectedIndex() == i;
          items.set(i, now);
          if (selected) {
            queue.getSelectionModel().select(i);
          }
        }
        return;
      }
    }
  }

  private void openSelected() {
    var e = queue.getSelectionModel().getSelectedItem();
    if (e != null) {
      open(e.dossier().id());
    }
  }

  private void show(DossierReview r, Long selectPageId) {
    this.review = r;
    dossierLabel.setText(
        ReviewTexts.get(
            "review.dossier",
            r.dossier().caseNumber(),
            statusText(r.dossier().status()),
            r.dossier().version()));
    TreeItem<Row> rootItem = new TreeItem<>(new GroupRow(""));
    for (ReviewDocument d : r.documents()) {
      TreeItem<Row> di = new TreeItem<>(new DocRow(d));
      di.setExpanded(true);
      for (long id : d.pageIds()) {
        r.page(id)
            .ifPresent(
                p -> di.getChildren().add(new TreeItem<>(new PageRow(p, r.indexOf(id) + 1))));
      }
      rootItem.getChildren().add(di);
    }
    List<ReviewPage> loose = r.pages().stream().filter(p -> p.documentId() == null).toList();
    if (!loose.isEmpty()) {
      TreeItem<Row> gi = new TreeItem<>(new GroupRow(ReviewTexts.get("review.tree.unassigned")));
      gi.setExpanded(true);
      for (ReviewPage p : loose) {
        gi.getChildren().add(new TreeItem<>(new PageRow(p, r.indexOf(p.id()) + 1)));
      }
      rootItem.getChildren().add(gi);
    }
    updatingTree = true;
    try {
      tree.setRoot(rootItem);
    } finally {
      updatingTree = false;
    }
    showChecks(service.check(r), false);
    updateQueueEntry(r);
    Long target = selectPageId;
    if (target == null || r.page(target).isEmpty()) {
      target = r.pages().isEmpty() ? null : r.pages().getFirst().id();
    }
    if (target != null) {
      selectPage(target);
    } else {
      showFields(null);
      image.showMessage(ReviewTexts.get("review.page.none"));
    }
  }

  private void selectPage(long pageId) {
    if (review == null) {
      return;
    }
    Optional<ReviewPage> page = review.page(pageId);
    if (page.isEmpty()) {
      return;
    }
    currentPageId = pageId;
    selectInTree(pageId);
    ReviewPage p = page.get();
    pageLabel.setText(
        ReviewTexts.get("review.page.position", review.indexOf(pageId) + 1, review.pages().size()));
    showFields(p);
    if (shownImagePage != pageId) {
      loadImage(p); // the same page keeps its image, zoom and selected word across corrections
    }
  }

  private void selectInTree(long pageId) {
    if (tree.getRoot() == null) {
      return;
    }
    for (TreeItem<Row> group : tree.getRoot().getChildren()) {
      for (TreeItem<Row> item : group.getChildren()) {
        if (item.getValue() instanceof PageRow pr && pr.page().id() == pageId) {
          updatingTree = true;
          try {
            tree.getSelectionModel().select(item);
            int index = tree.getRow(item);
            if (index >= 0) {
              tree.scrollTo(Math.max(0, index - 3));
            }
          } finally {
            updatingTree = false;
          }
          return;
        }
      }
    }
  }

  private void showFields(ReviewPage p) {
    String none = ReviewTexts.get("review.field.none");
    if (p == null) {
      for (Label l :
          List.of(
              typeValue,
              caseValue,
              casePrintedValue,
              partiesValue,
              dateValue,
              confidenceValue,
              warningsValue,
              stateValue)) {
        l.setText(none);
      }
      text.getChildren().clear();
      return;
    }
    var r = p.result();
    typeValue.setText(
        p.docType() == null
            ? none
            : service
                .catalogue()
                .entry(p.docType())
                .map(e -> e.title(Messages.locale()) + "  (" + e.code() + ")")
                .orElse(p.docType()));
    caseValue.setText(r == null || r.caseNumber() == null ? none : r.caseNumber());
    casePrintedValue.setText(
        r == null || r.caseNumberPrinted() == null ? none : r.caseNumberPrinted());
    var f = p.fields();
    partiesValue.setText(
        f.plaintiffs().isEmpty() && f.defendants().isEmpty()
            ? none
            : ReviewTexts.get(
                "review.field.partiesValue",
                f.plaintiffs().isEmpty() ? none : String.join("、", f.plaintiffs()),
                f.defendants().isEmpty() ? none : String.join("、", f.defendants())));
    dateValue.setText(f.documentDate() == null ? none : f.documentDate().toString());
    confidenceValue.setText(p.confidence() == null ? none : Math.round(p.confidence() * 100) + "%");
    warningsValue.setText(warnings(r == null ? null : r.warningsJson(), none));
    List<String> state = new ArrayList<>();
    state.add(ReviewTexts.get(p.reviewed() ? "review.page.reviewed" : "review.page.toReview"));
    if (p.blank()) {
      state.add(ReviewTexts.get("review.page.blank"));
    }
    if (p.documentStart()) {
      state.add(ReviewTexts.get("review.field.documentStart"));
    }
    stateValue.setText(String.join(" · ", state));
    stateValue.setStyle(
        service.checks().needsReview(p) ? "-fx-text-fill: #c62828; -fx-font-weight: bold;" : "");
  }

  private static String warnings(String json, String none) {
    if (json == null || json.isBlank()) {
      return none;
    }
    try {
      JsonNode n = JSON.readTree(json);
      if (n.isArray()) {
        List<String> out = new ArrayList<>();
        n.forEach(w -> out.add(w.isTextual() ? w.asText() : w.toString()));
        return out.isEmpty() ? none : String.join("\n", out);
      }
      return n.toString();
    } catch (IOException e) {
      return json;
    }
  }

  private void loadImage(ReviewPage p) {
    int request = ++imageRequest;
    shownImagePage = p.id();
    selectedWord = -1;
    text.getChildren().setAll(new Label(ReviewTexts.get("review.loading")));
    run(
        () -> {
          WordBoxes words = WordBoxes.parse(p.result() == null ? null : p.result().wordsJson());
          try {
            PageImages.Display d = PageImages.load(store, p.page(), p.result(), words);
            Image fx = SwingFXUtils.toFXImage(d.image(), null);
            return new LoadedImage(words, fx, d.boxScale(), null);
          } catch (IOException | RuntimeException e) {
            return new LoadedImage(words, null, 1, e.getMessage());
          }
        },
        loaded -> {
          if (request != imageRequest) {
            return; // the archivist moved on
          }
          if (loaded.image() != null) {
            image.show(loaded.image(), loaded.words(), loaded.boxScale(), p.page().rotation());
          } else {
            image.showMessage(ReviewTexts.get("review.image.error", loaded.error()));
          }
          showText(p, loaded.words());
        });
  }

  private record LoadedImage(WordBoxes words, Image image, double boxScale, String error) {}

  private void showText(ReviewPage p, WordBoxes words) {
    text.getChildren().clear();
    wordLabels.clear();
    if (words.words().isEmpty()) {
      String t = p.result() == null ? null : p.result().text();
      Label l = new Label(t == null || t.isBlank() ? ReviewTexts.get("review.text.none") : t);
      l.setWrapText(true);
      text.getChildren().add(l);
      return;
    }
    FlowPane line = null;
    int lineNo = -1;
    String previous = "";
    for (WordBoxes.Word w : words.words()) {
      if (line == null || w.line() != lineNo) {
        line = new FlowPane(0, 2);
        lineNo = w.line();
        text.getChildren().add(line);
        previous = "";
      }
      Label l = new Label(w.text());
      l.setId("word-" + w.index());
      l.getStyleClass().add("review-word");
      // Chinese is written without spaces: only two Latin or digit words get a gap between them.
      boolean gap = latinEnd(previous) && latinStart(w.text());
      l.setPadding(new Insets(1, 0, 1, gap ? 5 : 0));
      previous = w.text();
      int index = w.index();
      l.setOnMouseClicked(e -> selectWord(index));
      wordLabels.add(l);
      line.getChildren().add(l);
    }
  }

  private static boolean latinEnd(String s) {
    return !s.isEmpty() && s.charAt(s.length() - 1) < 0x2E80;
  }

  private static boolean latinStart(String s) {
    return !s.isEmpty() && s.charAt(0) < 0x2E80;
  }

  /** Selects a word in the text and highlights its box on the image. */
  private void selectWord(int index) {
    if (selectedWord >= 0 && selectedWord < wordLabels.size()) {
      wordLabels.get(selectedWord).setStyle("");
    }
    selectedWord = index;
    if (index >= 0 && index < wordLabels.size()) {
      Label l = wordLabels.get(index);
      l.setStyle("-fx-background-color: #ffd600; -fx-background-radius: 3;");
      double y = l.localToScene(0, 0).getY() - text.localToScene(0, 0).getY();
      double h = text.getHeight() - textScroll.getViewportBounds().getHeight();
      if (h > 0) {
        textScroll.setVvalue(Math.max(0, Math.min(1, (y - 40) / h)));
      }
    }
    image.select(index);
  }

  private void showChecks(List<ApprovalCheck> failed, boolean emphasise) {
    checks.getChildren().clear();
    for (ApprovalCheck c : failed) {
      Label l = new Label("• " + ReviewTexts.get(c.messageKey(), c.args().toArray()));
      l.getStyleClass().add("review-check");
      l.setWrapText(true);
      l.setStyle(
          emphasise ? "-fx-text-fill: #c62828; -fx-font-weight: bold;" : "-fx-text-fill: #8d6e00;");
      checks.getChildren().add(l);
    }
  }

  private static String statusText(String status) {
    String t = ReviewTexts.get("review.status." + status);
    return t.startsWith("!") ? status : t;
  }

  private static String titleOf(Row row) {
    return switch (row) {
      case DocRow d ->
          ReviewTexts.get(
              "review.tree.document",
              d.document().document().ordinal(),
              d.document().document().title() == null
                  ? d.document().document().docType()
                  : d.document().document().title());
      case PageRow p ->
          ReviewTexts.get("review.tree.page", p.position())
              + (p.page().blank() ? "  " + ReviewTexts.get("review.page.blank") : "")
              + (p.page().reviewed() ? "  ✓" : "");
      case GroupRow g -> g.label();
    };
  }

  private static String pagesOf(Row row) {
    return switch (row) {
      case DocRow d ->
          d.document().firstPage() == d.document().lastPage()
              ? Integer.toString(d.document().firstPage())
              : d.document().firstPage() + "–" + d.document().lastPage();
      case PageRow p -> Integer.toString(p.position());
      case GroupRow g -> "";
    };
  }

  private static String dateOf(Row row) {
    return switch (row) {
      case DocRow d -> d.document().date() == null ? "" : d.document().date().toString();
      case PageRow p ->
          p.page().fields().documentDate() == null
              ? ""
              : p.page().fields().documentDate().toString();
      case GroupRow g -> "";
    };
  }

  private static String confidenceOf(Row row) {
    Double c =
        switch (row) {
          case DocRow d -> d.document().confidence();
          case PageRow p -> p.page().confidence();
          case GroupRow g -> null;
        };
    return c == null ? "" : Math.round(c * 100) + "%";
  }

  // ---------------------------------------------------------------------------------------------
  // Keyboard

  private void onKey(KeyEvent e) {
    if (overlayLayer.isVisible()) {
      return; // the open overlay handles its own keys
    }
    boolean plain = !e.isControlDown() && !e.isAltDown() && !e.isMetaDown();
    if (e.getCode() == KeyCode.F1) {
      toggleHelp();
      e.consume();
      return;
    }
    if (e.getCode() == KeyCode.ENTER && queue.isFocused()) {
      openSelected();
      e.consume();
      return;
    }
    if (e.getCode() == KeyCode.ENTER && (e.isControlDown() || e.isShortcutDown())) {
      approve();
      e.consume();
      return;
    }
    if (!plain) {
      return;
    }
    switch (e.getCode()) {
      case PLUS, EQUALS, ADD -> image.zoomBy(1.25);
      case MINUS, SUBTRACT -> image.zoomBy(1 / 1.25);
      case F -> image.fitWidth();
      case R -> image.rotateView();
      default -> {
        if (review == null || currentPageId == null) {
          return;
        }
        switch (e.getCode()) {
          case ENTER -> accept();
          case T -> showTypePicker();
          case S -> correct((s, d, p) -> s.split(d, p, actor), "review.done.split", position());
          case M -> correct((s, d, p) -> s.merge(d, p, actor), "review.done.merge");
          case B -> toggleBlank();
          case N -> nextToReview();
          case C -> showCaseNumberEditor();
          case PAGE_DOWN -> step(1);
          case PAGE_UP -> step(-1);
          default -> {
            return;
          }
        }
      }
    }
    e.consume();
  }

  private long dossier() {
    return review.dossier().id();
  }

  private int position() {
    return review.indexOf(currentPageId) + 1;
  }

  private void step(int delta) {
    int i = review.indexOf(currentPageId) + delta;
    if (i >= 0 && i < review.pages().size()) {
      selectPage(review.pages().get(i).id());
    }
  }

  private void nextToReview() {
    service
        .nextToReview(review, currentPageId)
        .ifPresentOrElse(
            p -> {
              selectPage(p.id());
              status.setText("");
            },
            () -> status.setText(ReviewTexts.get("review.next.none")));
  }

  private void accept() {
    long pageId = currentPageId;
    long dossierId = dossier();
    int at = position();
    run(
        () -> service.accept(dossierId, pageId, actor),
        o -> {
          int next = o.review().indexOf(pageId) + 1;
          Long target =
              next > 0 && next < o.review().pages().size()
                  ? o.review().pages().get(next).id()
                  : pageId;
          show(o.review(), target);
          status.setText(
              o.applied()
                  ? ReviewTexts.get("review.done.accept", at)
                  : ReviewTexts.get(o.messageKey(), o.args().toArray()));
        });
  }

  private void toggleBlank() {
    boolean blank = review.page(currentPageId).map(ReviewPage::blank).orElse(false);
    correct(
        (s, d, p) -> s.toggleBlank(d, p, actor),
        blank ? "review.done.unblank" : "review.done.blank",
        position());
  }

  /** A correction of the current page of the open dossier. */
  private interface Correction {
    ReviewService.Outcome apply(ReviewService service, long dossierId, long pageId);
  }

  /** Runs a correction in the background and shows the dossier as it then is. */
  private void correct(Correction op, String doneKey, Object... args) {
    long pageId = currentPageId;
    long dossierId = dossier();
    run(
        () -> op.apply(service, dossierId, pageId),
        o -> {
          show(o.review(), pageId);
          status.setText(
              o.applied()
                  ? ReviewTexts.get(doneKey, args)
                  : ReviewTexts.get(o.messageKey(), o.args().toArray()));
        });
  }

  private void approve() {
    if (review == null) {
      status.setText(ReviewTexts.get("review.noDossier"));
      return;
    }
    long id = dossier();
    String caseNumber = review.dossier().caseNumber();
    run(
        () -> service.approve(id, actor),
        o -> {
          if (!o.failed().isEmpty()) {
            status.setText(ReviewTexts.get("review.checks.title", caseNumber));
            showChecks(o.failed(), true);
            return;
          }
          var d = o.approved().dossier();
          status.setText(
              ReviewTexts.get(
                  o.approved().alreadyApproved()
                      ? "review.done.alreadyApproved"
                      : "review.done.approved",
                  d.caseNumber(),
                  d.version()));
          refreshAfterApproval(id);
        });
  }

  private void refreshAfterApproval(long id) {
    run(service::queue, this::showQueue);
    Long keep = currentPageId;
    run(
        () -> service.load(id),
        r -> {
          String s = status.getText();
          show(r, keep);
          status.setText(s);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Overlays: type picker, case number editor, help

  private void showOverlay(Region content, Node focus) {
    content.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    content.setPadding(new Insets(14));
    content.setStyle(
        "-fx-background-color: -fx-background; -fx-background-radius: 6;"
            + " -fx-border-color: #9e9e9e; -fx-border-radius: 6;"
            + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.3), 16, 0, 0, 4);");
    StackPane.setAlignment(content, Pos.CENTER);
    // Children change only while the layer is visible: changing an invisible parent's children can
    // leave JavaFX's cached bounds inconsistent (IndexOutOfBounds in Parent.updateCachedBounds).
    overlayLayer.setVisible(true);
    overlayLayer.getChildren().setAll(content);
    focus.requestFocus();
  }

  private void hideOverlay() {
    helpShown = false;
    overlayLayer.getChildren().clear();
    overlayLayer.setVisible(false);
    tree.requestFocus();
  }

  private void showTypePicker() {
    TypeAhead ahead = typeAhead;
    if (ahead == null) {
      ahead = new TypeAhead(service.catalogue());
      typeAhead = ahead;
    }
    TypeAhead matcher = ahead;
    TextField search = new TextField();
    search.setId("reviewTypeSearch");
    search.setPromptText(ReviewTexts.get("review.picker.prompt"));
    search.setPrefColumnCount(28);
    ListView<CatalogueEntry> list = new ListView<>();
    list.setId("reviewTypeList");
    list.setPrefHeight(280);
    list.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(CatalogueEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(
                    empty || e == null
                        ? null
                        : e.order()
                            + ". "
                            + e.title()
                            + "   "
                            + e.titleEn()
                            + "  ("
                            + e.code()
                            + ")");
              }
            });
    list.getItems().setAll(matcher.match(""));
    String currentType = review.page(currentPageId).map(ReviewPage::docType).orElse(null);
    list.getItems().stream()
        .filter(e -> e.code().equals(currentType))
        .findFirst()
        .ifPresentOrElse(
            list.getSelectionModel()::select, () -> list.getSelectionModel().selectFirst());
    search
        .textProperty()
        .addListener(
            (o, was, now) -> {
              list.getItems().setAll(matcher.match(now));
              list.getSelectionModel().selectFirst();
              list.scrollTo(0);
            });
    Runnable choose =
        () -> {
          CatalogueEntry e = list.getSelectionModel().getSelectedItem();
          if (e == null) {
            return;
          }
          hideOverlay();
          String title = e.title(Messages.locale());
          correct((s, d, p) -> s.changeType(d, p, e.code(), actor), "review.done.type", title);
        };
    search.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          switch (e.getCode()) {
            case DOWN -> {
              list.getSelectionModel().selectNext();
              list.scrollTo(list.getSelectionModel().getSelectedIndex());
              e.consume();
            }
            case UP -> {
              list.getSelectionModel().selectPrevious();
              list.scrollTo(list.getSelectionModel().getSelectedIndex());
              e.consume();
            }
            case ENTER -> {
              choose.run();
              e.consume();
            }
            case ESCAPE -> {
              hideOverlay();
              e.consume();
            }
            default -> {}
          }
        });
    list.setOnMouseClicked(
        e -> {
          if (e.getClickCount() == 2) {
            choose.run();
          }
        });
    list.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            choose.run();
          } else if (e.getCode() == KeyCode.ESCAPE) {
            hideOverlay();
          }
        });
    Label title = new Label(ReviewTexts.get("review.picker.title"));
    title.setFont(Font.font(null, FontWeight.BOLD, 14));
    Label hint = new Label(ReviewTexts.get("review.picker.hint"));
    hint.getStyleClass().add("text-muted");
    VBox box = new VBox(8, title, search, list, hint);
    box.setId("reviewTypePicker");
    box.setPrefWidth(460);
    showOverlay(box, search);
  }

  private void showCaseNumberEditor() {
    ReviewPage p = review.page(currentPageId).orElseThrow();
    TextField input = new TextField();
    input.setId("reviewCaseNumberInput");
    input.setPromptText(ReviewTexts.get("review.caseNumber.prompt"));
    input.setPrefColumnCount(26);
    String current =
        p.result() == null
            ? null
            : p.result().caseNumber() != null
                ? p.result().caseNumber()
                : review.dossier().caseNumber();
    input.setText(current == null ? "" : current);
    input.selectAll();
    Label error = new Label();
    error.setId("reviewCaseNumberError");
    error.setStyle("-fx-text-fill: #c62828;");
    error.setWrapText(true);
    long pageId = p.id();
    long dossierId = dossier();
    input.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE) {
            hideOverlay();
            e.consume();
          } else if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            String typed = input.getText();
            run(
                () -> service.fixCaseNumber(dossierId, pageId, typed, actor),
                o -> {
                  if ("review.refused.caseNumber".equals(o.messageKey())) {
                    error.setText(ReviewTexts.get(o.messageKey(), o.args().toArray()));
                    return;
                  }
                  hideOverlay();
                  show(o.review(), pageId);
                  status.setText(
                      o.applied()
                          ? ReviewTexts.get(
                              "review.done.caseNumber",
                              o.review()
                                  .page(pageId)
                                  .map(q -> q.result().caseNumber())
                                  .orElse(typed))
                          : ReviewTexts.get(o.messageKey(), o.args().toArray()));
                });
          }
        });
    Label title = new Label(ReviewTexts.get("review.caseNumber.title"));
    title.setFont(Font.font(null, FontWeight.BOLD, 14));
    Label hint = new Label(ReviewTexts.get("review.caseNumber.hint"));
    hint.getStyleClass().add("text-muted");
    VBox box = new VBox(8, title, input, error, hint);
    box.setId("reviewCaseNumberEditor");
    box.setPrefWidth(460);
    showOverlay(box, input);
  }

  private void toggleHelp() {
    if (overlayLayer.isVisible()) {
      hideOverlay();
      return;
    }
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(6);
    String[][] keys = {
      {"Enter", "review.key.accept"},
      {"T", "review.key.type"},
      {"S", "review.key.split"},
      {"M", "review.key.merge"},
      {"B", "review.key.blank"},
      {"N", "review.key.next"},
      {"C", "review.key.caseNumber"},
      {"Ctrl+Enter", "review.key.approve"},
      {"PgUp / PgDn", "review.key.pages"},
      {"+ / -", "review.key.zoom"},
      {"F", "review.key.fit"},
      {"R", "review.key.rotate"},
      {"F1 / ?", "review.key.help"},
    };
    int row = 0;
    for (String[] k : keys) {
      Label key = new Label(k[0]);
      key.setStyle(
          "-fx-font-family: monospace; -fx-font-weight: bold; -fx-padding: 1 6 1 6;"
              + " -fx-border-color: #9e9e9e; -fx-border-radius: 3;");
      grid.addRow(row++, key, new Label(ReviewTexts.get(k[1])));
    }
    Label title = new Label(ReviewTexts.get("review.help.title"));
    title.setFont(Font.font(null, FontWeight.BOLD, 14));
    Button close = new Button(ReviewTexts.get("review.help.close"));
    close.setOnAction(e -> hideOverlay());
    VBox box = new VBox(10, title, grid, close);
    box.setId("reviewHelp");
    box.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.F1) {
            hideOverlay();
            e.consume();
          }
        });
    showOverlay(box, close);
    helpShown = true;
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Retrains the document-type model from the corrections archivists made in this store (the same
   * service as {@code classifier retrain}); the pipeline uses the new version for later batches.
   */
  private void retrain() {
    status.setText(ReviewTexts.get("review.retrain.running"));
    run(
        () ->
            com.dossiercapture.app.process.ClassifierTrainingService.defaults()
                .retrain(store, actor),
        r ->
            status.setText(
                ReviewTexts.get(
                    "review.retrain.done",
                    r.saved().version(),
                    r.corrected(),
                    Math.round(r.metrics().docTypeAccuracy() * 1000) / 10.0)));
  }

  /** Runs store work on the executor and hands its result to the FX thread. */
  private <T> void run(Supplier<T> work, Consumer<T> onFx) {
    if (pending.getAndIncrement() == 0) {
      busy.set(true);
    }
    io.execute(
        () -> {
          T value;
          try {
            value = work.get();
          } catch (RuntimeException e) {
            Platform.runLater(
                () -> {
                  status.setText(ReviewTexts.get("review.error", e.getMessage()));
                  done();
                });
            return;
          }
          Platform.runLater(
              () -> {
                try {
                  onFx.accept(value);
                } finally {
                  done();
                }
              });
        });
  }

  /**
   * Runs tasks one after another on the given executor, in the order submitted, whatever its thread
   * count: corrections then apply in the order the archivist made them.
   */
  private static final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
    private Runnable active;

    SerialExecutor(Executor delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void execute(Runnable r) {
      tasks.add(
          () -> {
            try {
              r.run();
            } finally {
              next();
            }
          });
      if (active == null) {
        next();
      }
    }

    private synchronized void next() {
      active = tasks.poll();
      if (active != null) {
        delegate.execute(active);
      }
    }
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      busy.set(false);
    }
  }
}
