package com.dossiercapture.scanner.sane;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.ScanSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names SANE backends use for sources and colour modes, from the data file {@code
 * sane-names.json} (backends disagree: "ADF Duplex", "Automatic Document Feeder", "ADF Front"...).
 */
public final class SaneNames {

  private final Map<ScanSource, List<String>> sources = new EnumMap<>(ScanSource.class);
  private final Map<ColourMode, List<String>> modes = new EnumMap<>(ColourMode.class);

  private SaneNames(JsonNode root) {
    for (ScanSource s : ScanSource.values()) {
      sources.put(s, strings(root.path("sources").path(s.name())));
    }
    for (ColourMode m : ColourMode.values()) {
      modes.put(m, strings(root.path("modes").path(m.name())));
    }
  }

  /** The mapping bundled with the driver. */
  public static SaneNames bundled() {
    try (InputStream in = SaneNames.class.getResourceAsStream("sane-names.json")) {
      if (in == null) {
        throw new IllegalStateException("sane-names.json is missing from the driver jar");
      }
      return new SaneNames(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("sane-names.json is not valid JSON", e);
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return List.copyOf(out);
  }

  /** Known backend names for a source, in preference order. */
  public List<String> namesFor(ScanSource s) {
    return sources.get(s);
  }

  /** Known backend names for a mode, in preference order. */
  public List<String> namesFor(ColourMode m) {
    return modes.get(m);
  }

  /** The entry of the device's list that means {@code s}, if it has one. */
  public Optional<String> pick(ScanSource s, List<String> offered) {
    return pick(sources.get(s), offered);
  }

  /** The entry of the device's list that means {@code m}, if it has one. */
  public Optional<String> pick(ColourMode m, List<String> offered) {
    return pick(modes.get(m), offered);
  }

  /** Which source a backend's name means, if known. */
  public Optional<ScanSource> sourceOf(String backendName) {
    for (var e : sources.entrySet()) {
      if (contains(e.getValue(), backendName)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** Which colour mode a backend's name means, if known. */
  public Optional<ColourMode> modeOf(String backendName) {
    for (var e : modes.entrySet()) {
      if (contains(e.getValue(), backendName)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private static boolean contains(List<String> known, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return known.stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(n));
  }

  private static Optional<String> pick(List<String> known, List<String> offered) {
    if (offered == null) {
      return Optional.empty();
    }
    for (String k : known) {
      for (String o : offered) {
        if (o.equalsIgnoreCase(k)) {
          return Optional.of(o);
        }
      }
    }
    return Optional.empty();
  }
}
