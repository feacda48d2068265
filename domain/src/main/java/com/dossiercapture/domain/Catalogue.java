package com.dossiercapture.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dossier catalogue (卷宗目录): the document types a page is classified into, in their standard
 * order. A court edits the data file ({@code default-catalogue.json} is the shipped default), not
 * code. Besides its entries, two page kinds exist that are not documents: {@link #SEPARATOR} and
 * {@link #BLANK}.
 */
public final class Catalogue {

  /** Page kind of a batch control sheet. */
  public static final String SEPARATOR = "separator";

  /** Page kind of an empty side. */
  public static final String BLANK = "blank";

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,40}");

  private final String name;
  private final int version;
  private final Map<String, CatalogueEntry> byCode;

  private Catalogue(String name, int version, List<CatalogueEntry> entries) {
    this.name = name;
    this.version = version;
    Map<String, CatalogueEntry> map = new LinkedHashMap<>();
    entries.stream()
        .sorted(Comparator.comparingInt(CatalogueEntry::order))
        .forEach(e -> map.put(e.code(), e));
    this.byCode = java.util.Collections.unmodifiableMap(map);
  }

  /** The default catalogue shipped with the product (catalogue.md). */
  public static Catalogue loadDefault() {
    try (InputStream in = Catalogue.class.getResourceAsStream("default-catalogue.json")) {
      if (in == null) {
        throw new IllegalStateException("default-catalogue.json is missing from the domain jar");
      }
      return read(in, "default-catalogue.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads a catalogue file a court edited.
   *
   * @throws CatalogueException with a message naming the file and the problem
   */
  public static Catalogue load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new CatalogueException("cannot read catalogue file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Catalogue read(InputStream in, String where) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    CatalogueFile f;
    try {
      f = mapper.readValue(in, CatalogueFile.class);
    } catch (IOException e) {
      throw new CatalogueException(where + " is not a valid catalogue file: " + e.getMessage(), e);
    }
    if (f.entries == null || f.entries.isEmpty()) {
      throw new CatalogueException(where + " has no entries");
    }
    Set<String> codes = new HashSet<>();
    Set<Integer> orders = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (CatalogueEntry e : f.entries) {
      if (e.code() == null || !CODE.matcher(e.code()).matches()) {
        problems.add(
            "entry "
                + e.order()
                + ": code '"
                + e.code()
                + "' must be lower-case letters, digits and _");
      } else if (e.code().equals(SEPARATOR) || e.code().equals(BLANK)) {
        problems.add("code '" + e.code() + "' is reserved for pages that are not documents");
      } else if (!codes.add(e.code())) {
        problems.add("code '" + e.code() + "' appears twice");
      }
      if (!orders.add(e.order())) {
        problems.add("order " + e.order() + " appears twice");
      }
      if (e.title() == null || e.title().isBlank()) {
        problems.add("entry '" + e.code() + "' has no title");
      }
    }
    if (!problems.isEmpty()) {
      throw new CatalogueException(where + ": " + String.join("; ", problems));
    }
    return new Catalogue(f.name, f.version, f.entries);
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  /** Entries in the standard order. */
  public List<CatalogueEntry> entries() {
    return List.copyOf(byCode.values());
  }

  public Optional<CatalogueEntry> entry(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** True for a catalogue code or one of the two page kinds that are not documents. */
  public boolean isKnownPageType(String code) {
    return byCode.containsKey(code) || SEPARATOR.equals(code) || BLANK.equals(code);
  }

  /** Position of a type in the standard order; unknown types sort last. */
  public int orderOf(String code) {
    CatalogueEntry e = byCode.get(code);
    return e == null ? Integer.MAX_VALUE : e.order();
  }

  /** The JSON shape of a catalogue file. */
  static final class CatalogueFile {
    public String name;
    public String nameEn;
    public String source;
    public int version;
    public List<CatalogueEntry> entries;
  }
}
