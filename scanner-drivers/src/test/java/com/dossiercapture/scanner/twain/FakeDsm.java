package com.dossiercapture.scanner.twain;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Compiles src/test/c/fake_twain_dsm.c with gcc into a temporary directory (once per JVM) and loads
 * it through the same JNA path the driver uses for TWAINDSM.dll.
 */
final class FakeDsm {

  /** The fake's test-control exports. */
  interface Control extends Library {
    int fake_configure(String key, int value);

    int fake_state();

    long fake_layout(String what);

    int fake_live_containers();
  }

  private static Path lib;

  private FakeDsm() {}

  static synchronized Path library() throws Exception {
    if (lib == null) {
      Path src = Path.of("src/test/c/fake_twain_dsm.c").toAbsolutePath();
      assumeTrue(Files.isRegularFile(src), "skipped: " + src + " not found (run from the module)");
      Path dir = Files.createTempDirectory("dc-fake-twain-");
      Path out = dir.resolve("libfaketwaindsm.so");
      Process p;
      try {
        p =
            new ProcessBuilder(
                    "gcc",
                    "-shared",
                    "-fPIC",
                    "-O1",
                    "-pthread",
                    "-Wall",
                    "-o",
                    out.toString(),
                    src.toString())
                .redirectErrorStream(true)
                .start();
      } catch (java.io.IOException e) {
        assumeTrue(false, "skipped: gcc is not installed (apt install gcc): " + e.getMessage());
        throw e;
      }
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("gcc failed to build the fake DSM:\n" + log);
      }
      lib = out;
    }
    return lib;
  }

  static Control control() throws Exception {
    return Native.load(library().toString(), Control.class);
  }

  static TwainLibrary dsm() throws Exception {
    return TwainDriver.loadDsm(library().toString());
  }
}
