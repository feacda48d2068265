package com.dossiercapture.scanner.sane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.Pnm;
import com.dossiercapture.scanner.RecordingEvents;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SANE driver against the real libsane {@code test} backend (no hardware, no mocks). */
// Runs in a child JVM started by SaneInProcessSuiteTest (libsane's test backend can wedge the
// process that hosts it; the suite retries a wedged child), not directly in surefire's JVM.
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(
    named = "dc.sane.inprocess",
    matches = "true")
@org.junit.jupiter.api.Timeout(120) // a hung backend call fails the test instead of the whole run
class SaneDriverTest {

  private final SaneDriver driver = SaneTestBackend.driver();

  @org.junit.jupiter.api.BeforeEach
  void resetTestBackend() throws Exception {
    SaneTestBackend.resetOptions();
  }

  static ScanOptions opts(ScanSource src, int dpi, ColourMode mode) {
    return new ScanOptions(src, dpi, mode, PageSize.A5, 0, 0, 0, Map.of());
  }

  @Test
  void discoveryOffersTestDevicesOnlyWhenAsked() throws Exception {
    List<DeviceInfo> withTest = driver.devices(DiscoveryOptions.withTestDevices());
    assertThat(withTest).extracting(DeviceInfo::id).contains("sane:test:0", "sane:test:1");
    assertThat(withTest).allMatch(DeviceInfo::test);
    assertThat(driver.devices(DiscoveryOptions.realOnly())).isEmpty();
  }

  @Test
  void capabilitiesAreReadFromTheDescriptors() throws Exception {
    DeviceCapabilities caps = driver.capabilities(SaneTestBackend.device(driver, "test:0"));
    assertThat(caps.sources()).containsExactlyInAnyOrder(ScanSource.FLATBED, ScanSource.ADF_FRONT);
    assertThat(caps.colourModes())
        .containsExactlyInAnyOrder(ColourMode.GREY, ColourMode.COLOUR, ColourMode.BLACK_AND_WHITE);
    assertThat(caps.minDpi()).isEqualTo(1);
    assertThat(caps.maxDpi()).isEqualTo(1200);
    assertThat(caps.resolutions()).contains(300, 600);
    assertThat(caps.maxWidthMm()).isEqualTo(300.0); // geometry_max 300 from the private test.conf
    assertThat(caps.backendOptionNames()).contains("read-return-value", "three-pass");
  }

  @Test
  void optionsReloadAndFixedPointAndInexact() throws Exception {
    try (SaneHandle h = driver.open(SaneTestBackend.device(driver, "test:0"))) {
      h.set("mode", "Gray");
      assertThat(h.option("three-pass").orElseThrow().active()).isFalse();
      h.set("mode", "Color"); // RELOAD_OPTIONS: three-pass becomes active
      assertThat(h.option("three-pass").orElseThrow().active()).isTrue();
      SaneOption res = h.option("resolution").orElseThrow();
      assertThat(res.type()).isEqualTo(SaneLibrary.TYPE_FIXED);
      assertThat(h.set("resolution", "150")).isEqualTo("150");
      assertThat(h.getNumber(res)).isEqualTo(150.0);
      h.set("enable-test-options", "yes");
      assertThat(h.set("fixed-constraint-range", "2.5")).isNotEmpty();
      String took = h.set("int-inexact", "5"); // the backend changes it and answers INEXACT
      assertThat(took).isNotEqualTo("5");
      assertThatThrownBy(() -> h.set("three-pass-order", "RGB"))
          .isInstanceOf(SaneException.class)
          .hasMessageContaining("inactive");
      assertThatThrownBy(() -> h.set("no-such-option", "1"))
          .hasMessageContaining("has no option 'no-such-option'");
    }
  }

  @Test
  void unknownDeviceIsExplained() {
    DeviceInfo ghost = new DeviceInfo("sane:test:9", "sane", "ghost", "", "", true);
    assertThatThrownBy(() -> driver.capabilities(ghost))
        .isInstanceOf(SaneException.class)
        .hasMessageContaining("test:9");
  }

