package com.dossiercapture.app.gui.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.TestImages;
import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.simulated.SyntheticPages;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The operator's scan station in a real window under Xvfb, scanning from the simulated ADF into a
 * real staging store: what the operator sees, and what lands in the store.
 */
class ScanStationTest extends FxRobot {

  @TempDir Path tmp;
  StagingStore store;
  ScanStation station;
  Stage stage;

  void open(ScanModel.Settings settings) throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    store = StagingStore.open(tmp.resolve("store"));
    WaitForAsyncUtils.asyncFx(
            () -> {
              javafx.application.Application.setUserAgentStylesheet(
                  new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
              station = new ScanStation(store, settings);
              stage.setScene(new Scene(station.root(), 1400, 900));
              stage.show();
            })
        .get();
  }

  static ScanModel.Settings stageOnly() {
    return new ScanModel.Settings(null, null, 1, "tester", false);
  }

  @AfterEach
  void close() throws Exception {
    if (station != null) {
      WaitForAsyncUtils.asyncFx(station::close).get(60, TimeUnit.SECONDS);
    }
    FxToolkit.cleanupStages();
    if (store != null) {
      store.close();
    }
  }

  private <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  private void fxRun(Runnable r) throws Exception {
    WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
  }

  private void waitFor(int seconds, Callable<Boolean> c) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, c);
  }

  private ListView<PageItem> thumbnails() {
    return lookup("#thumbnails").queryListView();
  }

  private String text(String id) {
    return lookup(id).queryAs(Labeled.class).getText();
  }

  private List<Page> activePages(long batchId) {
    return store.pages(batchId).stream().filter(Page::isActive).toList();
  }

  /** Reads the sheet/side code the simulated ADF draws into every page, from the stored file. */
  private int code(Page p) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(store.readOriginal(p.id())));
    return SyntheticPages.decode(img, p.dpi());
  }

  private static int code(int sheet, Side side) {
    return (sheet << 1) | (side == Side.BACK ? 1 : 0);
  }

  private void useDevice(String id) throws Exception {
    station.model().useDevice(id).get(60, TimeUnit.SECONDS);
    waitFor(10, () -> fx(() -> station.model().deviceProperty().get() != null));
  }

  private void source(ScanSource s, int dpi) throws Exception {
    fxRun(
        () ->
            station.showOptions(
                com.dossiercapture.scanner.ScanOptions.defaults().withSource(s).withDpi(dpi)));
  }

  private long batchId() throws Exception {
    return fx(() -> station.model().batchProperty().get().id());
  }

  private boolean idle() throws Exception {
    return fx(() -> station.model().sessionProperty().get() == ScanModel.SessionState.IDLE);
  }

  /**
   * Court pages (the shipped sample batch: a separator sheet, a cover, a complaint...) replayed
   * through the simulated feeder and the real pipeline (OCR, classification): thumbnails appear,
   * then each page's type; the sheet count gates the submit; submitting assembles the dossier.
   */
  @Test
  void scansABatchShowsThumbnailsAndTypesAndSubmitsWhenTheCountMatches() throws Exception {
    Path feeder = Files.createDirectories(tmp.resolve("feeder"));
    Path sample = com.dossiercapture.samples.SampleBatch.extractTo(tmp.resolve("sample"));
    for (int i = 1; i <= 4; i++) {
      String name = String.format("p%05d.png", i);
      Files.copy(sample.resolve(name), feeder.resolve(name));
    }
    open(new ScanModel.Settings(Pipelines.analyzers(), Pipelines.boundaries(), 1, "tester", false));
    useDevice("simulated:" + feeder + "?ppm=0");
    source(ScanSource.ADF_FRONT, 200);
    // Titled pages show their type while the rest of them is still being read (ADR 0014).
    List<String> typedWhileReading = java.util.Collections.synchronizedList(new ArrayList<>());
    fxRun(
        () ->
            thumbnails()
                .getItems()
                .addListener(
                    (javafx.collections.ListChangeListener<PageItem>)
                        c -> {
                          for (PageItem it : c.getList()) {
                            if (it.result() == null && it.earlyType() != null) {
                              typedWhileReading.add(it.earlyType());
                            }
                          }
                        }));

    // The case number is checked and normalised as it is typed.
    clickOn("#caseField").write("(2018)");
    waitFor(5, () -> text("#caseHint").contains("不是有效案号"));
    fxRun(() -> lookup("#caseField").queryTextInputControl().appendText("闽0203民初 1425号"));
    waitFor(5, () -> text("#caseHint").contains("（2018）闽0203民初1425号"));
    clickOn("#expectedSheets").write("3");

    clickOn("#thumbnails");
    type(KeyCode.F5);
    waitFor(30, () -> thumbnails().getItems().size() == 4);
    // Every page is durable before it is shown.
    long batch = batchId();
    assertThat(store.pages(batch)).hasSize(4);
    waitFor(30, () -> thumbnails().getItems().stream().allMatch(it -> it.thumb() != null));
    waitFor(30, () -> idle());
    assertThat(text("#scanMessage")).contains("4");
    waitFor(5, () -> !lookup("#scanButton").queryButton().isDisabled());

    // The pipeline's verdicts arrive: state and type on every thumbnail.
    waitFor(240, () -> thumbnails().getItems().stream().allMatch(it -> it.result() != null));
    List<PageResult> results =
        store.pages(batch).stream().map(p -> store.result(p.id()).orElseThrow()).toList();
    assertThat(results.getFirst().docType()).isEqualTo("separator");
    assertThat(typedWhileReading).as("complaint typed from its title first").contains("complaint");
    assertThat(results.stream().filter(r -> r.docType() != null).count()).isGreaterThan(2);
    waitFor(
        10,
        () ->
            lookup("#thumbnails .page-cell").queryAll().stream()
                .anyMatch(n -> labels(n).contains("分隔页")));
    assertThat(lookup("#thumbnails .page-cell").queryAll().stream().map(this::labels).toList())
        .anyMatch(t -> t.contains("已分类"));

    // Counted 3 sheets, scanned 4: submitting is refused until the count is right.
    assertThat(text("#sheetCheck")).contains("不一致");
    assertThat(lookup("#submitButton").queryButton().isDisabled()).isTrue();
    fxRun(() -> lookup("#expectedSheets").queryTextInputControl().setText("4"));
    waitFor(5, () -> text("#sheetCheck").contains("一致") && !text("#sheetCheck").contains("不"));
    waitFor(5, () -> !lookup("#submitButton").queryButton().isDisabled());
    fxRun(() -> station.select(1));
    waitFor(
        20,
        () ->
            lookup("#scanPreview").queryAs(javafx.scene.image.ImageView.class).getImage() != null
                && lookup("#scanPreview")
                        .queryAs(javafx.scene.image.ImageView.class)
                        .getImage()
                        .getWidth()
                    > 500);
    saveScreenshot("scan-station-sample.png");
    clickOn("#submitButton");
    waitFor(120, () -> "submitted".equals(store.batch(batch).status()));
    assertThat(store.findDossier("（2018）闽0203民初1425号")).isPresent();
    assertThat(store.auditLog()).anyMatch(a -> a.action().equals("batch.submit"));
  }

  private String labels(javafx.scene.Node n) {
    return from(n).lookup(".label").queryAll().stream()
        .map(l -> ((Labeled) l).getText())
        .reduce("", (a, b) -> a + " " + b);
  }

  /**
   * A jam on the back of sheet 1: the banner says what to do; Continue resumes; the re-fed front
   * supersedes the first one (kept, marked replaced); every side is present once, in order.
   */
  @Test
  void recoversFromAJamWithEveryPageOnceInOrder() throws Exception {
    open(stageOnly());
    useDevice("simulated:builtin?sheets=3&ppm=0&jam=2");
    source(ScanSource.ADF_DUPLEX, 100);
    clickOn("#scanButton");
    waitFor(30, () -> fx(() -> text("#faultBanner").contains("卡纸")));
    assertThat(lookup("#faultBox").query().isVisible()).isTrue();
    assertThat(text("#faultBanner")).contains("卡纸").contains("继续");
    assertThat(text("#faultBanner")).contains("1 页已保存");
    assertThat(store.pages(batchId())).hasSize(1);

    clickOn("#bannerContinue");
    waitFor(30, () -> idle());
    waitFor(10, () -> !lookup("#faultBox").query().isVisible());
    long batch = batchId();
    List<Page> active = activePages(batch);
    List<Integer> codes = new ArrayList<>();
    for (Page p : active) {
      codes.add(code(p));
    }
    assertThat(codes)
        .containsExactly(
            code(1, Side.FRONT),
            code(1, Side.BACK),
            code(2, Side.FRONT),
            code(2, Side.BACK),
            code(3, Side.FRONT),
            code(3, Side.BACK));
    List<Page> replaced =
        store.pages(batch).stream().filter(p -> "replaced".equals(p.state())).toList();
    assertThat(replaced).hasSize(1);
    assertThat(replaced.getFirst().replacedBy()).isEqualTo(active.getFirst().id());
    waitFor(5, () -> thumbnails().getItems().size() == 7);
    waitFor(5, () -> text("#scanProgress").contains("6 页（3 张）"));
  }

  /**
   * Fixes on the spot: insert a missed page before page 2, replace page 3 by a file, undo and redo
   * the replacement, rotate and delete; checked in the store's order and states.
   */
  @Test
  void insertsAndReplacesPagesWithUndo() throws Exception {
    List<Long> scanned = scanThreeSheets();
    long batch = batchId();

    // Insert a missed page before page 2.
    fxRun(() -> station.select(1));
    clickOn("#insertButton");
    waitFor(30, () -> activePages(batch).size() == 4);
    waitFor(10, () -> text("#scanMessage").contains("第 2 页"));
    List<Long> order = activePages(batch).stream().map(Page::id).toList();
    assertThat(order).hasSize(4);
    long inserted = order.get(1);
    assertThat(order).containsExactly(scanned.get(0), inserted, scanned.get(1), scanned.get(2));

    // Replace page 4 (the third scanned sheet) by an image file.
    waitFor(10, () -> thumbnails().getItems().size() == 4 && !busy());
    Path file = tmp.resolve("rescan.png");
    TestImages.png(file, "补扫页");
    fxRun(() -> station.select(3));
    fxRun(() -> station.replaceSelectedWith(file));
    waitFor(30, () -> store.page(scanned.get(2)).state().equals("replaced"));
    Page old = store.page(scanned.get(2));
    List<Long> afterReplace = activePages(batch).stream().map(Page::id).toList();
    assertThat(afterReplace)
        .containsExactly(scanned.get(0), inserted, scanned.get(1), old.replacedBy());
    assertThat(store.pages(batch)).hasSize(5); // nothing removed: the old page is kept

    // Undo brings the old page back; redo replaces it again.
    waitFor(10, () -> !busy());
    clickOn("#thumbnails");
    press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    waitFor(30, () -> store.page(scanned.get(2)).isActive());
    assertThat(activePages(batch).stream().map(Page::id).toList())
        .containsExactly(scanned.get(0), inserted, scanned.get(1), scanned.get(2));
    waitFor(10, () -> !busy());
    press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
    waitFor(30, () -> "replaced".equals(store.page(scanned.get(2)).state()));
    assertThat(activePages(batch).stream().map(Page::id).toList())
        .containsExactly(scanned.get(0), inserted, scanned.get(1), old.replacedBy());

    // Rotate page 1, then delete it (recoverable), then move page 2 up.
    waitFor(10, () -> !busy());
    fxRun(() -> station.select(0));
    clickOn("#rotateRightButton");
    waitFor(30, () -> store.page(scanned.get(0)).rotation() == 90);
    waitFor(10, () -> !busy());
    fxRun(() -> station.select(0));
    clickOn("#deleteButton");
    waitFor(30, () -> "deleted".equals(store.page(scanned.get(0)).state()));
    assertThat(store.auditLog()).anyMatch(a -> a.action().equals("page.rotate"));
    waitFor(10, () -> !busy());
    press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    waitFor(30, () -> store.page(scanned.get(0)).isActive());
  }

  /**
   * F6 holds the feeder after the current page and F6 again goes on; Alt+Down moves the selected
   * page one place down in the store's order.
   */
  @Test
  void pausesContinuesAndMovesAPage() throws Exception {
    open(stageOnly());
    useDevice("simulated:builtin?sheets=8&ppm=300");
    source(ScanSource.ADF_FRONT, 100);
    clickOn("#thumbnails");
    type(KeyCode.F5);
    waitFor(30, () -> thumbnails().getItems().size() >= 2);
    type(KeyCode.F6);
    waitFor(5, () -> text("#pauseButton").contains("继续"));
    waitFor(5, () -> text("#scanMessage").contains("已暂停"));
    Thread.sleep(1500); // the scanner is held: a paused feeder takes no more sheets
    long batch = batchId();
    int held = store.pages(batch).size();
    Thread.sleep(1000);
    assertThat(store.pages(batch)).hasSize(held);
    assertThat(held).isLessThan(8);
    type(KeyCode.F6);
    waitFor(30, () -> idle() && store.pages(batch).size() == 8);

    List<Long> before = activePages(batch).stream().map(Page::id).toList();
    fxRun(() -> station.select(0));
    clickOn("#thumbnails");
    fxRun(() -> station.select(0));
    press(KeyCode.ALT).type(KeyCode.DOWN).release(KeyCode.ALT);
    waitFor(30, () -> activePages(batch).getFirst().id() == before.get(1));
    assertThat(activePages(batch).get(1).id()).isEqualTo(before.getFirst());
  }

  /**
   * The scanner vanishes (cable pulled) as page 3 starts: the banner says what happened and what to
   * do, the two pages delivered are in the store, and the session ends (F5 starts again).
   */
  @Test
  void aLostScannerSaysWhatToDoAndKeepsThePagesDelivered() throws Exception {
    open(stageOnly());
    useDevice("simulated:builtin?sheets=4&ppm=0&lost=3");
    source(ScanSource.ADF_FRONT, 100);
    clickOn("#scanButton");
    waitFor(30, () -> fx(() -> text("#faultBanner").contains("连接中断")));
    assertThat(text("#faultBanner")).contains("检查数据线").contains("2 页已保存");
    assertThat(lookup("#faultBox").query().isVisible()).isTrue();
    waitFor(30, this::idle);
    long batch = batchId();
    List<Page> kept = activePages(batch);
    assertThat(kept).hasSize(2);
    assertThat(code(kept.get(0))).isEqualTo(code(1, Side.FRONT));
    assertThat(code(kept.get(1))).isEqualTo(code(2, Side.FRONT));
    // The banner stays until the operator acts: the page count must not go unnoticed.
    Thread.sleep(500);
    assertThat(lookup("#faultBox").query().isVisible()).isTrue();
  }

  /**
   * Ctrl+R rescans the selected page: the scanner's next sheet takes its place and the old page is
   * kept, marked replaced by the new one.
   */
  @Test
  void ctrlRRescansTheSelectedPageAndKeepsTheOldOne() throws Exception {
    List<Long> scanned = scanThreeSheets();
    long batch = batchId();

    fxRun(() -> station.select(1));
    clickOn("#thumbnails");
    fxRun(() -> station.select(1));
    press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
    waitFor(30, () -> "replaced".equals(store.page(scanned.get(1)).state()));
    Page old = store.page(scanned.get(1));
    assertThat(old.replacedBy()).isNotNull();
    assertThat(activePages(batch).stream().map(Page::id).toList())
        .containsExactly(scanned.get(0), old.replacedBy(), scanned.get(2));
    assertThat(store.pages(batch)).hasSize(4);
    // The list shows the old page too, marked replaced, beside its replacement.
    waitFor(10, () -> thumbnails().getItems().size() == 4);
  }

  /**
   * A named profile keeps dpi, colour, source and size: chosen again it restores them, and a new
   * station on the same store finds it.
   */
  @Test
  void aNamedProfileRestoresItsOptionsAndOutlivesTheStation() throws Exception {
    open(stageOnly());
    var duplex300 =
        com.dossiercapture.scanner.ScanOptions.defaults()
            .withSource(ScanSource.ADF_DUPLEX)
            .withDpi(300);
    fxRun(() -> station.showOptions(duplex300));
    fxRun(() -> station.saveProfileAs("卷宗双面300"));
    waitFor(10, () -> text("#scanMessage").contains("卷宗双面300"));
    source(ScanSource.ADF_FRONT, 100);
    assertThat(fx(() -> station.options().dpi())).isEqualTo(100);

    ComboBox<String> profiles = lookup("#profileBox").queryComboBox();
    fxRun(() -> profiles.setValue(null));
    fxRun(() -> profiles.setValue("卷宗双面300"));
    assertThat(fx(() -> station.options().dpi())).isEqualTo(300);
    assertThat(fx(() -> station.options().source())).isEqualTo(ScanSource.ADF_DUPLEX);

    // A new station on the same store (the profiles live beside it).
    WaitForAsyncUtils.asyncFx(station::close).get(60, TimeUnit.SECONDS);
    WaitForAsyncUtils.asyncFx(
            () -> {
              station = new ScanStation(store, stageOnly());
              stage.setScene(new Scene(station.root(), 1400, 900));
            })
        .get();
    ComboBox<String> again = lookup("#profileBox").queryComboBox();
    waitFor(10, () -> fx(() -> again.getItems().contains("卷宗双面300")));
  }

  /**
   * Dragging a thumbnail with the mouse: held over the lower half of page 3 a line shows below it,
   * and released there page 1 goes after page 3; onto the upper half of page 1 page 3 goes first;
   * released outside the list nothing moves; Ctrl+Z undoes the last move.
   */
  @Test
  void dragsAPageToANewPlaceWithTheMouseAndUndoes() throws Exception {
    List<Long> p = scanThreeSheets();
    long batch = batchId();

    drag(cell(0), javafx.scene.input.MouseButton.PRIMARY)
        .moveTo(point(cell(2)).atPosition(javafx.geometry.Pos.BOTTOM_CENTER).atOffset(up(10)));
    WaitForAsyncUtils.waitForFxEvents();
    var below = javafx.css.PseudoClass.getPseudoClass("drop-after");
    assertThat(fx(() -> cell(2).getPseudoClassStates().contains(below))).isTrue();
    release(javafx.scene.input.MouseButton.PRIMARY);
    waitFor(30, () -> activeIds(batch).equals(List.of(p.get(1), p.get(2), p.get(0))));
    waitFor(10, () -> shownIds().equals(List.of(p.get(1), p.get(2), p.get(0))));
    assertThat(fx(() -> cell(2).getPseudoClassStates().contains(below))).isFalse();
    // The pixels agree: sheet 1 is now the last page in the store.
    assertThat(code(activePages(batch).get(2))).isEqualTo(code(1, Side.FRONT));

    drag(cell(1), javafx.scene.input.MouseButton.PRIMARY)
        .moveTo(point(cell(0)).atPosition(javafx.geometry.Pos.TOP_CENTER).atOffset(up(-10)))
        .release(javafx.scene.input.MouseButton.PRIMARY);
    waitFor(30, () -> activeIds(batch).equals(List.of(p.get(2), p.get(1), p.get(0))));

    // Released over the preview, outside the list: nothing moves.
    drag(cell(0), javafx.scene.input.MouseButton.PRIMARY)
        .moveTo("#scanPreview")
        .release(javafx.scene.input.MouseButton.PRIMARY);
    Thread.sleep(500);
    assertThat(activeIds(batch)).containsExactly(p.get(2), p.get(1), p.get(0));

    clickOn("#thumbnails");
    press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    waitFor(30, () -> activeIds(batch).equals(List.of(p.get(1), p.get(2), p.get(0))));
  }

  /**
   * A long batch: page 1, dragged to the bottom edge of the list and held there, scrolls the list
   * down to the last page, and released on the last page's lower half it becomes the last page.
   */
  @Test
  void draggingToTheListsEdgeScrollsToPagesOutOfView() throws Exception {
    open(stageOnly());
    useDevice("simulated:builtin?sheets=30&ppm=0");
    source(ScanSource.ADF_FRONT, 100);
    clickOn("#scanButton");
    waitFor(60, () -> thumbnails().getItems().size() == 30 && idle());
    long batch = batchId();
    List<Long> before = activeIds(batch);
    fxRun(() -> thumbnails().scrollTo(0));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shows(29)).as("the last page is out of view").isFalse();

    drag(cell(0), javafx.scene.input.MouseButton.PRIMARY)
        .moveTo(point("#thumbnails").atPosition(javafx.geometry.Pos.BOTTOM_CENTER).atOffset(up(6)));
    // The list scrolls until the last page is wholly in view (the end of the list).
    waitFor(30, () -> shows(29) && fx(() -> whollyInView(cell(29))));
    moveTo(point(cell(29)).atPosition(javafx.geometry.Pos.BOTTOM_CENTER).atOffset(up(10)))
        .release(javafx.scene.input.MouseButton.PRIMARY);
    List<Long> expected = new ArrayList<>(before.subList(1, 30));
    expected.add(before.getFirst());
    waitFor(30, () -> activeIds(batch).equals(expected));
  }

  private boolean whollyInView(javafx.scene.control.ListCell<?> c) {
    var cell = c.localToScene(c.getBoundsInLocal());
    var list = thumbnails().localToScene(thumbnails().getBoundsInLocal());
    return cell.getMinY() >= list.getMinY() && cell.getMaxY() <= list.getMaxY();
  }

  /** Whether the page at a list index has a cell on screen. */
  private boolean shows(int index) throws Exception {
    return fx(() -> shownCell(index).isPresent());
  }

  private static javafx.geometry.Point2D up(double pixels) {
    return new javafx.geometry.Point2D(0, -pixels);
  }

  /** The thumbnail cell showing the page at a list index. */
  private javafx.scene.control.ListCell<?> cell(int index) throws Exception {
    return fx(() -> shownCell(index).orElseThrow());
  }

  /** The cell on screen showing the page at a list index, if any (on the FX thread). */
  private java.util.Optional<javafx.scene.control.ListCell<?>> shownCell(int index) {
    return lookup(".page-cell").queryAll().stream()
        .<javafx.scene.control.ListCell<?>>map(n -> (javafx.scene.control.ListCell<?>) n)
        .filter(c -> c.getIndex() == index && c.getItem() != null && c.isVisible())
        .findFirst();
  }

  private List<Long> activeIds(long batch) {
    return activePages(batch).stream().map(Page::id).toList();
  }

  private List<Long> shownIds() throws Exception {
    return fx(() -> thumbnails().getItems().stream().map(i -> i.page().id()).toList());
  }

  /** Opens a station without pipeline and scans three simplex sheets: their page ids, in order. */
  private List<Long> scanThreeSheets() throws Exception {
    open(stageOnly());
    useDevice("simulated:builtin?sheets=3&ppm=0");
    source(ScanSource.ADF_FRONT, 100);
    clickOn("#scanButton");
    waitFor(30, () -> thumbnails().getItems().size() == 3 && idle());
    return activePages(batchId()).stream().map(Page::id).toList();
  }

  private boolean busy() throws Exception {
    return fx(() -> station.model().busyProperty().get());
  }

  /** Keeps a picture of the real station for the README. */
  private void saveScreenshot(String name) throws Exception {
    var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
    Path dir = Files.createDirectories(Path.of("target", "screenshots-dev"));
    ImageIO.write(
        javafx.embed.swing.SwingFXUtils.fromFXImage(image, null),
        "png",
        dir.resolve(name).toFile());
  }
}
