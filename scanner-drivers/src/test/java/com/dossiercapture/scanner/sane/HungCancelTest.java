package com.dossiercapture.scanner.sane;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.RecordingEvents;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.sun.jna.Pointer;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backend whose {@code sane_cancel} never returns (seen with the test backend under heavy load)
 * must not freeze the acquisition thread: the session reports the device lost and ends, keeping the
 * pages delivered before.
 */
// Runs in a child JVM started by SaneInProcessSuiteTest (libsane's test backend can wedge the
// process that hosts it; the suite retries a wedged child), not directly in surefire's JVM.
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(
    named = "dc.sane.inprocess",
    matches = "true")
@Timeout(60)
class HungCancelTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Pointer abandoned;

  @AfterEach
  void releaseTheHungCallAndTheDevice() {
    System.clearProperty("dc.sane.cancelTimeoutMs");
    release.countDown(); // let the abandoned cancel thread finish
    if (abandoned != null) {
      // The driver gave the handle up without closing it (closing would have hung too); free the
      // test device for the other tests.
      SaneLibrary real = SaneTestBackend.runtime().library();
      real.sane_cancel(abandoned);
      real.sane_close(abandoned);
    }
  }

  @Test
  void aCancelThatNeverReturnsEndsTheSessionWithTheDeviceLost() throws Exception {
    System.setProperty("dc.sane.cancelTimeoutMs", "1500");
    FaultArmingLibrary[] arm = new FaultArmingLibrary[1];
    SaneLibrary faulting =
        FaultArmingLibrary.arming(
            SaneTestBackend.runtime().library(), 2, "SANE_STATUS_IO_ERROR", arm);
    boolean[] hung = {false};
    SaneLibrary hanging =
        (SaneLibrary)
            Proxy.newProxyInstance(
                SaneLibrary.class.getClassLoader(),
                new Class<?>[] {SaneLibrary.class},
                (p, m, a) -> {
                  if (m.getName().equals("sane_cancel") && arm[0].starts() >= 2 && !hung[0]) {
                    hung[0] = true;
                    abandoned = (Pointer) a[0];
                    release.await(); // the backend hangs here
                    return null;
                  }
                  return m.invoke(faulting, a);
                });
    SaneDriver d = SaneTestBackend.driver(hanging);
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.RESUME);
    long t0 = System.nanoTime();
    ScanResult r =
        d.scan(
            SaneTestBackend.device(d, "test:0"),
            SaneDriverTest.opts(ScanSource.ADF_FRONT, 30, ColourMode.GREY),
            ev,
            new ScanCancellation());
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertThat(hung[0]).as("the hung cancel was reached").isTrue();
    assertThat(seconds).isLessThan(30);
    assertThat(ev.pages).hasSize(1); // the page before the fault is kept
    assertThat(r.faults())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FaultKind.DEVICE_LOST);
              assertThat(f.resumable()).isFalse();
            });
    assertThat(r.end()).isEqualTo(ScanResult.End.STOPPED_ON_FAULT);
  }
}