  /** Our decoding of each frame format is compared with scanimage's PNM of the same device. */
  @ParameterizedTest
  @CsvSource({
    "GREY, Gray, 8, false, P5",
    "COLOUR, Color, 8, false, P6",
    "COLOUR, Color, 8, true, P6",
    "BLACK_AND_WHITE, Gray, 1, false, P4"
  })
  void framesMatchScanimage(
      ColourMode mode, String saneMode, int depth, boolean threePass, String pnm) throws Exception {
    assumeTrue(
        Files.isExecutable(java.nio.file.Path.of("/usr/bin/scanimage")),
        "skipped: scanimage (sane-utils) not installed");
    ScanOptions o =
        opts(ScanSource.FLATBED, 50, mode).withBackendOption("test-picture", "Color pattern");
    if (threePass) {
      o = o.withBackendOption("three-pass", "yes");
    }
    RecordingEvents ev = new RecordingEvents();
    ScanResult r =
        driver.scan(SaneTestBackend.device(driver, "test:0"), o, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(ev.pages).hasSize(1);
    BufferedImage img = ev.pages.get(0).image();
    assertThat(ev.pages.get(0).colourMode()).isEqualTo(mode);
    assertThat(ev.pages.get(0).dpi()).isEqualTo(50);

    List<String> cmd =
        new ArrayList<>(
            List.of(
                "scanimage",
                "-d",
                "test:0",
                "--format=pnm",
                "--mode",
                saneMode,
                "--depth",
                Integer.toString(depth),
                "--resolution",
                "50",
                "-l",
                "0",
                "-t",
                "0",
                "-x",
                "148",
                "-y",
                "210",
                "--test-picture",
                "Color pattern"));
    if (threePass) {
      cmd.add("--three-pass=yes");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SANE_CONFIG_DIR", SaneTestBackend.configDir().toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Pnm ref = Pnm.parse(out);
    assertThat(ref.kind()).isEqualTo(pnm.charAt(1));
    assertThat(img.getWidth()).isEqualTo(ref.width());
    assertThat(img.getHeight()).isEqualTo(ref.height());
    byte[] ours = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    switch (pnm) {
      case "P5" -> {
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(ours).isEqualTo(ref.data());
      }
      case "P6" -> {
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < ref.data().length; i += 3) {
          if (ours[i] != ref.data()[i + 2]
              || ours[i + 1] != ref.data()[i + 1]
              || ours[i + 2] != ref.data()[i]) {
            throw new AssertionError("pixel " + i / 3 + " differs from scanimage");
          }
        }
      }
      default -> {
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_BINARY);
        int stride = (ref.width() + 7) / 8;
        int mask = ref.width() % 8 == 0 ? 0xff : (0xff << (8 - ref.width() % 8)) & 0xff;
        for (int i = 0; i < ref.data().length; i++) {
          int m = (i % stride == stride - 1) ? mask : 0xff;
          // PBM: 1 = black; Java binary: 0 = black
          assertThat((~ours[i]) & m).as("byte %d", i).isEqualTo(ref.data()[i] & m);
        }
      }
    }
  }

  @Test
  void unknownLineCountPageEndsAtEof() throws Exception {
    ScanOptions o =
        opts(ScanSource.FLATBED, 40, ColourMode.GREY).withBackendOption("hand-scanner", "yes");
    RecordingEvents ev = new RecordingEvents();
    driver.scan(SaneTestBackend.device(driver, "test:0"), o, ev, new ScanCancellation());
    assertThat(ev.pages).hasSize(1);
    BufferedImage img = ev.pages.get(0).image();
    assertThat(img.getWidth()).isEqualTo((int) (40 * 110 / 25.4)); // hand scanner: 110 mm wide
    assertThat(img.getHeight()).isEqualTo((int) (40 * 170 / 25.4)); // 170 mm long, told only by EOF
  }

  @Test
  void fuzzyParametersAndSlowSmallReadsStillGiveExactPages() throws Exception {
    ScanOptions o =
        opts(ScanSource.FLATBED, 60, ColourMode.GREY)
            .withBackendOption("fuzzy-parameters", "yes")
            .withBackendOption("read-limit", "yes")
            .withBackendOption("read-limit-size", "1000")
            .withBackendOption("read-delay", "yes")
            .withBackendOption("read-delay-duration", "1000");
    RecordingEvents ev = new RecordingEvents();
    ScanResult r =
        driver.scan(SaneTestBackend.device(driver, "test:0"), o, ev, new ScanCancellation());
    assertThat(ev.pages).as("%s %s", r, ev.events).hasSize(1);
    BufferedImage img = ev.pages.get(0).image();
    assertThat(img.getWidth()).isEqualTo((int) (60 * 148 / 25.4));
    assertThat(img.getHeight()).isEqualTo((int) (60 * 210 / 25.4));
  }

