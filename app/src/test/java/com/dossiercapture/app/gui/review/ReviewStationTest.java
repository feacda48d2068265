package com.dossiercapture.app.gui.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.review.ReviewFixture;
import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Correction;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.DossierDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review station in a window of its own under Xvfb, on a real store seeded with chosen results
 * (OCR is not the point here): keyboard corrections reach the store and the tree, approval is
 * refused with a reason and then goes through.
 */
class ReviewStationTest extends FxRobot {

  @TempDir Path tmp;
  ReviewFixture f;
  ExecutorService io;
  ReviewStation station;
  Stage stage;

  @BeforeEach
  void start() throws Exception {
    f = ReviewFixture.seed(tmp.resolve("store"));
    io =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("review-io").factory());
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        s -> {
          s.setWidth(1500);
          s.setHeight(940);
        });
    FxToolkit.setupSceneRoot(
        () -> {
          station = new ReviewStation(f.store, io, "archivist");
          return (Parent) station.node();
        });
    FxToolkit.showStage();
    WaitForAsyncUtils.asyncFx(() -> station.refresh()).get();
    idle();
    ListView<?> queue = lookup("#reviewQueue").queryListView();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> queue.getItems().size() == 1);
    clickOn(lookup("#reviewQueue .list-cell").nth(0).queryAs(javafx.scene.Node.class));
    type(KeyCode.ENTER);
    idle();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> station.review() != null);
    imageShown();
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupStages();
    io.shutdown();
    io.awaitTermination(10, TimeUnit.SECONDS);
    f.store.close();
  }

  private void idle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(() -> !station.busyProperty().get()).get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void imageShown() throws Exception {
    ImageView image = lookup("#reviewImage").query();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> image.getImage() != null);
    idle();
  }

  private List<String> types() {
    return new Documents(f.store)
        .list(f.dossier.id()).stream().map(DossierDocument::docType).toList();
  }

  private String treeText() throws Exception {
    TreeTableView<ReviewStation.Row> tree = lookup("#reviewTree").query();
    return WaitForAsyncUtils.asyncFx(
            () -> {
              StringBuilder sb = new StringBuilder();
              for (var d : tree.getRoot().getChildren()) {
                if (d.getValue() instanceof ReviewStation.DocRow r) {
                  sb.append(r.document().document().title()).append('|');
                }
              }
              return sb.toString();
            })
        .get();
  }

  private String text(String id) {
    return lookup(id).queryLabeled().getText();
  }

  @Test
  void keyboardCorrectionsReachTheStoreTheTreeAndApprovalWaitsForReview() throws Exception {
    assertThat(station.currentPageId()).isEqualTo(f.page(1));
    assertThat(treeText()).isEqualTo("卷宗封面|民事起诉状|证据材料|民事判决书|");

    // N: the next unchecked low-confidence page
    type(KeyCode.N);
    idle();
    assertThat(station.currentPageId()).isEqualTo(f.page(4));
    imageShown();
    assertThat(text("#reviewFieldConfidence")).isEqualTo("55%");

    // 左看右写: a word in the text lights its box; a box on the image selects its word
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#word-1").tryQuery().isPresent());
    clickOn("#word-1");
    assertThat(station.selectedWord()).isEqualTo(1);
    assertThat(station.imagePane().selected()).isEqualTo(1);
    clickOn(lookup("#wordBox-3").queryAs(javafx.scene.Node.class));
    assertThat(station.selectedWord()).isEqualTo(3);
    assertThat(lookup("#word-3").queryAs(Label.class).getStyle()).contains("background");

    // T + pinyin initials + Enter: the document becomes a statement of defence
    type(KeyCode.T);
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> lookup("#reviewTypeSearch").tryQuery().isPresent());
    write("dbz");
    ListView<?> list = lookup("#reviewTypeList").queryListView();
    assertThat(list.getSelectionModel().getSelectedItem().toString()).contains("defence");
    type(KeyCode.ENTER);
    idle();
    assertThat(f.store.result(f.page(4)).orElseThrow().docType()).isEqualTo("defence");
    assertThat(f.store.result(f.page(5)).orElseThrow().docType()).isEqualTo("defence");
    assertThat(f.store.corrections())
        .extracting(Correction::field, Correction::newValue)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("docType", "defence"));
    assertThat(treeText()).isEqualTo("卷宗封面|民事起诉状|民事答辩状|民事判决书|");
    assertThat(station.currentPageId()).isEqualTo(f.page(4));
    saveScreenshot("review-station-corrections.png");

    // S splits the complaint at page 3, M merges it back
    type(KeyCode.PAGE_UP);
    assertThat(station.currentPageId()).isEqualTo(f.page(3));
    type(KeyCode.S);
    idle();
    assertThat(types()).containsExactly("cover", "complaint", "complaint", "defence", "judgment");
    assertThat(treeText()).isEqualTo("卷宗封面|民事起诉状|民事起诉状|民事答辩状|民事判决书|");
    type(KeyCode.M);
    idle();
    assertThat(types()).containsExactly("cover", "complaint", "defence", "judgment");

    // Ctrl+Enter: refused, page 5 is low-confidence and unchecked
    press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
    idle();
    assertThat(text("#reviewStatus")).contains("尚不能批准");
    javafx.scene.layout.VBox checks = lookup("#reviewChecks").query();
    assertThat(checks.getChildren())
        .singleElement()
        .satisfies(n -> assertThat(((Label) n).getText()).contains("第 5 页").contains("70%"));
    assertThat(f.store.outboxCount("pending")).isZero();

    // N goes to page 5, Enter accepts it, Ctrl+Enter approves
    type(KeyCode.N);
    assertThat(station.currentPageId()).isEqualTo(f.page(5));
    type(KeyCode.ENTER);
    idle();
    assertThat(f.store.isReviewed(f.page(5))).isTrue();
    assertThat(station.currentPageId()).isEqualTo(f.page(6));
    press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
    idle();
    assertThat(text("#reviewStatus")).contains("已批准");
    ListView<com.dossiercapture.app.review.ReviewService.QueueEntry> queue =
        lookup("#reviewQueue").queryListView();
    assertThat(queue.getItems().getFirst().toReview()).isZero();
    assertThat(queue.getItems().getFirst().dossier().status()).isEqualTo("approved");
    assertThat(new Approval(f.store).outbox("pending"))
        .singleElement()
        .satisfies(o -> assertThat(o.dossierId()).isEqualTo(f.dossier.id()));
    assertThat(f.store.dossier(f.dossier.id()).status()).isEqualTo("approved");

    // The retrain button learns from the corrections and versions the model in the store.
    assertThat(f.store.latestClassifierModel()).isEmpty();
    clickOn("#reviewRetrain");
    WaitForAsyncUtils.waitFor(
        180, TimeUnit.SECONDS, () -> f.store.latestClassifierModel().isPresent());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#reviewStatus").contains("第 1 版"));
    assertThat(f.store.auditLog())
        .extracting(com.dossiercapture.staging.AuditEntry::action)
        .contains("classifier.save");
  }

  @Test
  void helpBlankAndCaseNumberFromTheKeyboard() throws Exception {
    // the operator turned page 7 a quarter; the station shows it turned, R turns the view further
    f.store.rotatePage(f.page(7), 90, "operator");
    WaitForAsyncUtils.asyncFx(() -> station.refresh()).get();
    idle();
    double zoom = station.imagePane().zoomProperty().get();
    type(KeyCode.EQUALS);
    assertThat(station.imagePane().zoomProperty().get()).isGreaterThan(zoom);
    type(KeyCode.F);
    assertThat(station.imagePane().zoomProperty().get())
        .isCloseTo(zoom, org.assertj.core.data.Offset.offset(0.01));

    type(KeyCode.F1);
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> lookup("#reviewHelp").tryQuery().isPresent());
    assertThat(lookup("#reviewHelp").queryAs(javafx.scene.layout.VBox.class).isVisible()).isTrue();
    saveScreenshot("review-station-help.png");
    type(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(lookup("#reviewHelp").tryQuery()).isEmpty();
    write("?");
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> lookup("#reviewHelp").tryQuery().isPresent());
    write("?");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(lookup("#reviewHelp").tryQuery()).isEmpty();

    // B restores the blank page 6 into the evidence document
    for (int i = 0; i < 5; i++) {
      type(KeyCode.PAGE_DOWN);
    }
    assertThat(station.currentPageId()).isEqualTo(f.page(6));
    type(KeyCode.B);
    idle();
    assertThat(f.store.result(f.page(6)).orElseThrow().blank()).isFalse();
    assertThat(f.store.corrections()).extracting(Correction::field).contains("blank");
    Documents docs = new Documents(f.store);
    var evidence =
        docs.list(f.dossier.id()).stream()
            .filter(d -> d.docType().equals("evidence"))
            .findFirst()
            .orElseThrow();
    assertThat(evidence.pageCount()).isEqualTo(3);

    // C: a wrong case number is refused in place, a right one is stored normalised
    type(KeyCode.PAGE_DOWN);
    assertThat(station.currentPageId()).isEqualTo(f.page(7));
    imageShown();
    assertThat(station.imagePane().totalRotation()).isEqualTo(90);
    type(KeyCode.R);
    assertThat(station.imagePane().totalRotation()).isEqualTo(180);
    type(KeyCode.C);
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> lookup("#reviewCaseNumberInput").tryQuery().isPresent());
    TextField input = lookup("#reviewCaseNumberInput").queryAs(TextField.class);
    WaitForAsyncUtils.asyncFx(() -> input.setText("2024-123")).get();
    clickOn(input);
    type(KeyCode.ENTER);
    idle();
    assertThat(text("#reviewCaseNumberError")).contains("2024-123");
    WaitForAsyncUtils.asyncFx(() -> input.setText("(2024)湘0602民初1235号")).get();
    type(KeyCode.ENTER);
    idle();
    assertThat(lookup("#reviewCaseNumberInput").tryQuery()).isEmpty();
    assertThat(f.store.result(f.page(7)).orElseThrow().caseNumber())
        .isEqualTo("（2024）湘0602民初1235号");
    assertThat(text("#reviewFieldCaseNumber")).isEqualTo("（2024）湘0602民初1235号");
    assertThat(lookup("#reviewChecks").queryAs(javafx.scene.layout.VBox.class).getChildren())
        .anySatisfy(n -> assertThat(((Label) n).getText()).contains("（2024）湘0602民初1235号"));
  }

  /** Keeps a picture of the station in app/target/screenshots (the README one is the sample's). */
  private void saveScreenshot(String name) throws Exception {
    var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    javax.imageio.ImageIO.write(
        javafx.embed.swing.SwingFXUtils.fromFXImage(image, null),
        "png",
        dir.resolve(name).toFile());
    assertThat(dir.resolve(name)).isNotEmptyFile();
  }
}
