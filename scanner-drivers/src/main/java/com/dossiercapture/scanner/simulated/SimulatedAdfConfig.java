package com.dossiercapture.scanner.simulated;

import com.dossiercapture.scanner.FaultKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A simulated duplex ADF: which pages it replays, how fast, and which faults it injects at which
 * pages. Encoded in the device id so a command line or profile can name it: {@code
 * simulated:builtin?sheets=20&ppm=200&jam=5&doublefeed=9} or {@code
 * simulated:/scans/batch1?ppm=60}.
 *
 * @param folder images to replay in file-name order (front, back, front, back... in duplex), or
 *     empty for the built-in generated set
 * @param sheets sheets in the built-in set
 * @param pagesPerMinute feeding speed (pages, i.e. sides, per minute); 0 = as fast as possible
 * @param faults 1-based page number (in feeding order) to the fault raised when that page starts
 */
public record SimulatedAdfConfig(
    Optional<Path> folder, int sheets, double pagesPerMinute, Map<Integer, FaultKind> faults) {

  public SimulatedAdfConfig {
    faults = Map.copyOf(faults);
    if (sheets < 0 || pagesPerMinute < 0) {
      throw new IllegalArgumentException("sheets and ppm must not be negative");
    }
  }

  /** The demo device: 10 built-in sheets at 60 pages per minute, no faults. */
  public static SimulatedAdfConfig demo() {
    return new SimulatedAdfConfig(Optional.empty(), 10, 60, Map.of());
  }

  /** The local part of a device id for this configuration. */
  public String toLocalId() {
    StringBuilder sb = new StringBuilder(folder.map(Path::toString).orElse("builtin"));
    sb.append("?sheets=").append(sheets).append("&ppm=").append(fmt(pagesPerMinute));
    Map<FaultKind, StringBuilder> byKind = new TreeMap<>();
    new TreeMap<>(faults)
        .forEach(
            (page, kind) -> {
              StringBuilder b = byKind.computeIfAbsent(kind, k -> new StringBuilder());
              if (b.length() > 0) {
                b.append(',');
              }
              b.append(page);
            });
    byKind.forEach((k, v) -> sb.append('&').append(paramOf(k)).append('=').append(v));
    return sb.toString();
  }

  /**
   * Parses a local id ({@code builtin?...} or a folder path with optional {@code ?...}).
   *
   * @throws IllegalArgumentException naming the bad parameter and the accepted ones
   */
  public static SimulatedAdfConfig parse(String localId) {
    String base = localId;
    String query = "";
    int q = localId.indexOf('?');
    if (q >= 0) {
      base = localId.substring(0, q);
      query = localId.substring(q + 1);
    }
    Optional<Path> folder =
        base.isEmpty() || base.equals("builtin") ? Optional.empty() : Optional.of(Path.of(base));
    int sheets = 10;
    double ppm = 60;
    Map<Integer, FaultKind> faults = new TreeMap<>();
    for (String kv : query.split("&")) {
      if (kv.isBlank()) {
        continue;
      }
      int eq = kv.indexOf('=');
      String k = eq < 0 ? kv : kv.substring(0, eq);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      try {
        switch (k) {
          case "sheets" -> sheets = Integer.parseInt(v);
          case "ppm" -> ppm = Double.parseDouble(v);
          case "jam", "doublefeed", "coveropen", "lost" -> {
            for (String p : v.split(",")) {
              faults.put(Integer.parseInt(p.trim()), kindOf(k));
            }
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown simulated ADF parameter '"
                      + k
                      + "': use sheets, ppm, jam, doublefeed, coveropen, lost");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "simulated ADF parameter " + k + " needs a number, got '" + v + "'", e);
      }
    }
    return new SimulatedAdfConfig(folder, sheets, ppm, faults);
  }

  private static FaultKind kindOf(String param) {
    return switch (param) {
      case "jam" -> FaultKind.PAPER_JAM;
      case "doublefeed" -> FaultKind.DOUBLE_FEED;
      case "coveropen" -> FaultKind.COVER_OPEN;
      default -> FaultKind.DEVICE_LOST;
    };
  }

  private static String paramOf(FaultKind k) {
    return switch (k) {
      case PAPER_JAM -> "jam";
      case DOUBLE_FEED -> "doublefeed";
      case COVER_OPEN -> "coveropen";
      default -> "lost";
    };
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
