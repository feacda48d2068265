package com.dossiercapture.scanner;

import java.nio.file.Path;
import java.util.List;

/**
 * What device discovery should look for.
 *
 * @param includeTest also offer test devices: the SANE {@code test} backend (A4 at 300 dpi) and the
 *     simulated ADF with its built-in page set; the demo default when no scanner is attached
 * @param hotFolders folders network scanners write into; each becomes a {@code folder:} device
 */
public record DiscoveryOptions(boolean includeTest, List<Path> hotFolders) {

  public DiscoveryOptions {
    hotFolders = hotFolders == null ? List.of() : List.copyOf(hotFolders);
  }

  /** Real devices only. */
  public static DiscoveryOptions realOnly() {
    return new DiscoveryOptions(false, List.of());
  }

  /** Real devices plus the test devices. */
  public static DiscoveryOptions withTestDevices() {
    return new DiscoveryOptions(true, List.of());
  }
}
