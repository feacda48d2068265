package com.dossiercapture.sync.receiver;

import com.dossiercapture.sync.api.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the reference receiver keeps on disk. Every file is written to {@code tmp/}, fsync'd and
 * renamed into place, then its folder is fsync'd, so a killed receiver never shows a half file.
 *
 * <pre>
 * pages/ab/abcdef…           page images, named by their SHA-256 (verified on receipt)
 * cases/&lt;key&gt;/v3.json        a committed manifest, byte for byte as received
 * cases/&lt;key&gt;/v3.receipt.json its receipt (written last: its presence is the commit)
 * commits.log                one JSON line per new commit (never for a replay)
 * </pre>
 */
public final class ReceiverStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A committed dossier version. */
  public record Commit(
      String receipt,
      String caseNumber,
      int version,
      String manifestSha256,
      int pageCount,
      Instant committedAt) {}

  /** The result of storing a page. */
  public record PageStored(String sha256, long byteSize, boolean created) {}

  /** The result of a commit: new, or a replay of an earlier identical one. */
  public record CommitResult(Commit commit, boolean created) {}

  private final Path dir;
  private final Path pages;
  private final Path cases;
  private final Path tmp;
  private final Path log;
  private final Object commitLock = new Object();
  private final Object pageLock = new Object();
  private final AtomicLong pagesCreated = new AtomicLong();
  private final AtomicLong pagesRepeated = new AtomicLong();

  /** Opens (creating) the store in that folder; leftovers of an interrupted write are removed. */
  public ReceiverStore(Path dir) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    this.pages = this.dir.resolve("pages");
    this.cases = this.dir.resolve("cases");
    this.tmp = this.dir.resolve("tmp");
    this.log = this.dir.resolve("commits.log");
    Files.createDirectories(pages);
    Files.createDirectories(cases);
    Files.createDirectories(tmp);
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : s.toList()) {
        Files.deleteIfExists(p);
      }
    }
    reconcileLog();
  }

  public Path directory() {
    return dir;
  }

  /** Where the page with that hash is (or would be) kept. */
  public Path pagePath(String sha256) {
    return pages.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  public boolean hasPage(String sha256) {
    return Files.isRegularFile(pagePath(sha256));
  }

  /** Number of page files held. */
  public int pageCount() throws IOException {
    try (Stream<Path> s = Files.walk(pages)) {
      return (int) s.filter(Files::isRegularFile).count();
    }
  }

  /** Pages newly stored since start, and uploads of pages already held. */
  public long[] pageCounters() {
    return new long[] {pagesCreated.get(), pagesRepeated.get()};
  }

  /**
   * Stores a page from a request body, verifying that the bytes hash to {@code sha256}.
   *
   * @throws Refusal PAGE_TOO_LARGE or HASH_MISMATCH
   */
  PageStored putPage(String sha256, InputStream body, long maxBytes, long bytesPerSecond)
      throws IOException, Refusal {
    Path part = tmp.resolve(UUID.randomUUID() + ".part");
    MessageDigest md = sha256Digest();
    long n = 0;
    try {
      try (FileChannel ch =
              FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out =
              new DigestOutputStream(java.nio.channels.Channels.newOutputStream(ch), md)) {
        byte[] buf = new byte[64 * 1024];
        long start = System.nanoTime();
        int r;
        while ((r = body.read(buf, 0, bytesPerSecond > 0 ? 4096 : buf.length)) > 0) {
          n += r;
          if (n > maxBytes) {
            throw new Refusal(
                413,
                ErrorCode.PAGE_TOO_LARGE,
                "the page is larger than the " + maxBytes + " bytes this server accepts");
          }
          out.write(buf, 0, r);
          if (bytesPerSecond > 0) {
            long dueNanos = n * 1_000_000_000L / bytesPerSecond;
            long ahead = dueNanos - (System.nanoTime() - start);
            if (ahead > 0) {
              sleep(ahead / 1_000_000L);
            }
          }
        }
        out.flush();
        ch.force(true);
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (!actual.equals(sha256)) {
        throw new Refusal(
            422,
            ErrorCode.HASH_MISMATCH,
            "the "
                + n
                + " bytes received hash to "
                + actual
                + ", not to "
                + sha256
                + " (damaged in transit?)");
      }
      Path target = pagePath(sha256);
      synchronized (pageLock) {
        if (Files.isRegularFile(target)) {
          pagesRepeated.incrementAndGet();
          return new PageStored(sha256, Files.size(target), false);
        }
        Files.createDirectories(target.getParent());
        move(part, target);
        fsyncDirectory(target.getParent());
        pagesCreated.incrementAndGet();
        return new PageStored(sha256, n, true);
      }
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Which of these hashes are held. */
  public Set<String> present(List<String> hashes) {
    Set<String> out = new HashSet<>();
    for (String h : hashes) {
      if (hasPage(h)) {
        out.add(h);
      }
    }
    return out;
  }

  /** The committed version, if it has been committed. */
  public Optional<Commit> version(String caseNumber, int version) throws IOException {
    Path receipt = caseDir(caseNumber).resolve("v" + version + ".receipt.json");
    if (!Files.isRegularFile(receipt)) {
      return Optional.empty();
    }
    return Optional.of(commitOf(JSON.readTree(receipt.toFile())));
  }

  /** The manifest bytes of a committed version. */
  public Optional<byte[]> manifest(String caseNumber, int version) throws IOException {
    Path f = caseDir(caseNumber).resolve("v" + version + ".json");
    return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
  }

  /**
   * Commits a dossier version whose manifest was validated, once: the same bytes again replay the
   * first receipt; other bytes for a committed version are a conflict.
   *
   * @throws Refusal VERSION_CONFLICT, or MISSING_PAGES naming the pages not yet uploaded
   */
  CommitResult commit(String caseNumber, int version, byte[] manifest, List<String> pageHashes)
      throws IOException, Refusal {
    String sha = sha256Hex(manifest);
    synchronized (commitLock) {
      Optional<Commit> existing = version(caseNumber, version);
      if (existing.isPresent()) {
        if (existing.get().manifestSha256().equals(sha)) {
          return new CommitResult(existing.get(), false);
        }
        throw new Refusal(
            409,
            ErrorCode.VERSION_CONFLICT,
            "version "
                + version
                + " of "
                + caseNumber
                + " was already committed with another manifest (SHA-256 "
                + existing.get().manifestSha256()
                + "); send the changes as a new version");
      }
      List<String> missing = new ArrayList<>();
      for (String h : new java.util.LinkedHashSet<>(pageHashes)) {
        if (!hasPage(h)) {
          missing.add(h);
        }
      }
      if (!missing.isEmpty()) {
        throw new Refusal(
            409,
            ErrorCode.MISSING_PAGES,
            missing.size() + " page(s) of the manifest have not been uploaded",
            missing);
      }
      Path cd = caseDir(caseNumber);
      Files.createDirectories(cd);
      writeDurably(cd.resolve("v" + version + ".json"), manifest);
      Commit c =
          new Commit(
              UUID.randomUUID().toString(),
              caseNumber,
              version,
              sha,
              new HashSet<>(pageHashes).size(),
              Instant.now());
      byte[] receipt = JSON.writeValueAsBytes(toJson(c));
      writeDurably(cd.resolve("v" + version + ".receipt.json"), receipt);
      fsyncDirectory(cd);
      fsyncDirectory(cases);
      appendLog(c);
      return new CommitResult(c, true);
    }
  }

  /** Every commit, in the order they happened (from {@code commits.log}). */
  public List<Commit> commits() throws IOException {
    List<Commit> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(commitOf(JSON.readTree(line)));
      }
    }
    return out;
  }

  static ObjectNode toJson(Commit c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("state", "committed");
    n.put("receipt", c.receipt());
    n.put("caseNumber", c.caseNumber());
    n.put("version", c.version());
    n.put("manifestSha256", c.manifestSha256());
    n.put("pageCount", c.pageCount());
    n.put("committedAt", c.committedAt().toString());
    return n;
  }

  private static Commit commitOf(JsonNode n) {
    return new Commit(
        n.path("receipt").asText(),
        n.path("caseNumber").asText(),
        n.path("version").asInt(),
        n.path("manifestSha256").asText(),
        n.path("pageCount").asInt(),
        Instant.parse(n.path("committedAt").asText()));
  }

  private Path caseDir(String caseNumber) {
    // A case number has brackets and Han characters: the folder is named by its hash instead.
    return cases.resolve(sha256Hex(caseNumber.getBytes(StandardCharsets.UTF_8)).substring(0, 32));
  }

  /** A receipt whose log line was lost (killed between the two writes) gets its line back. */
  private void reconcileLog() throws IOException {
    Set<String> logged = new HashSet<>();
    for (Commit c : commits()) {
      logged.add(c.receipt());
    }
    List<Commit> missing = new ArrayList<>();
    try (Stream<Path> s = Files.walk(cases)) {
      for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".receipt.json")).toList()) {
        Commit c = commitOf(JSON.readTree(p.toFile()));
        if (!logged.contains(c.receipt())) {
          missing.add(c);
        }
      }
    }
    missing.sort(java.util.Comparator.comparing(Commit::committedAt));
    for (Commit c : missing) {
      appendLog(c);
    }
  }

  private void appendLog(Commit c) throws IOException {
    byte[] line = (JSON.writeValueAsString(toJson(c)) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  private void writeDurably(Path target, byte[] bytes) throws IOException {
    Path part = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      try (FileChannel ch =
          FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      move(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void fsyncDirectory(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Windows cannot open a folder as a channel; NTFS journals the rename itself.
    }
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Digest().digest(bytes));
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the page", e);
    }
  }
}
