package com.dossiercapture.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.TestImages;
import com.dossiercapture.staging.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real window under Xvfb: first start imports the sample batch; pages and preview show. */
class WorkstationAppTest extends FxRobot {

  @TempDir Path tmp;
  WorkstationApp app;
  Stage stage;
  com.dossiercapture.sync.receiver.ReceiverServer receiver;

  @BeforeEach
  void start(org.junit.jupiter.api.TestInfo test) throws Exception {
    if (!test.getTestMethod().orElseThrow().getName().startsWith("firstStart")) {
      // a small stand-in for the shipped sample batch
      Path samples = Files.createDirectories(tmp.resolve("sample-batch"));
      TestImages.png(samples.resolve("p001.png"), "卷宗封面");
      TestImages.png(samples.resolve("p002.png"), "民事起诉状");
      TestImages.multiPageTiff(samples.resolve("p003.tif"), "证据一", "证据二");
      System.setProperty("dc.sample.batch", samples.toString());
    }
    receiver =
        com.dossiercapture.sync.receiver.ReceiverServer.start(
            com.dossiercapture.sync.receiver.ReceiverOptions.loopback(0, tmp.resolve("central")));
    System.setProperty("dc.config.dir", tmp.resolve("config").toString());
    WorkstationApp.useStore(tmp.resolve("store"), receiver.baseUri());
    stage = FxToolkit.registerPrimaryStage();
    app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class);
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
    System.clearProperty("dc.sample.batch");
    System.clearProperty("dc.config.dir");
    receiver.close();
  }

  @Test
  void firstStartImportsTheShippedSampleBatchAndShowsItsPages() throws Exception {
    assertThat(stage.getTitle()).isEqualTo("卷宗扫描工作站 — Dossier Capture");
    int expected = com.dossiercapture.samples.SampleBatch.truth().size();
    assertThat(expected).isGreaterThan(10);
    // The window opens on the scan station; the imported batch is under 批次.
    assertThat(WaitForAsyncUtils.asyncFx(() -> app.window().shown()).get())
        .isEqualTo(MainWindow.SCAN);
    clickOn("#" + MainWindow.BATCHES);
    ListView<Batch> batches = lookup("#batchList").queryListView();
    TableView<?> pages = lookup("#pageTable").queryTableView();
    WaitForAsyncUtils.waitFor(
        120,
        TimeUnit.SECONDS,
        () -> batches.getItems().size() == 1 && pages.getItems().size() == expected);
    assertThat(app.model().store().pageCount()).isEqualTo(expected);

    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> lookup("#pageTable .table-row-cell").queryAll().size() > 2);
    javafx.scene.Node row = lookup("#pageTable .table-row-cell").nth(1).query();
    clickOn(row);
    ImageView preview = lookup("#preview").query();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.getImage() != null);
    assertThat(preview.getImage().getWidth()).isGreaterThan(1000);
    assertThat(lookup("#statusLine").queryLabeled().getText()).contains("页面 " + expected);
    saveScreenshot("workstation.png");

    // The 审核 tab hosts the archivist's review station, which lists the imported dossiers.
    clickOn("#" + MainWindow.REVIEW);
    ListView<?> queue = lookup("#reviewQueue").queryListView();
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> queue.getItems().size() == app.model().store().dossiers().size());
    assertThat(queue.getItems()).isNotEmpty();
    clickOn("#" + MainWindow.BATCHES);

    // The archivist approves; the dossiers go to the central system in the background.
    int dossiers = app.model().store().dossiers().size();
    assertThat(dossiers).isPositive();
    clickOn("#approveButton");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> app.model().store().outboxCount("sent") == dossiers);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> lookup("#syncLine").queryLabeled().getText().contains("待同步卷宗 0"));
    assertThat(lookup("#syncLine").queryLabeled().getText()).contains("在线");
    assertThat(receiver.store().pageCount()).isPositive();

    // ... and exports the approved dossiers as archival PDFs.
    Path exports = Files.createDirectories(tmp.resolve("exports"));
    Batch batch = batches.getItems().getFirst();
    WaitForAsyncUtils.asyncFx(() -> app.view().exportBatchTo(batch, exports)).get();
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> {
          try (var s = Files.list(exports)) {
            return s.filter(p -> p.toString().endsWith(".pdf")).count() == dossiers;
          }
        });
  }

  /** Keeps a picture of the real window for the README (docs/screenshots/update.sh copies it). */
  private void saveScreenshot(String name) throws Exception {
    var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    javax.imageio.ImageIO.write(
        javafx.embed.swing.SwingFXUtils.fromFXImage(image, null),
        "png",
        dir.resolve(name).toFile());
    assertThat(dir.resolve(name)).isNotEmptyFile();
  }

  @Test
  void importingAFolderAddsABatchWithoutBlockingTheWindow() throws Exception {
    ListView<Batch> batches = lookup("#batchList").queryListView();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> batches.getItems().size() == 1);
    Path more = Files.createDirectories(tmp.resolve("more"));
    for (int i = 0; i < 12; i++) {
      TestImages.png(more.resolve(String.format("x%02d.png", i)), "PAGE " + i);
    }
    Files.write(
        more.resolve("x99.png"), new byte[] {1, 2, 3}); // a bad file: reported, batch goes on
    var task = WaitForAsyncUtils.asyncFx(() -> app.view().importFolder(more)).get();
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(task::isDone).get() && batches.getItems().size() == 2);
    assertThat(app.model().store().pageCount()).isEqualTo(4 + 12); // the stand-in batch + 12
    assertThat(WaitForAsyncUtils.asyncFx(task::getException).get()).isNull();
    assertThat(WaitForAsyncUtils.asyncFx(task::getValue).get().failed()).isEqualTo(1);
  }

  /**
   * The scan station inside the main window: the shipped sample pages replayed through the
   * simulated feeder and the real pipeline; thumbnails and types appear; a screenshot for the
   * README (docs/screenshots/scan-station.png).
   */
  @Test
  void scanStationScansIntoTheStoreAndShowsThePages() throws Exception {
    Path feeder = Files.createDirectories(tmp.resolve("feeder"));
    Path sample = com.dossiercapture.samples.SampleBatch.extractTo(tmp.resolve("sample"));
    for (int i = 1; i <= 6; i++) {
      String name = String.format("p%05d.png", i);
      Files.copy(sample.resolve(name), feeder.resolve(name));
    }
    var station = app.scanStation();
    WaitForAsyncUtils.asyncFx(() -> app.window().show(MainWindow.SCAN)).get();
    station.model().useDevice("simulated:" + feeder + "?ppm=120").get(60, TimeUnit.SECONDS);
    WaitForAsyncUtils.asyncFx(
            () -> {
              station.showOptions(
                  com.dossiercapture.scanner.ScanOptions.defaults()
                      .withSource(com.dossiercapture.scanner.ScanSource.ADF_FRONT)
                      .withDpi(200));
              lookup("#caseField").queryTextInputControl().setText("（2018）闽0203民初1425号");
              lookup("#expectedSheets").queryTextInputControl().setText("6");
            })
        .get();
    clickOn("#scanButton");
    ListView<com.dossiercapture.app.gui.scan.PageItem> thumbs =
        lookup("#thumbnails").queryListView();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> thumbs.getItems().size() == 6);
    long batch = WaitForAsyncUtils.asyncFx(() -> station.model().batchProperty().get().id()).get();
    assertThat(app.model().store().pages(batch)).hasSize(6);
    WaitForAsyncUtils.waitFor(
        300,
        TimeUnit.SECONDS,
        () -> thumbs.getItems().stream().allMatch(it -> it.result() != null && it.thumb() != null));
    assertThat(lookup("#sheetCheck").queryLabeled().getText()).contains("一致");
    WaitForAsyncUtils.asyncFx(() -> station.select(1)).get();
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            lookup("#scanPreview").queryAs(ImageView.class).getImage() != null
                && lookup("#scanPreview").queryAs(ImageView.class).getImage().getWidth() > 500);
    assertThat(stage.getTitle()).isEqualTo("卷宗扫描工作站 — Dossier Capture");
    saveScreenshot("scan-station.png");
  }

  /** The station shown, the window size and the dividers come back after a restart. */
  @Test
  void remembersTheStationAndTheLayout() throws Exception {
    WaitForAsyncUtils.asyncFx(
            () -> {
              app.window().show(MainWindow.BATCHES);
              app.scanStation().split().setDividerPositions(0.3);
            })
        .get();
    FxToolkit.cleanupApplication(app); // stop() remembers the window
    Path file = tmp.resolve("config").resolve("window.properties");
    assertThat(file).isNotEmptyFile();
    assertThat(Files.readString(file)).contains("station=batches").contains("divider.scan=0.3");
    app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class);
    assertThat(WaitForAsyncUtils.asyncFx(() -> app.window().shown()).get())
        .isEqualTo(MainWindow.BATCHES);
    assertThat(
            WaitForAsyncUtils.asyncFx(() -> app.scanStation().split().getDividerPositions()[0])
                .get())
        .isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.02));
  }
}
