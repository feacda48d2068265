package com.dossiercapture.scanner.bench;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.sane.SaneDriver;
import com.dossiercapture.scanner.sane.SaneRuntime;
import com.dossiercapture.scanner.sane.SaneSetup;
import com.dossiercapture.scanner.simulated.SimulatedAdfConfig;
import com.dossiercapture.scanner.simulated.SimulatedAdfDriver;
import com.dossiercapture.scanner.simulated.SyntheticPages;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driver throughput, driver only (pages are counted, not stored):
 *
 * <ol>
 *   <li>the real SANE {@code test} backend, A4 at 300 dpi grey, through the feeder (10 sheets per
 *       session);
 *   <li>the simulated duplex ADF paced at 200 pages/min, checking that no page is lost or reordered
 *       (each page carries its sheet and side in its pixels).
 * </ol>
 *
 * <p>Run: {@code mvn -pl scanner-drivers exec:java} or {@code java
 * --enable-native-access=ALL-UNNAMED -cp ... com.dossiercapture.scanner.bench.DriverBenchmark
 * [saneSessions] [simSheets]}.
 */
public final class DriverBenchmark {

  private DriverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int saneSessions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int simSheets = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    sane(saneSessions);
    simulated(simSheets);
  }

  private static void sane(int sessions) throws Exception {
    SaneRuntime rt;
    try {
      rt = SaneRuntime.shared();
    } catch (Exception e) {
      System.out.println("SANE: skipped, " + e.getMessage());
      return;
    }
    java.nio.file.Path config = Files.createTempDirectory("dc-bench-sane-");
    saneRun("in process", new SaneDriver(rt, rt.library(), SaneSetup.testOnly(config)), sessions);
    com.dossiercapture.scanner.sane.IsolatedSaneDriver isolated =
        new com.dossiercapture.scanner.sane.IsolatedSaneDriver(
            "test:" + config, java.time.Duration.ofSeconds(60));
    try {
      saneRun("SANE host process (default)", isolated, sessions);
    } finally {
      isolated.shutdown();
    }
  }

  private static void saneRun(
      String label, com.dossiercapture.scanner.ScannerDriver driver, int sessions)
      throws Exception {
    DeviceInfo dev =
        driver.devices(DiscoveryOptions.withTestDevices()).stream()
            .filter(d -> d.localId().equals("test:0"))
            .findFirst()
            .orElseThrow();
    ScanOptions o =
        new ScanOptions(
            ScanSource.ADF_FRONT,
            300,
            ColourMode.GREY,
            PageSize.A4,
            0,
            0,
            0,
            Map.of("test-picture", "Grid"));
    driver.scan(dev, o.withMaxPages(2), p -> {}, new ScanCancellation()); // warm-up
    int[] pages = {0};
    int[] size = {0, 0};
    long t0 = System.nanoTime();
    for (int i = 0; i < sessions; i++) {
      driver.scan(
          dev,
          o,
          p -> {
            pages[0]++;
            size[0] = p.image().getWidth();
            size[1] = p.image().getHeight();
          },
          new ScanCancellation());
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "SANE test backend %s, A4 300 dpi grey (%dx%d), driver only: %d pages in %.2f s ="
            + " %.0f pages/min (%.1f ms/page)%n",
        label, size[0], size[1], pages[0], s, pages[0] / s * 60, s * 1000 / pages[0]);
  }

  private static void simulated(int sheets) throws Exception {
    SimulatedAdfDriver driver = new SimulatedAdfDriver();
    SimulatedAdfConfig cfg = new SimulatedAdfConfig(Optional.empty(), sheets, 200, Map.of());
    DeviceInfo dev = SimulatedAdfDriver.device(cfg);
    ScanOptions o =
        new ScanOptions(
            ScanSource.ADF_DUPLEX, 300, ColourMode.GREY, PageSize.A4, 0, 0, 0, Map.of());
    List<int[]> seen = new ArrayList<>();
    long t0 = System.nanoTime();
    ScanResult r =
        driver.scan(
            dev,
            o,
            (ScannedPage p) -> {
              int code = SyntheticPages.decode(p.image(), p.dpi());
              seen.add(new int[] {p.sheet(), p.side() == Side.BACK ? 1 : 0, code});
            },
            new ScanCancellation());
    double s = (System.nanoTime() - t0) / 1e9;
    int lostOrReordered = 0;
    for (int i = 0; i < seen.size(); i++) {
      int[] e = seen.get(i);
      int expectCode = ((i / 2 + 1) << 1) | (i % 2);
      if (e[2] != expectCode || ((e[0] << 1) | e[1]) != expectCode) {
        lostOrReordered++;
      }
    }
    int expected = sheets * 2;
    System.out.printf(
        "Simulated duplex ADF at 200 pages/min, A4 300 dpi grey: %d of %d pages in %.2f s = %.0f"
            + " pages/min; lost %d, out of order %d%n",
        r.pagesDelivered(),
        expected,
        s,
        r.pagesDelivered() / s * 60,
        expected - seen.size(),
        lostOrReordered);
    if (seen.size() != expected || lostOrReordered != 0) {
      System.exit(1);
    }
  }
}
