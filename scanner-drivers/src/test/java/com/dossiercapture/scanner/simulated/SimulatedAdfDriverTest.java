package com.dossiercapture.scanner.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.RecordingEvents;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedAdfDriverTest {

  private final SimulatedAdfDriver driver = new SimulatedAdfDriver();
  private static final ScanOptions DUPLEX =
      new ScanOptions(ScanSource.ADF_DUPLEX, 100, ColourMode.GREY, PageSize.A4, 0, 0, 0, Map.of());

  private DeviceInfo dev(String local) throws ScannerException {
    return driver.resolve("simulated:" + local).orElseThrow();
  }

  /** The code drawn on each page must match the sheet/side the driver reported. */
  private static void assertPixelsMatchNumbering(List<ScannedPage> pages) {
    for (ScannedPage p : pages) {
      int code = SyntheticPages.decode(p.image(), p.dpi());
      assertThat(code >> 1).as("sheet drawn on page %d", p.pageIndex()).isEqualTo(p.sheet());
      assertThat((code & 1) == 1 ? Side.BACK : Side.FRONT).isEqualTo(p.side());
    }
  }

  @Test
  void discoveryOffersTheDemoFeederOnlyWithTestDevices() {
    assertThat(driver.devices(DiscoveryOptions.realOnly())).isEmpty();
    assertThat(driver.devices(DiscoveryOptions.withTestDevices()))
        .singleElement()
        .satisfies(d -> assertThat(d.id()).startsWith("simulated:builtin"));
  }

  @Test
  void duplexReplaysFrontBackInOrder() throws Exception {
    RecordingEvents ev = new RecordingEvents();
    ScanResult r = driver.scan(dev("builtin?sheets=4&ppm=0"), DUPLEX, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(ev.pages).extracting(ScannedPage::sheet).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
    assertThat(ev.pages)
        .extracting(ScannedPage::side)
        .containsExactly(
            Side.FRONT,
            Side.BACK,
            Side.FRONT,
            Side.BACK,
            Side.FRONT,
            Side.BACK,
            Side.FRONT,
            Side.BACK);
    assertThat(ev.pages.get(0).image().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertPixelsMatchNumbering(ev.pages);
    assertThat(ev.of(ScanEvent.AdfEmpty.class)).containsExactly(new ScanEvent.AdfEmpty(8));
  }

  @Test
  void jamOnABackSideIsClearedAndTheSheetIsRefed() throws Exception {
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.RESUME);
    ScanResult r =
        driver.scan(dev("builtin?sheets=4&ppm=0&jam=4"), DUPLEX, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(ev.faults).extracting(f -> f.kind()).containsExactly(FaultKind.PAPER_JAM);
    assertThat(ev.faults.get(0).pagesDeliveredBefore()).isEqualTo(3);
    // sheet 2's front came, its back jammed; the operator re-fed sheet 2
    assertThat(ev.pages).extracting(ScannedPage::sheet).containsExactly(1, 1, 2, 2, 2, 3, 3, 4, 4);
    assertPixelsMatchNumbering(ev.pages);
    assertThat(ev.of(ScanEvent.FaultCleared.class)).hasSize(1);
  }

  @Test
  void doubleFeedWithStopKeepsPagesBefore() throws Exception {
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.STOP);
    ScanResult r =
        driver.scan(dev("builtin?sheets=4&ppm=0&doublefeed=3"), DUPLEX, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.STOPPED_ON_FAULT);
    assertThat(r.pagesDelivered()).isEqualTo(2);
    assertThat(r.faults()).extracting(f -> f.kind()).containsExactly(FaultKind.DOUBLE_FEED);
  }

  @Test
  void coverOpenThenResumeDeliversEverything() throws Exception {
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.RESUME);
    ScanResult r =
        driver.scan(dev("builtin?sheets=3&ppm=0&coveropen=1"), DUPLEX, ev, new ScanCancellation());
    assertThat(r.pagesDelivered()).isEqualTo(6);
    assertThat(r.faults()).extracting(f -> f.kind()).containsExactly(FaultKind.COVER_OPEN);
  }

  @Test
  void deviceLostEndsTheSessionWithoutAsking() throws Exception {
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.RESUME);
    ScanResult r =
        driver.scan(dev("builtin?sheets=4&ppm=0&lost=5"), DUPLEX, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.STOPPED_ON_FAULT);
    assertThat(r.pagesDelivered()).isEqualTo(4);
    assertThat(ev.faults).isEmpty();
    assertThat(r.faults().get(0).resumable()).isFalse();
  }

  @Test
  void feedsAtTheChosenSpeed() throws Exception {
    RecordingEvents ev = new RecordingEvents();
    long t0 = System.nanoTime();
    driver.scan(
        dev("builtin?sheets=3&ppm=600"),
        DUPLEX.withDpi(50),
        ev,
        new ScanCancellation()); // 6 pages, 100 ms apart
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ev.pages).hasSize(6);
    assertThat(ms).isBetween(450L, 3000L);
  }

  @Test
  void cancelFromAnotherThread() throws Exception {
    ScanCancellation cancel = new ScanCancellation();
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void page(ScannedPage p) throws Exception {
            super.page(p);
            if (p.pageIndex() == 1) {
              Thread.ofVirtual().start(cancel::cancel);
            }
          }
        };
    long t0 = System.nanoTime();
    ScanResult r = driver.scan(dev("builtin?sheets=50&ppm=60"), DUPLEX.withDpi(50), ev, cancel);
    assertThat(r.end()).isEqualTo(ScanResult.End.CANCELLED);
    assertThat(r.pagesDelivered()).isEqualTo(2);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1900); // not a full 1 s period late
  }

  @Test
  void replaysAFolderInNameOrder(@TempDir Path dir) throws Exception {
    for (int i = 1; i <= 4; i++) {
      BufferedImage img =
          SyntheticPages.render(
              (i + 1) / 2, i % 2 == 1 ? Side.FRONT : Side.BACK, 60, ColourMode.COLOUR);
      ImageIO.write(img, "png", dir.resolve("scan-" + i + ".png").toFile());
    }
    RecordingEvents ev = new RecordingEvents();
    String id = "simulated:" + dir + "?ppm=0";
    ScanResult r =
        driver.scan(
            driver.resolve(id).orElseThrow(), DUPLEX.withDpi(60), ev, new ScanCancellation());
    assertThat(r.pagesDelivered()).isEqualTo(4);
    assertPixelsMatchNumbering(ev.pages);
    assertThat(ev.pages.get(2).origin()).contains(dir.resolve("scan-3.png"));
  }

  @Test
  void configurationRoundTripsAndBadParametersAreExplained() {
    SimulatedAdfConfig c = SimulatedAdfConfig.parse("builtin?sheets=7&ppm=200&jam=3,9&lost=12");
    assertThat(c.faults())
        .containsEntry(3, FaultKind.PAPER_JAM)
        .containsEntry(9, FaultKind.PAPER_JAM)
        .containsEntry(12, FaultKind.DEVICE_LOST);
    assertThat(SimulatedAdfConfig.parse(c.toLocalId())).isEqualTo(c);
    assertThatThrownBy(() -> SimulatedAdfConfig.parse("builtin?speed=3"))
        .hasMessageContaining("unknown simulated ADF parameter 'speed'");
    assertThatThrownBy(() -> SimulatedAdfConfig.parse("builtin?jam=x"))
        .hasMessageContaining("needs a number");
  }

  @Test
  void flatbedIsRefused() {
    assertThatThrownBy(
            () ->
                driver.scan(
                    dev("builtin"),
                    DUPLEX.withSource(ScanSource.FLATBED),
                    new RecordingEvents(),
                    new ScanCancellation()))
        .hasMessageContaining("only a document feeder");
  }
}
