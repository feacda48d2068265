package com.dossiercapture.scanner.sane;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 500 pages through the real libsane (50 ADF sessions of 10 pages, each opening and closing the
 * device): every native buffer we allocate is freed, and the process's resident set does not grow
 * with the page count.
 */
class SaneLeakTest {

  @Test
  void fiveHundredPagesLeaveNoNativeMemoryBehind() throws Exception {
    // Opt-in soak of libsane in THIS process: the SANE 1.2.1 test backend wedges in about one run
    // in three (its reader thread blocks on glibc's malloc lock, left held by a thread cancelled
    // inside malloc), which hangs the process. The workstation therefore runs libsane in a child
    // process (IsolatedSaneDriver, ADR 0009), whose 500-page soak runs in every build
    // (IsolatedSaneDriverTest); this in-process check of our own native buffers stays opt-in.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Boolean.getBoolean("dc.sane.soak"),
        "skipped: the 500-page SANE soak runs with -Ddc.sane.soak=true (the libsane test backend can"
            + " hang in sane_read over hundreds of sessions)");
    SaneTestBackend.resetOptions();
    SaneDriver driver = SaneTestBackend.driver();
    DeviceInfo dev = SaneTestBackend.device(driver, "test:0");
    ScanOptions o =
        new ScanOptions(ScanSource.ADF_FRONT, 25, ColourMode.GREY, PageSize.A5, 0, 0, 0, Map.of());
    AtomicInteger pages = new AtomicInteger();
    ScanEvents count = p -> pages.incrementAndGet();

    // warm-up: JIT, JNA stubs, first-touch of malloc arenas
    for (int i = 0; i < 10; i++) {
      driver.scan(dev, o, count, new ScanCancellation());
    }
    long liveBefore = NativeBuffers.live();
    long totalBefore = NativeBuffers.total();
    long rssBefore = rssKb();
    pages.set(0);
    for (int i = 0; i < 50; i++) {
      ScanResult r = driver.scan(dev, o, count, new ScanCancellation());
      assertThat(r.pagesDelivered()).isEqualTo(10);
    }
    System.gc();
    long rssAfter = rssKb();
    assertThat(pages.get()).isEqualTo(500);
    assertThat(NativeBuffers.total() - totalBefore).as("buffers were allocated").isPositive();
    assertThat(NativeBuffers.live()).as("native buffers still allocated").isEqualTo(liveBefore);
    assertThat(SaneTestBackend.runtime().openHandles()).isZero();
    // Each page is ~20 KB; leaking the read buffer (64 KB) per page alone would add 32 MB.
    assertThat(rssAfter - rssBefore).as("RSS growth in KB over 500 pages").isLessThan(24 * 1024);
    System.out.printf(
        "SANE leak check: 500 pages, RSS %d KB -> %d KB (%+d KB)%n",
        rssBefore, rssAfter, rssAfter - rssBefore);
  }

  private static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }
}
