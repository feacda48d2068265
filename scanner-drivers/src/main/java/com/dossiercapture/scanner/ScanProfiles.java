package com.dossiercapture.scanner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the administrator's scan profiles as a JSON array. Writes go to a temporary file
 * that is then moved into place, so a crash never leaves half a file.
 */
public final class ScanProfiles {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ScanProfiles() {}

  /** Serialises profiles to JSON text. */
  public static String toJson(List<ScanProfile> profiles) {
    try {
      return JSON.writeValueAsString(profiles);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise scan profiles: " + e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text into profiles.
   *
   * @throws IllegalArgumentException with the JSON location and what is wrong
   */
  public static List<ScanProfile> fromJson(String json) {
    try {
      ScanProfile[] arr = JSON.readValue(json, ScanProfile[].class);
      List<ScanProfile> list = new ArrayList<>(Arrays.asList(arr));
      long distinct = list.stream().map(ScanProfile::name).distinct().count();
      if (distinct != list.size()) {
        throw new IllegalArgumentException("scan profile names must be unique");
      }
      return List.copyOf(list);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(
          "the scan profile file is not valid: "
              + e.getOriginalMessage()
              + " at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ". Fix it or restore it from a backup; no profile was changed.",
          e);
    }
  }

  /** Loads profiles from a file; a missing file means no profiles. */
  public static List<ScanProfile> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return fromJson(Files.readString(file));
  }

  /** Saves profiles atomically (write to a sibling temp file, fsync, then move over). */
  public static void save(Path file, List<ScanProfile> profiles) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (var ch =
          java.nio.channels.FileChannel.open(
              tmp,
              java.nio.file.StandardOpenOption.WRITE,
              java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(
            java.nio.ByteBuffer.wrap(
                toJson(profiles).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The profile with this name. */
  public static Optional<ScanProfile> byName(List<ScanProfile> profiles, String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
