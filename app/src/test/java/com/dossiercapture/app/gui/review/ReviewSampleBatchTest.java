package com.dossiercapture.app.gui.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.Main;
import com.dossiercapture.app.review.DossierReview;
import com.dossiercapture.app.review.ReviewPage;
import com.dossiercapture.app.review.ReviewService;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.samples.SampleBatch;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.StagingStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review station on the shipped sample batch processed by the real pipeline (OpenCV, ZXing,
 * Tesseract): several dossiers in one batch, split by separator sheets; the catalogue tree in the
 * standard order; real OCR words over a real page image.
 */
class ReviewSampleBatchTest extends FxRobot {

  @TempDir static Path tmp;
  static StagingStore store;

  ExecutorService io;
  ReviewStation station;

  @BeforeAll
  static void processSampleBatch() throws Exception {
    Path in = SampleBatch.extractTo(tmp.resolve("batch"));
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code =
        cl.execute(
            "process",
            "--input",
            in.toString(),
            "--report",
            tmp.resolve("report.jsonl").toString(),
            "--store",
            tmp.resolve("store").toString(),
            "--workers",
            "2");
    assertThat(code).as(err.toString()).isZero();
    store = StagingStore.open(tmp.resolve("store"));
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void everyAssembledPageBelongsToExactlyOneDossierUnderReview() {
    ReviewService service = new ReviewService(store);
    Documents documents = new Documents(store);
    Catalogue catalogue = Catalogue.loadDefault();
    Set<Long> seen = new HashSet<>();
    int inDocuments = 0;
    for (Dossier d : store.dossiers()) {
      DossierReview r = service.load(d.id());
      for (ReviewPage p : r.pages()) {
        assertThat(seen.add(p.id())).as("page %s in two dossiers", p.id()).isTrue();
      }
      var docs = documents.list(d.id());
      inDocuments += docs.stream().mapToInt(x -> x.pageCount()).sum();
      assertThat(r.documents()).hasSameSizeAs(docs);
      List<Integer> order = docs.stream().map(x -> catalogue.orderOf(x.docType())).toList();
      assertThat(order).isSorted();
      assertThat(r.pages().stream().filter(p -> p.documentId() != null).count())
          .isEqualTo(docs.stream().mapToInt(x -> x.pageCount()).sum());
    }
    assertThat(inDocuments).isPositive();
    assertThat(service.queue()).hasSize(store.dossiers().size());
  }

  @Test
  void theStationShowsARealDossierWithItsWords() throws Exception {
    io =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("review-io").factory());
    Stage stage = FxToolkit.registerPrimaryStage();
    try {
      FxToolkit.setupStage(
          s -> {
            s.setWidth(1500);
            s.setHeight(940);
          });
      FxToolkit.setupSceneRoot(
          () -> {
            station = new ReviewStation(store, io, "archivist");
            return (Parent) station.node();
          });
      FxToolkit.showStage();
      WaitForAsyncUtils.asyncFx(() -> station.refresh()).get();
      ListView<?> queue = lookup("#reviewQueue").queryListView();
      WaitForAsyncUtils.waitFor(
          30, TimeUnit.SECONDS, () -> queue.getItems().size() == store.dossiers().size());
      WaitForAsyncUtils.waitForFxEvents();
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () -> lookup("#reviewQueue .list-cell").nth(0).tryQuery().isPresent());
      clickOn(lookup("#reviewQueue .list-cell").nth(0).queryAs(javafx.scene.Node.class));
      type(KeyCode.ENTER);
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> station.review() != null);
      TreeTableView<?> tree = lookup("#reviewTree").query();
      assertThat(tree.getRoot().getChildren()).isNotEmpty();
      // a page with words: the second content page of the dossier
      ReviewPage withWords =
          station.review().pages().stream()
              .filter(p -> p.content() && p.result().wordsJson() != null)
              .skip(1)
              .findFirst()
              .orElseThrow();
      for (int i = 0; i < station.review().indexOf(withWords.id()); i++) {
        type(KeyCode.PAGE_DOWN);
      }
      assertThat(station.currentPageId()).isEqualTo(withWords.id());
      ImageView image = lookup("#reviewImage").query();
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () -> image.getImage() != null && lookup("#word-2").tryQuery().isPresent());
      WaitForAsyncUtils.waitForFxEvents();
      clickOn("#word-2");
      assertThat(station.imagePane().selected()).isEqualTo(2);
      WaitForAsyncUtils.waitForFxEvents();
      saveScreenshot(stage, "review-station.png");
    } finally {
      FxToolkit.cleanupStages();
      io.shutdown();
      io.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Keeps a picture of the station for the README: app/target/screenshots, docs/screenshots. */
  static void saveScreenshot(Stage stage, String name) throws Exception {
    var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    javax.imageio.ImageIO.write(
        javafx.embed.swing.SwingFXUtils.fromFXImage(image, null),
        "png",
        dir.resolve(name).toFile());
    assertThat(dir.resolve(name)).isNotEmptyFile();
    Path docs = Path.of("..", "docs", "screenshots");
    if (Files.isDirectory(docs)) {
      Files.copy(dir.resolve(name), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
