package com.dossiercapture.scanner.sane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which SANE configuration {@code sane_init} reads: the system's ({@code /etc/sane.d}) or a private
 * directory we write, pointed to by {@code SANE_CONFIG_DIR}. /etc is never edited.
 *
 * @param configDirValue the value for {@code SANE_CONFIG_DIR}, or null to keep the process's own
 *     value (the system configuration)
 * @param providesTest whether the configuration enables the {@code test} backend
 */
public record SaneSetup(String configDirValue, boolean providesTest) {

  private static final Path SYSTEM_DIR = Path.of("/etc/sane.d");

  /** The system configuration, untouched. */
  public static SaneSetup system() {
    return new SaneSetup(null, false);
  }

  /**
   * A private directory with only the {@code test} backend (no network probing, fast): what tests
   * and the benchmark use. The test device is A4-capable at 300 dpi ({@code geometry_max 300},
   * {@code resolution 300}).
   */
  public static SaneSetup testOnly(Path dir) {
    writeConfig(dir, List.of("test"));
    return new SaneSetup(dir.toAbsolutePath().toString(), true);
  }

  /**
   * The demo configuration: every backend the system enables plus {@code test}; the trailing path
   * separator makes SANE fall back to the system directories for the other backends' files.
   */
  public static SaneSetup systemPlusTest(Path dir) {
    List<String> backends = new ArrayList<>(systemBackends());
    backends.add("test");
    writeConfig(dir, backends);
    return new SaneSetup(dir.toAbsolutePath() + java.io.File.pathSeparator, true);
  }

  /** Backends enabled in the system's dll.conf (uncommented lines). */
  static List<String> systemBackends() {
    Path dll = SYSTEM_DIR.resolve("dll.conf");
    if (!Files.isRegularFile(dll)) {
      return List.of();
    }
    try {
      Set<String> out = new LinkedHashSet<>();
      for (String line : Files.readAllLines(dll)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Writes {@code dll.conf} with the given backends and a {@code test.conf}: the system's copy with
   * {@code geometry_max 300.0} and {@code resolution 300.0} (so an A4 page fits at 300 dpi), or our
   * own equivalent when the system has none.
   */
  static void writeConfig(Path dir, List<String> backends) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("dll.conf"), String.join("\n", backends) + "\n");
      Path sys = SYSTEM_DIR.resolve("test.conf");
      List<String> lines = new ArrayList<>();
      if (Files.isRegularFile(sys)) {
        for (String line : Files.readAllLines(sys)) {
          String t = line.strip();
          if (t.startsWith("geometry_max")) {
            lines.add("geometry_max 300.0");
          } else if (t.startsWith("resolution ")) {
            lines.add("resolution 300.0");
          } else {
            lines.add(line);
          }
        }
      } else {
        lines.addAll(
            List.of(
                "number_of_devices 2",
                "mode Gray",
                "depth 8",
                "resolution_min 1.0",
                "resolution_max 1200.0",
                "resolution_quant 1.0",
                "resolution 300.0",
                "geometry_min 0.0",
                "geometry_max 300.0",
                "geometry_quant 1.0"));
      }
      Files.write(dir.resolve("test.conf"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the private SANE configuration in " + dir, e);
    }
  }
}
