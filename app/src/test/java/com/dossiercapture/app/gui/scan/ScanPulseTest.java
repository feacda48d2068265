package com.dossiercapture.app.gui.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.app.process.Pipelines;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.simulated.SyntheticPages;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.StagingStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window stays smooth while the scanner runs at full speed: 200 pages (100 duplex sheets, A4
 * grey at 200 dpi) from the simulated ADF at 200 pages/min, while an {@link AnimationTimer} records
 * the gap between consecutive FX pulses. Every gap after the scan starts counts (no warm-up is
 * ignored: the window is shown, the pipeline has loaded its native libraries, and the window has
 * been measured idle for 5 s as the machine's own baseline before the scan starts). Run it: {@code
 * xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -pl app -am verify -Dtest=ScanPulseTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Real parts: every page is made durable (PNG, fsync, SQLite commit) before it is shown;
 * thumbnails are made from the scanned rasters off the FX thread; the list follows the newest page.
 * To keep the test fair on a shared 2-core machine the page pipeline runs with <b>OCR off</b>
 * (geometry, blank and barcode detection only) on <b>one worker</b>.
 */
class ScanPulseTest extends FxRobot {

  static final int SHEETS = 100;
  static final int PAGES = SHEETS * 2;

  /** The bound the issue asks for: no frame later than 100 ms. */
  static final long MAX_GAP_MS = 100;

  /**
   * The bound is enforced by default. {@code -Ddc.pulse.strict=false} relaxes it to "the window
   * never freezes" (99 % of the gaps ≤ {@link #P99_GAP_MS}, none ≥ {@link #FREEZE_MS}), for a
   * machine shared with other heavy work. The measured figures, the idle baseline and every frame
   * over {@link #NOTED_GAP_MS} are printed and written to {@code target/scan-pulse-gaps.txt} either
   * way.
   *
   * <p>History (ADR 0017): one frame of 115-145 ms about 0.5 s after the scan started showed in 3
   * of 12 runs on a quiet machine, before the station's warm-up rendered a real list of real cells
   * off screen. The first page's layout pass then took 57 ms on the FX thread (cell creation, class
   * loading, CSS of new cells); after it, 22 ms, and the longest frames of 6 runs were 39-60 ms.
   */
  static final boolean STRICT = !"false".equals(System.getProperty("dc.pulse.strict"));

  /** Frames longer than this are listed with their time (for diagnosis beside a JFR recording). */
  static final long NOTED_GAP_MS = 50;

  static final long P99_GAP_MS = 250;
  static final long FREEZE_MS = 1500;

  /** For diagnosis only ({@code -Ddc.pulse.stageOnly=true}): no page pipeline at all. */
  static final boolean STAGE_ONLY = Boolean.getBoolean("dc.pulse.stageOnly");

  /**
   * For measurement only ({@code -Ddc.pulse.ocr=true}): the whole default pipeline (PP-OCR, OCR of
   * every page) on as many workers as the workstation uses (one core fewer than the machine has),
   * or on {@code -Ddc.pulse.workers=N}. Not the default: the bound then also depends on how this
   * machine's cores share the OCR. Figures in ADR 0017.
   */
  static final boolean FULL_PIPELINE = Boolean.getBoolean("dc.pulse.ocr");

  @TempDir Path tmp;
  StagingStore store;
  ScanStation station;
  Stage stage;

  @AfterEach
  void close() throws Exception {
    if (station != null) {
      WaitForAsyncUtils.asyncFx(station::close).get(120, TimeUnit.SECONDS);
    }
    FxToolkit.cleanupStages();
    if (store != null) {
      store.close();
    }
  }

  @Test
  void twoHundredPagesAtTwoHundredPerMinuteKeepTheWindowSmoothAndLoseNoPage() throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    store = StagingStore.open(tmp.resolve("store"));
    WaitForAsyncUtils.asyncFx(
            () -> {
              javafx.application.Application.setUserAgentStylesheet(
                  new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
              station =
                  new ScanStation(
                      store,
                      new ScanModel.Settings(
                          STAGE_ONLY
                              ? null
                              : FULL_PIPELINE
                                  ? Pipelines.analyzers()
                                  : Pipelines.analyzers(Pipelines.withoutOcr()),
                          STAGE_ONLY ? null : Pipelines.boundaries(),
                          FULL_PIPELINE
                              ? Integer.getInteger(
                                  "dc.pulse.workers", ScanModel.Settings.defaultWorkers())
                              : 1,
                          "tester",
                          false));
              station.showOptions(
                  ScanOptions.defaults().withSource(ScanSource.ADF_DUPLEX).withDpi(200));
              stage.setScene(new Scene(station.root(), 1400, 900));
              stage.show();
            })
        .get();
    station
        .model()
        .useDevice("simulated:builtin?sheets=" + SHEETS + "&ppm=200")
        .get(60, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            WaitForAsyncUtils.asyncFx(() -> station.model().deviceProperty().get() != null).get());

    station.model().warmedUp().get(120, TimeUnit.SECONDS);
    List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
    List<String> slow = Collections.synchronizedList(new ArrayList<>());
    long[] t0 = {0};
    AnimationTimer pulse =
        new AnimationTimer() {
          long last;

          @Override
          public void handle(long now) {
            if (last != 0) {
              long gap = (now - last) / 1_000_000;
              gaps.add(gap);
              if (gap > NOTED_GAP_MS && t0[0] != 0) {
                slow.add(
                    String.format(
                        "%.1fs(%tT.%<tL):%dms",
                        (now - t0[0]) / 1e9, System.currentTimeMillis(), gap));
              }
            }
            last = now;
          }
        };
    // The machine's own noise first: the same timer for 5 s with the window idle.
    WaitForAsyncUtils.asyncFx(pulse::start).get();
    Thread.sleep(5000);
    List<Long> idle = new ArrayList<>(gaps);
    gaps.clear();
    Collections.sort(idle);
    long start = System.nanoTime();
    t0[0] = start;
    WaitForAsyncUtils.asyncFx(station::scan).get();
    ListView<PageItem> list = lookup("#thumbnails").queryListView();
    WaitForAsyncUtils.waitFor(
        240,
        TimeUnit.SECONDS,
        () ->
            WaitForAsyncUtils.asyncFx(
                    () ->
                        list.getItems().size() == PAGES
                            && station.model().sessionProperty().get()
                                == ScanModel.SessionState.IDLE)
                .get());
    double minutes = (System.nanoTime() - start) / 60e9;
    WaitForAsyncUtils.asyncFx(pulse::stop).get();

    List<Long> sorted = new ArrayList<>(gaps);
    Collections.sort(sorted);
    long max = sorted.getLast();
    long p99 = sorted.get((int) Math.floor(sorted.size() * 0.99) - 1);
    long p50 = sorted.get(sorted.size() / 2);
    String report =
        String.format(
            "pulse gaps over %d frames while scanning %d pages in %.2f min (%.0f pages/min):"
                + " max %d ms, p99 %d ms, p50 %d ms; frames > %d ms: %d"
                + " (idle window before the scan, same machine load: max %d ms, p99 %d ms)%n",
            sorted.size(),
            PAGES,
            minutes,
            PAGES / minutes,
            max,
            p99,
            p50,
            MAX_GAP_MS,
            sorted.stream().filter(g -> g > MAX_GAP_MS).count(),
            idle.isEmpty() ? -1 : idle.getLast(),
            idle.isEmpty() ? -1 : idle.get(Math.max(0, (int) Math.floor(idle.size() * 0.99) - 1)));
    long drain = WaitForAsyncUtils.asyncFx(() -> station.model().longestDrainMillis()).get();
    List<String> slowDrains = WaitForAsyncUtils.asyncFx(() -> station.model().slowDrains()).get();
    report +=
        "longest drain of the update queue on the FX thread: "
            + drain
            + " ms; drains over 50 ms (wall clock, FX thread possibly descheduled): "
            + slowDrains
            + System.lineSeparator();
    report +=
        "frames over "
            + NOTED_GAP_MS
            + " ms (time since scan start(wall clock):gap): "
            + slow
            + System.lineSeparator();
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "scan-pulse-gaps.txt"), report);

    // No page lost: all 200 in the store, in feeding order (read back from the pixels).
    long batch = WaitForAsyncUtils.asyncFx(() -> station.model().batchProperty().get().id()).get();
    List<Page> pages = store.pages(batch);
    assertThat(pages).hasSize(PAGES);
    for (int i = 0; i < PAGES; i++) {
      Page p = pages.get(i);
      var img = ImageIO.read(new ByteArrayInputStream(store.readOriginal(p.id())));
      int sheet = i / 2 + 1;
      Side side = i % 2 == 0 ? Side.FRONT : Side.BACK;
      assertThat(SyntheticPages.decode(img, p.dpi()))
          .as("page %d", i + 1)
          .isEqualTo((sheet << 1) | (side == Side.BACK ? 1 : 0));
    }
    // Thumbnails are real: the newest pages on screen have their pictures.
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(() -> list.getItems().getLast().thumb() != null).get());
    assertThat(gaps).isNotEmpty();
    long idleMax = idle.isEmpty() ? -1 : idle.getLast();
    boolean strict = STRICT;
    String mode =
        strict
            ? "bound enforced: every gap <= " + MAX_GAP_MS + " ms"
            : "no freeze (idle max "
                + idleMax
                + " ms): p99 <= "
                + P99_GAP_MS
                + " ms, none >= "
                + FREEZE_MS
                + " ms";
    System.out.println(mode);
    Files.writeString(
        Path.of("target", "scan-pulse-gaps.txt"),
        mode + System.lineSeparator(),
        java.nio.file.StandardOpenOption.APPEND);
    if (strict) {
      assertThat(max).as(report).isLessThanOrEqualTo(MAX_GAP_MS);
    } else {
      assertThat(p99).as(report).isLessThanOrEqualTo(P99_GAP_MS);
      assertThat(max).as(report).isLessThan(FREEZE_MS);
    }
  }
}
