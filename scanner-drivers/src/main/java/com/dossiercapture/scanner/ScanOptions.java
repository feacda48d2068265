package com.dossiercapture.scanner;

import com.dossiercapture.domain.ColourMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a scan session is asked for, in one backend-neutral model. Each driver maps it to its
 * backend's own names (see {@code sane-names.json} for SANE).
 *
 * @param source flatbed, ADF front or ADF duplex
 * @param dpi resolution in dots per inch; the driver picks the nearest the device offers
 * @param colourMode colour, grey or black-and-white
 * @param pageSize scan area, or {@link PageSize#AUTO}
 * @param brightness -100..100, 0 = device default
 * @param contrast -100..100, 0 = device default
 * @param maxPages stop after this many delivered pages; 0 = until the feeder is empty
 * @param backendOptions backend-specific options by the backend's own name, applied last (for SANE:
 *     option name to value, e.g. {@code swdeskew=yes}); an administrator's escape hatch
 */
public record ScanOptions(
    ScanSource source,
    int dpi,
    ColourMode colourMode,
    PageSize pageSize,
    int brightness,
    int contrast,
    int maxPages,
    Map<String, String> backendOptions)
    implements java.io.Serializable {

  public ScanOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(colourMode, "colourMode");
    pageSize = pageSize == null ? PageSize.AUTO : pageSize;
    if (dpi < 10 || dpi > 9600) {
      throw new IllegalArgumentException("dpi " + dpi + " is outside 10..9600");
    }
    if (brightness < -100 || brightness > 100 || contrast < -100 || contrast > 100) {
      throw new IllegalArgumentException(
          "brightness and contrast must be within -100..100, got " + brightness + "/" + contrast);
    }
    if (maxPages < 0) {
      throw new IllegalArgumentException("maxPages must be >= 0, got " + maxPages);
    }
    backendOptions =
        backendOptions == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backendOptions));
  }

  /** 300 dpi grey A4 from the duplex feeder: the court scanning default. */
  public static ScanOptions defaults() {
    return new ScanOptions(
        ScanSource.ADF_DUPLEX, 300, ColourMode.GREY, PageSize.A4, 0, 0, 0, Map.of());
  }

  public ScanOptions withSource(ScanSource s) {
    return new ScanOptions(
        s, dpi, colourMode, pageSize, brightness, contrast, maxPages, backendOptions);
  }

  public ScanOptions withDpi(int d) {
    return new ScanOptions(
        source, d, colourMode, pageSize, brightness, contrast, maxPages, backendOptions);
  }

  public ScanOptions withColourMode(ColourMode m) {
    return new ScanOptions(
        source, dpi, m, pageSize, brightness, contrast, maxPages, backendOptions);
  }

  public ScanOptions withPageSize(PageSize p) {
    return new ScanOptions(
        source, dpi, colourMode, p, brightness, contrast, maxPages, backendOptions);
  }

  public ScanOptions withBrightnessContrast(int b, int c) {
    return new ScanOptions(source, dpi, colourMode, pageSize, b, c, maxPages, backendOptions);
  }

  public ScanOptions withMaxPages(int n) {
    return new ScanOptions(
        source, dpi, colourMode, pageSize, brightness, contrast, n, backendOptions);
  }

  /** A copy with one more backend option (later ones win). */
  public ScanOptions withBackendOption(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>(backendOptions);
    m.put(name, value);
    return new ScanOptions(source, dpi, colourMode, pageSize, brightness, contrast, maxPages, m);
  }
}