  @Test
  void adfDeliversPagesUntilNoDocs() throws Exception {
    RecordingEvents ev = new RecordingEvents();
    ScanResult r =
        driver.scan(
            SaneTestBackend.device(driver, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(r.pagesDelivered()).isEqualTo(10); // the test backend's feeder holds 10 sheets
    assertThat(ev.pages)
        .extracting(ScannedPage::sheet)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(ev.pages).extracting(ScannedPage::side).containsOnly(Side.FRONT);
    assertThat(ev.of(ScanEvent.AdfEmpty.class)).containsExactly(new ScanEvent.AdfEmpty(10));
    assertThat(ev.of(ScanEvent.PageStarted.class)).hasSize(10);
  }

  @Test
  void pageLimitStopsEarly() throws Exception {
    RecordingEvents ev = new RecordingEvents();
    ScanResult r =
        driver.scan(
            SaneTestBackend.device(driver, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY).withMaxPages(3),
            ev,
            new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.PAGE_LIMIT);
    assertThat(ev.pages).hasSize(3);
  }

  @Test
  void duplexOnADeviceWithoutItIsRefusedWithWhatItOffers() {
    assertThatThrownBy(
            () ->
                driver.scan(
                    SaneTestBackend.device(driver, "test:0"),
                    opts(ScanSource.ADF_DUPLEX, 30, ColourMode.GREY),
                    new RecordingEvents(),
                    new ScanCancellation()))
        .isInstanceOf(ScannerException.class)
        .hasMessageContaining("no source for adf-duplex")
        .hasMessageContaining("Automatic Document Feeder");
  }

  /**
   * A fault armed on the real backend for page 4: pages 1-3 kept, fault reported, cleared, go on.
   */
  @ParameterizedTest
  @CsvSource({
    "SANE_STATUS_JAMMED, PAPER_JAM",
    "SANE_STATUS_COVER_OPEN, COVER_OPEN",
    "SANE_STATUS_DEVICE_BUSY, DEVICE_BUSY",
    "SANE_STATUS_IO_ERROR, DEVICE_LOST",
    "SANE_STATUS_ACCESS_DENIED, ACCESS_DENIED"
  })
  void resumableFaultKeepsPagesAndContinues(String status, FaultKind kind) throws Exception {
    FaultArmingLibrary[] arm = new FaultArmingLibrary[1];
    SaneDriver d =
        SaneTestBackend.driver(
            FaultArmingLibrary.arming(SaneTestBackend.runtime().library(), 4, status, arm));
    RecordingEvents ev =
        new RecordingEvents(
            f -> {
              arm[0].clear();
              return FaultAction.RESUME;
            });
    ScanResult r =
        d.scan(
            SaneTestBackend.device(d, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    assertThat(ev.faults).hasSize(1);
    assertThat(ev.faults.get(0).kind()).isEqualTo(kind);
    assertThat(ev.faults.get(0).pagesDeliveredBefore()).isEqualTo(3);
    assertThat(ev.faults.get(0).detail()).contains(status);
    assertThat(ev.of(ScanEvent.FaultCleared.class)).hasSize(1);
    // the jammed start used one of the backend's 10 sheets; the other 9 all arrive
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(r.pagesDelivered()).isEqualTo(9);
    assertThat(ev.pages)
        .extracting(ScannedPage::pageIndex)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(ev.pages).extracting(ScannedPage::sheet).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    int started = ev.of(ScanEvent.PageStarted.class).size();
    assertThat(started).isEqualTo(10); // the faulted page had started
  }

  @Test
  void operatorStoppingAfterAFaultEndsCleanlyWithPagesKept() throws Exception {
    FaultArmingLibrary[] arm = new FaultArmingLibrary[1];
    SaneDriver d =
        SaneTestBackend.driver(
            FaultArmingLibrary.arming(
                SaneTestBackend.runtime().library(), 3, "SANE_STATUS_JAMMED", arm));
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.STOP);
    ScanResult r =
        d.scan(
            SaneTestBackend.device(d, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.STOPPED_ON_FAULT);
    assertThat(r.pagesDelivered()).isEqualTo(2);
    assertThat(r.faults()).extracting(f -> f.kind()).containsExactly(FaultKind.PAPER_JAM);
    assertThat(ev.faults.get(0).message()).contains("jammed").contains("2 page(s)");
    // later the operator clears the jam; the device was left usable: a new session on it works
    SaneTestBackend.resetOptions();
    RecordingEvents again = new RecordingEvents();
    driver.scan(
        SaneTestBackend.device(driver, "test:0"),
        opts(ScanSource.FLATBED, 30, ColourMode.GREY),
        again,
        new ScanCancellation());
    assertThat(again.pages).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
    "SANE_STATUS_NO_MEM",
    "SANE_STATUS_INVAL",
    "SANE_STATUS_UNSUPPORTED",
    "SANE_STATUS_EOF"
  })
  void backendErrorsEndTheSessionCleanly(String status) throws Exception {
    FaultArmingLibrary[] arm = new FaultArmingLibrary[1];
    SaneDriver d =
        SaneTestBackend.driver(
            FaultArmingLibrary.arming(SaneTestBackend.runtime().library(), 2, status, arm));
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.RESUME);
    ScanResult r =
        d.scan(
            SaneTestBackend.device(d, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.STOPPED_ON_FAULT);
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(r.faults()).hasSize(1);
    assertThat(r.faults().get(0).kind()).isEqualTo(FaultKind.DEVICE_ERROR);
    assertThat(r.faults().get(0).resumable()).isFalse();
    assertThat(ev.faults).isEmpty(); // not resumable: the operator is not asked to clear it
  }

  @Test
  void noDocsMidPageMeansTheFeederIsEmpty() throws Exception {
    FaultArmingLibrary[] arm = new FaultArmingLibrary[1];
    SaneDriver d =
        SaneTestBackend.driver(
            FaultArmingLibrary.arming(
                SaneTestBackend.runtime().library(), 5, "SANE_STATUS_NO_DOCS", arm));
    RecordingEvents ev = new RecordingEvents();
    ScanResult r =
        d.scan(
            SaneTestBackend.device(d, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(r.pagesDelivered()).isEqualTo(4);
    assertThat(ev.of(ScanEvent.AdfEmpty.class)).containsExactly(new ScanEvent.AdfEmpty(4));
  }

  @Test
  void deviceCancelledFromTheScannerEndsAsCancelled() throws Exception {
    FaultArmingLibrary[] arm = new FaultArmingLibrary[1];
    SaneDriver d =
        SaneTestBackend.driver(
            FaultArmingLibrary.arming(
                SaneTestBackend.runtime().library(), 2, "SANE_STATUS_CANCELLED", arm));
    RecordingEvents ev = new RecordingEvents();
    ScanResult r =
        d.scan(
            SaneTestBackend.device(d, "test:0"),
            opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.CANCELLED);
    assertThat(r.pagesDelivered()).isEqualTo(1);
  }

  @Test
  void busyDeviceAtOpenIsAFaultTheOperatorCanClear() throws Exception {
    DeviceInfo dev = SaneTestBackend.device(driver, "test:1");
    SaneHandle other = driver.open(dev); // another "program" holds the device
    RecordingEvents ev =
        new RecordingEvents(
            f -> {
              other.close();
              return FaultAction.RESUME;
            });
    ScanResult r =
        driver.scan(dev, opts(ScanSource.FLATBED, 30, ColourMode.GREY), ev, new ScanCancellation());
    assertThat(ev.faults).extracting(f -> f.kind()).containsExactly(FaultKind.DEVICE_BUSY);
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(r.faults()).hasSize(1);
  }

  @Test
  void pageRefusedByTheStoreStopsTheSessionWithPagesKept() throws Exception {
    List<ScannedPage> stored = new ArrayList<>();
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void page(ScannedPage page) throws Exception {
            if (page.pageIndex() == 2) {
              throw new java.io.IOException("disk full");
            }
            stored.add(page);
          }
        };
    assertThatThrownBy(
            () ->
                driver.scan(
                    SaneTestBackend.device(driver, "test:0"),
                    opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
                    ev,
                    new ScanCancellation()))
        .isInstanceOf(ScannerException.class)
        .hasMessageContaining("disk full")
        .hasMessageContaining("2 page(s) before it are kept")
        .hasMessageContaining("rescan from sheet 3");
    assertThat(stored).hasSize(2);
  }

  @Test
  void cancelFromAnotherThreadMidPage() throws Exception {
    // A slow page (delayed, small reads) so the cancel lands while it is being read.
    ScanOptions o =
        new ScanOptions(ScanSource.ADF_FRONT, 150, ColourMode.GREY, PageSize.A4, 0, 0, 0, Map.of())
            .withBackendOption("read-limit", "yes")
            .withBackendOption("read-limit-size", "4096")
            .withBackendOption("read-delay", "yes")
            .withBackendOption("read-delay-duration", "20000");
    ScanCancellation cancel = new ScanCancellation();
    long[] cancelledAt = new long[1];
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void event(ScanEvent e) {
            super.event(e);
            if (e instanceof ScanEvent.PageStarted s && s.pageIndex() == 1) {
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          Thread.sleep(150);
                        } catch (InterruptedException ignored) {
                          Thread.currentThread().interrupt();
                        }
                        cancelledAt[0] = System.nanoTime();
                        cancel.cancel();
                      });
            }
          }
        };
    ScanResult r = driver.scan(SaneTestBackend.device(driver, "test:0"), o, ev, cancel);
    long latencyMs = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
    assertThat(r.end()).isEqualTo(ScanResult.End.CANCELLED);
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(ev.of(ScanEvent.Cancelled.class)).containsExactly(new ScanEvent.Cancelled(1));
    assertThat(latencyMs).as("cancel latency").isLessThan(1000);
    // the device is usable right after
    RecordingEvents again = new RecordingEvents();
    driver.scan(
        SaneTestBackend.device(driver, "test:0"),
        opts(ScanSource.FLATBED, 30, ColourMode.GREY),
        again,
        new ScanCancellation());
    assertThat(again.pages).hasSize(1);
  }
}
