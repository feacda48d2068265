package com.dossiercapture.staging.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The content-addressed folder of page image files beside the database: {@code
 * pages/ab/<sha256>.ext}.
 *
 * <p>Durability protocol for a new file: write it to {@code tmp/}, fsync it, rename it into place
 * atomically, fsync the folder it now lives in. Only after that may a row point at it. A file is
 * never overwritten (same name means same bytes) and never deleted here: files that must leave go
 * to {@code quarantine/}.
 */
public final class PageFiles {

  private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})\\.([a-z0-9]{2,4})");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final Path pages;
  private final Path tmp;
  private final Path quarantine;

  /** A file as stored: where it is and whether this call created it. */
  public record Stored(Path path, boolean created) {}

  /** A file found in the pages folder: its content hash and extension, from its name. */
  public record Found(Path path, String sha256, String ext) {}

  public PageFiles(Path root) {
    this.pages = root.resolve("pages");
    this.tmp = root.resolve("tmp");
    this.quarantine = root.resolve("quarantine");
    try {
      Files.createDirectories(pages);
      Files.createDirectories(tmp);
      Files.createDirectories(quarantine);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the page folders under " + root, e);
    }
  }

  /** Where the file of that content lives (whether or not it exists). */
  public Path path(String sha256, String ext) {
    return pages.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + ext);
  }

  /**
   * Makes the bytes durable under their hash. When a file of that name exists already with the
   * right size it is kept as it is (same content); a wrong-sized one is left for recovery to report
   * and this call fails.
   */
  public Stored put(byte[] bytes, String sha256, String ext) throws IOException {
    Path target = path(sha256, ext);
    if (Files.exists(target)) {
      if (Files.size(target) == bytes.length) {
        return new Stored(target, false);
      }
      throw new IOException(
          "a different file already has the name " + target.getFileName() + " (damaged store?)");
    }
    Path dir = target.getParent();
    boolean newDir = !Files.isDirectory(dir);
    if (newDir) {
      Files.createDirectories(dir);
    }
    Path part = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      try (FileChannel ch =
          FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        throw new IOException("cannot move the page file into place: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      // The part file was never acknowledged; it is ours to remove.
      Files.deleteIfExists(part);
      throw e;
    }
    fsyncDirectory(dir);
    if (newDir) {
      fsyncDirectory(pages);
    }
    return new Stored(target, true);
  }

  /** Reads a file whole. */
  public byte[] read(String sha256, String ext) throws IOException {
    return Files.readAllBytes(path(sha256, ext));
  }

  /** Every page file, by name. Stray files that are not named by a hash are reported as-is. */
  public List<Found> list() throws IOException {
    List<Found> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(pages, 2)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        var m = NAME.matcher(p.getFileName().toString());
        out.add(m.matches() ? new Found(p, m.group(1), m.group(2)) : new Found(p, null, null));
      }
    }
    return out;
  }

  /** Left-over partial writes of an interrupted ingest (never acknowledged). */
  public List<Path> partials() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /** Moves a file into quarantine (kept for a person to look at) and returns where it went. */
  public Path quarantine(Path file, String why) throws IOException {
    String name = STAMP.format(Instant.now()) + "-" + why + "-" + file.getFileName();
    Path target = quarantine.resolve(name);
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(quarantine);
    fsyncDirectory(file.getParent());
    return target;
  }

  public Path quarantineDir() {
    return quarantine;
  }

  /** Flushes a directory entry change (a rename or create) to disk. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems (and Windows) do not allow opening a directory; the rename is then as
      // durable as the platform makes it.
      if (!System.getProperty("os.name", "")
          .toLowerCase(java.util.Locale.ROOT)
          .startsWith("windows")) {
        throw e;
      }
    }
  }
}
