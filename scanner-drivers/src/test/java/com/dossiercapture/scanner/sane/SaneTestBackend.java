package com.dossiercapture.scanner.sane;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.ScannerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real SANE {@code test} backend through a private configuration directory (dll.conf with only
 * {@code test}; test.conf copied from /etc with geometry_max 300, resolution 300). Shared by all
 * SANE tests in the JVM because sane_init is process-global.
 */
final class SaneTestBackend {

  private static SaneSetup setup;

  private SaneTestBackend() {}

  static synchronized SaneSetup setup() {
    SaneRuntime rt = runtime();
    if (setup == null) {
      try {
        setup = SaneSetup.testOnly(Files.createTempDirectory("dc-sane-test-"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return setup;
  }

  static SaneRuntime runtime() {
    try {
      return SaneRuntime.shared();
    } catch (SaneException e) {
      assumeTrue(
          false, "skipped: libsane is not installed (apt install libsane1): " + e.getMessage());
      throw new AssertionError(e);
    }
  }

  static SaneDriver driver() {
    return new SaneDriver(runtime(), runtime().library(), setup());
  }

  static SaneDriver driver(SaneLibrary api) {
    return new SaneDriver(runtime(), api, setup());
  }

  static DeviceInfo device(SaneDriver d, String name) throws ScannerException {
    return d.devices(DiscoveryOptions.withTestDevices()).stream()
        .filter(x -> x.localId().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("SANE test backend did not list " + name));
  }

  /**
   * The test backend keeps option values between opens within a process, so every test starts by
   * putting back the defaults of the options tests change.
   */
  static void resetOptions() throws ScannerException {
    SaneDriver d = driver();
    for (String name : new String[] {"test:0", "test:1"}) {
      try (SaneHandle h = d.open(device(d, name))) {
        h.set("mode", "Color");
        h.set("three-pass", "no");
        h.set("mode", "Gray");
        h.set("depth", "8");
        for (String[] kv :
            new String[][] {
              {"hand-scanner", "no"},
              {"read-limit", "no"},
              {"read-delay", "no"},
              {"read-return-value", "Default"},
              {"fuzzy-parameters", "no"},
              {"non-blocking", "no"},
              {"enable-test-options", "no"},
              {"test-picture", "Solid black"},
              {"source", "Flatbed"}
            }) {
          h.set(kv[0], kv[1]);
        }
      }
    }
  }

  static Path configDir() {
    return Path.of(setup().configDirValue());
  }
}
