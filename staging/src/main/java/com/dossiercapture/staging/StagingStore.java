package com.dossiercapture.staging;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Side;
import com.dossiercapture.staging.files.PageFiles;
import com.dossiercapture.staging.image.BadImageException;
import com.dossiercapture.staging.image.FastPngEncoder;
import com.dossiercapture.staging.image.ImageProbe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The staging store: an SQLite database (WAL, foreign keys, synchronous=FULL) and a
 * content-addressed folder of page images beside it. It never loses a page:
 *
 * <ul>
 *   <li>a page is acknowledged (the ingest call returns) only after its image file is fsync'd and
 *       renamed into place and its row is committed;
 *   <li>on open it recovers: files without a row go to quarantine, rows whose file is missing or
 *       altered are marked damaged; both are recorded as incidents, nothing is dropped;
 *   <li>every read of a page checks its SHA-256;
 *   <li>deleting marks; the append-only audit log is hash-chained.
 * </ul>
 *
 * <p>One process owns a store at a time (a lock file enforces it). Methods are thread-safe: file
 * writing runs in parallel, database work is serialised on one connection.
 */
public final class StagingStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StagingStore.class);
  static final String GENESIS = "0".repeat(64);
  private static final String DB_FILE = "staging.db";

  private final Path dir;
  private final PageFiles files;
  private final Connection db;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ImageProbe.Limits limits;
  private final RecoveryReport recovery;
  private final Object dbLock = new Object();
  private boolean closed;

  private StagingStore(Path dir, ImageProbe.Limits limits) {
    this.dir = dir;
    this.limits = limits;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw fail("cannot create the store folder " + dir, e);
    }
    FileChannel ch = null;
    FileLock l;
    try {
      ch =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      l = ch.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      closeQuietly(ch);
      throw new StoreException(
          StoreException.Kind.LOCKED,
          "the store " + dir + " is open in another program (close it there first)");
    }
    this.lockChannel = ch;
    this.lock = l;
    try {
      this.files = new PageFiles(dir);
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      cfg.enforceForeignKeys(true);
      cfg.setBusyTimeout(10_000);
      this.db =
          DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DB_FILE), cfg.toProperties());
      Migrations.apply(db);
      this.recovery = recover();
    } catch (SQLException | IOException e) {
      releaseLock();
      throw fail("cannot open the store " + dir, e);
    } catch (RuntimeException e) {
      releaseLock();
      throw e;
    }
  }

  /** Opens (creating when needed) the store in that folder, migrates it and recovers. */
  public static StagingStore open(Path dir) {
    return new StagingStore(dir.toAbsolutePath().normalize(), ImageProbe.Limits.DEFAULT);
  }

  /** Opens with other image limits (tests, administrators). */
  public static StagingStore open(Path dir, ImageProbe.Limits limits) {
    return new StagingStore(dir.toAbsolutePath().normalize(), limits);
  }

  public Path directory() {
    return dir;
  }

  /** What opening this store found and did. */
  public RecoveryReport recovery() {
    return recovery;
  }

  // -------------------------------------------------------------------------------------------
  // Dossiers and batches

  /**
   * Creates the dossier of a case, or returns the existing one with that case number.
   *
   * @throws StoreException INVALID when the text is not a case number
   */
  public Dossier openDossier(String caseNumber, String court, String actor) {
    CaseNumber cn =
        CaseNumber.parse(caseNumber)
            .orElseThrow(
                () ->
                    new StoreException(
                        StoreException.Kind.INVALID,
                        "'" + caseNumber + "' is not a case number such as （2024）湘0602民初1234号"));
    return tx(
        c -> {
          Optional<Dossier> existing = findDossier(c, cn.normalised());
          if (existing.isPresent()) {
            return existing.get();
          }
          String now = Instant.now().toString();
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dossier(case_number, case_number_printed, court, created_at, updated_at)"
                      + " VALUES (?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, cn.normalised());
            ps.setString(2, cn.printed());
            ps.setString(3, court);
            ps.setString(4, now);
            ps.setString(5, now);
            ps.executeUpdate();
            id = generatedKey(ps);
          }
          audit(c, actor, "dossier.create", "dossier", Long.toString(id), cn.normalised());
          return findDossier(c, cn.normalised()).orElseThrow();
        });
  }

  /** The dossier with that case number (any printed form), if any. */
  public Optional<Dossier> findDossier(String caseNumber) {
    Optional<CaseNumber> cn = CaseNumber.parse(caseNumber);
    if (cn.isEmpty()) {
      return Optional.empty();
    }
    return read(c -> findDossier(c, cn.get().normalised()));
  }

  public Dossier dossier(long id) {
    return read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT * FROM dossier WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no dossier " + id);
              }
              return dossierOf(rs);
            }
          }
        });
  }

  /** All dossiers, newest first. */
  public List<Dossier> dossiers() {
    return read(c -> list(c, "SELECT * FROM dossier ORDER BY id DESC", StagingStore::dossierOf));
  }

  /** Starts a batch. */
  public Batch createBatch(BatchSpec spec) {
    return tx(
        c -> {
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO batch(dossier_id, operator, workstation, scanner_profile,"
                      + " expected_sheets, created_at) VALUES (?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            setLong(ps, 1, spec.dossierId());
            ps.setString(2, spec.operator());
            ps.setString(3, spec.workstation());
            ps.setString(4, spec.scannerProfile());
            setInt(ps, 5, spec.expectedSheets());
            ps.setString(6, Instant.now().toString());
            ps.executeUpdate();
            id = generatedKey(ps);
          }
          audit(
              c,
              spec.operator(),
              "batch.create",
              "batch",
              Long.toString(id),
              spec.expectedSheets() == null ? null : "expected sheets " + spec.expectedSheets());
          return batch(c, id);
        });
  }

  public Batch batch(long id) {
    return read(c -> batch(c, id));
  }

  /** All batches, newest first. */
  public List<Batch> batches() {
    return read(c -> list(c, "SELECT * FROM batch ORDER BY id DESC", StagingStore::batchOf));
  }

  // -------------------------------------------------------------------------------------------
  // Pages

  /**
   * Makes a scanned raster durable: encodes it losslessly (PNG), writes the file, commits the row.
   * Returns only when the page survives a crash.
   */
  public Page ingestRaster(long batchId, BufferedImage image, PageMeta meta) {
    ImageProbe.checkDimensions(image.getWidth(), image.getHeight(), limits);
    byte[] png = FastPngEncoder.encode(image, meta.dpi());
    return store(batchId, png, "png", image.getWidth(), image.getHeight(), meta);
  }

  /**
   * Makes an image file's bytes durable as they are (the original is kept bit for bit). The bytes
   * are checked first: format, dimensions, full decode.
   *
   * @throws StoreException BAD_IMAGE with the reason when they are not a usable page image
   */
  public Page ingestFile(long batchId, byte[] bytes, PageMeta meta) {
    ImageProbe.Info info;
    try {
      info = ImageProbe.probe(bytes, limits);
    } catch (BadImageException e) {
      throw new StoreException(
          StoreException.Kind.BAD_IMAGE, describeSource(meta) + e.getMessage(), e);
    }
    if (info.pages() > 1) {
      throw new StoreException(
          StoreException.Kind.BAD_IMAGE,
          describeSource(meta)
              + "a multi-page TIFF holds "
              + info.pages()
              + " pages: ingest each page separately");
    }
    PageMeta m =
        meta.dpi() > 0 || info.dpi() == 0
            ? meta
            : new PageMeta(
                meta.seq(),
                meta.side(),
                meta.sheet(),
                info.dpi(),
                meta.colourMode(),
                meta.source());
    return store(batchId, bytes, info.format(), info.width(), info.height(), m);
  }

  private static String describeSource(PageMeta meta) {
    return meta.source() == null ? "" : meta.source() + ": ";
  }

  private Page store(long batchId, byte[] bytes, String ext, int w, int h, PageMeta meta) {
    ensureOpen();
    String sha = sha256(bytes);
    PageFiles.Stored stored;
    try {
      stored = files.put(bytes, sha, ext);
    } catch (IOException e) {
      throw fail("cannot write the page file for " + describeSource(meta) + "into " + dir, e);
    }
    try {
      return tx(
          c -> {
            int seq = meta.seq() != null ? meta.seq() : nextSeq(c, batchId);
            String now = Instant.now().toString();
            long id;
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO page(batch_id, seq, side, sheet, sha256, format, byte_size, width,"
                        + " height, dpi, colour_mode, source, acquired_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
              ps.setLong(1, batchId);
              ps.setInt(2, seq);
              ps.setString(3, meta.side().code());
              setInt(ps, 4, meta.sheet());
              ps.setString(5, sha);
              ps.setString(6, ext);
              ps.setLong(7, bytes.length);
              ps.setInt(8, w);
              ps.setInt(9, h);
              ps.setInt(10, meta.dpi());
              ps.setString(11, meta.colourMode() == null ? null : meta.colourMode().code());
              ps.setString(12, meta.source());
              ps.setString(13, now);
              ps.executeUpdate();
              id = generatedKey(ps);
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO work_item(kind, page_id, created_at, updated_at) VALUES ('process', ?, ?, ?)")) {
              ps.setLong(1, id);
              ps.setString(2, now);
              ps.setString(3, now);
              ps.executeUpdate();
            }
            return page(c, id);
          });
    } catch (StoreException e) {
      if (stored.created()) {
        // Never acknowledged: move it aside so the folder holds only files that rows name.
        try {
          files.quarantine(stored.path(), "uncommitted");
        } catch (IOException q) {
          e.addSuppressed(q);
        }
      }
      throw e;
    }
  }

  /** The pages of a batch in batch order (deleted and replaced ones included, marked). */
  public List<Page> pages(long batchId) {
    return read(
        c -> {
          List<Page> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM page WHERE batch_id = ? ORDER BY coalesce(position, seq), seq")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(pageOf(rs));
              }
            }
          }
          return out;
        });
  }

  public Page page(long pageId) {
    return read(c -> page(c, pageId));
  }

  /** Number of page rows in the store. */
  public int pageCount() {
    return read(c -> count(c, "SELECT count(*) FROM page"));
  }

  /**
   * Reads a page's original image and checks it against its recorded SHA-256.
   *
   * @throws StoreException DAMAGED_PAGE when the file is missing or altered
   */
  public byte[] readOriginal(long pageId) {
    Page p = page(pageId);
    byte[] bytes;
    try {
      bytes = files.read(p.sha256(), p.format());
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Kind.DAMAGED_PAGE,
          "page "
              + p.seq()
              + " of batch "
              + p.batchId()
              + ": its image file cannot be read ("
              + e.getMessage()
              + ")",
          e);
    }
    String actual = sha256(bytes);
    if (!actual.equals(p.sha256())) {
      throw new StoreException(
          StoreException.Kind.DAMAGED_PAGE,
          "page "
              + p.seq()
              + " of batch "
              + p.batchId()
              + ": its image file has changed since it was scanned"
              + " (SHA-256 "
              + actual
              + ", recorded "
              + p.sha256()
              + ")");
    }
    return bytes;
  }

  /** The file of a page's original image (read it through {@link #readOriginal} to check it). */
  public Path originalPath(Page p) {
    return files.path(p.sha256(), p.format());
  }

  /** Marks a page deleted; the file and row stay until an explicit purge after sync. */
  public void markDeleted(long pageId, String actor, String reason) {
    setPageState(pageId, "deleted", actor, "page.delete", reason);
  }

  /** Restores a page marked deleted or replaced (its replacement undone): active again. */
  public void restore(long pageId, String actor) {
    setPageState(pageId, "active", actor, "page.restore", null);
  }

  /**
   * Puts the pages of a batch in the given display order (operator drag-and-drop, a page inserted
   * at a position). Every page of the batch must appear exactly once; originals are untouched.
   *
   * @throws StoreException INVALID when the list is not a permutation of the batch's pages
   */
  public void reorder(long batchId, List<Long> pageIdsInOrder, String actor) {
    tx(
        c -> {
          List<Long> existing = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM page WHERE batch_id = ?")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                existing.add(rs.getLong(1));
              }
            }
          }
          if (existing.size() != pageIdsInOrder.size()
              || !new java.util.HashSet<>(existing)
                  .equals(new java.util.HashSet<>(pageIdsInOrder))) {
            throw new StoreException(
                StoreException.Kind.INVALID,
                "a new order must name each of the batch's "
                    + existing.size()
                    + " pages exactly once");
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE page SET position = ? WHERE id = ?")) {
            for (int i = 0; i < pageIdsInOrder.size(); i++) {
              ps.setDouble(1, i + 1);
              ps.setLong(2, pageIdsInOrder.get(i));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          audit(c, actor, "batch.reorder", "batch", Long.toString(batchId), null);
          return null;
        });
  }

  /**
   * Replaces a page by another page of the same batch (a rescan): the new page takes the old one's
   * place in the order; the old one stays, marked replaced and pointing at its replacement.
   */
  public void replacePage(long oldPageId, long newPageId, String actor) {
    tx(
        c -> {
          Page old = page(c, oldPageId);
          Page neu = page(c, newPageId);
          if (old.batchId() != neu.batchId() || oldPageId == newPageId) {
            throw new StoreException(
                StoreException.Kind.INVALID,
                "a page can only be replaced by another page of the same batch");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE page SET state = 'replaced', replaced_by = ? WHERE id = ?")) {
            ps.setLong(1, newPageId);
            ps.setLong(2, oldPageId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE page SET position = ? WHERE id = ?")) {
            ps.setDouble(1, old.position());
            ps.setLong(2, newPageId);
            ps.executeUpdate();
          }
          audit(
              c,
              actor,
              "page.replace",
              "page",
              Long.toString(oldPageId),
              "replaced by page " + newPageId);
          return null;
        });
  }

  /**
   * Records the rotation an operator asked for (degrees clockwise: 0, 90, 180 or 270). The original
   * file is not changed; viewers and exports apply it.
   */
  public void rotatePage(long pageId, int degrees, String actor) {
    int d = Math.floorMod(degrees, 360);
    if (d % 90 != 0) {
      throw new StoreException(
          StoreException.Kind.INVALID, "a page turns by quarter turns, not " + degrees + "°");
    }
    tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE page SET rotation = ? WHERE id = ?")) {
            ps.setInt(1, d);
            ps.setLong(2, pageId);
            if (ps.executeUpdate() == 0) {
              throw new StoreException(StoreException.Kind.NOT_FOUND, "no page " + pageId);
            }
          }
          audit(c, actor, "page.rotate", "page", Long.toString(pageId), d + "°");
          return null;
        });
  }

  /**
   * Marks a batch submitted: the operator has finished scanning it (sheet count checked) and hands
   * it on for verification. Only a batch still being scanned can be submitted.
   *
   * @param note what the audit log should say, e.g. the sheet count check, or {@code null}
   * @throws StoreException INVALID when the batch was already submitted or closed
   */
  public Batch submitBatch(long batchId, String actor, String note) {
    return tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE batch SET status = 'submitted' WHERE id = ? AND status = 'scanning'")) {
            ps.setLong(1, batchId);
            if (ps.executeUpdate() == 0) {
              throw new StoreException(
                  StoreException.Kind.INVALID,
                  "batch " + batchId + " is not being scanned: it cannot be submitted again");
            }
          }
          audit(c, actor, "batch.submit", "batch", Long.toString(batchId), note);
          return batch(c, batchId);
        });
  }

  // -------------------------------------------------------------------------------------------
  // Corrections and classifier models

  /**
   * Records an archivist's correction of a page (document type, document start, blank, case
   * number...). Kept for classifier retraining and written to the audit log in the same
   * transaction.
   *
   * @param field what was corrected, e.g. {@code docType}, {@code documentStart}, {@code blank},
   *     {@code caseNumber}
   */
  public Correction recordCorrection(
      long pageId, String field, String oldValue, String newValue, String actor) {
    return tx(
        c -> {
          page(c, pageId);
          String now = Instant.now().toString();
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO correction(page_id, field, old_value, new_value, actor, at)"
                      + " VALUES (?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, pageId);
            ps.setString(2, field);
            ps.setString(3, oldValue);
            ps.setString(4, newValue);
            ps.setString(5, actor);
            ps.setString(6, now);
            ps.executeUpdate();
            id = generatedKey(ps);
          }
          audit(
              c,
              actor,
              "page.correct",
              "page",
              Long.toString(pageId),
              field + ": " + oldValue + " → " + newValue);
          return new Correction(id, pageId, field, oldValue, newValue, actor, Instant.parse(now));
        });
  }

  /** All corrections, oldest first. */
  public List<Correction> corrections() {
    return read(c -> list(c, "SELECT * FROM correction ORDER BY id", StagingStore::correctionOf));
  }

  /**
   * Marks a processed page as checked by an archivist (or not), audited. Saving a new result
   * ({@link #saveResult}) clears the mark: a page the pipeline processed again must be checked
   * again.
   *
   * @throws StoreException NOT_FOUND when the page has no result yet
   */
  public void markReviewed(long pageId, boolean reviewed, String actor) {
    tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE page_result SET reviewed = ?, updated_at = ? WHERE page_id = ?")) {
            ps.setInt(1, reviewed ? 1 : 0);
            ps.setString(2, Instant.now().toString());
            ps.setLong(3, pageId);
            if (ps.executeUpdate() == 0) {
              throw new StoreException(
                  StoreException.Kind.NOT_FOUND, "page " + pageId + " has no result to review");
            }
          }
          audit(
              c,
              actor,
              reviewed ? "page.review" : "page.unreview",
              "page",
              Long.toString(pageId),
              null);
          return null;
        });
  }

  /** Whether an archivist has marked the page's result as checked. */
  public boolean isReviewed(long pageId) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT reviewed FROM page_result WHERE page_id = ?")) {
            ps.setLong(1, pageId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() && rs.getInt(1) != 0;
            }
          }
        });
  }

  /**
   * Stores a trained classifier model as the next version.
   *
   * @return the new version number (1 for the first model)
   */
  public ClassifierModel saveClassifierModel(
      byte[] bytes, int trainingPages, String metricsJson, String actor) {
    return tx(
        c -> {
          int version = count(c, "SELECT coalesce(max(version), 0) + 1 FROM classifier_model");
          String now = Instant.now().toString();
          String sha = sha256(bytes);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO classifier_model(version, sha256, bytes, training_pages,"
                      + " metrics_json, actor, created_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setInt(1, version);
            ps.setString(2, sha);
            ps.setBytes(3, bytes);
            ps.setInt(4, trainingPages);
            ps.setString(5, metricsJson);
            ps.setString(6, actor);
            ps.setString(7, now);
            ps.executeUpdate();
          }
          audit(
              c,
              actor,
              "classifier.save",
              "classifier_model",
              Integer.toString(version),
              trainingPages + " pages, sha256 " + sha);
          return new ClassifierModel(
              version, sha, bytes.clone(), trainingPages, metricsJson, actor, Instant.parse(now));
        });
  }

  /**
   * The newest classifier model, hash-checked.
   *
   * @throws StoreException DAMAGED_PAGE when the stored bytes no longer match their hash
   */
  public Optional<ClassifierModel> latestClassifierModel() {
    List<ClassifierModel> models =
        read(
            c ->
                list(
                    c,
                    "SELECT * FROM classifier_model ORDER BY version DESC LIMIT 1",
                    StagingStore::classifierModelOf));
    if (models.isEmpty()) {
      return Optional.empty();
    }
    ClassifierModel m = models.get(0);
    if (!sha256(m.bytes()).equals(m.sha256())) {
      throw new StoreException(
          StoreException.Kind.DAMAGED_PAGE,
          "classifier model version " + m.version() + " has changed since it was saved");
    }
    return Optional.of(m);
  }

  private static Correction correctionOf(ResultSet rs) throws SQLException {
    return new Correction(
        rs.getLong("id"),
        rs.getLong("page_id"),
        rs.getString("field"),
        rs.getString("old_value"),
        rs.getString("new_value"),
        rs.getString("actor"),
        Instant.parse(rs.getString("at")));
  }

  private static ClassifierModel classifierModelOf(ResultSet rs) throws SQLException {
    return new ClassifierModel(
        rs.getInt("version"),
        rs.getString("sha256"),
        rs.getBytes("bytes"),
        rs.getInt("training_pages"),
        rs.getString("metrics_json"),
        rs.getString("actor"),
        Instant.parse(rs.getString("created_at")));
  }

  private void setPageState(long pageId, String state, String actor, String action, String why) {
    tx(
        c -> {
          // An active page replaces nothing and is replaced by nothing: a replaced page restored
          // (the replacement undone) no longer points at its former replacement.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "active".equals(state)
                      ? "UPDATE page SET state = ?, replaced_by = NULL WHERE id = ?"
                      : "UPDATE page SET state = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setLong(2, pageId);
            if (ps.executeUpdate() == 0) {
              throw new StoreException(StoreException.Kind.NOT_FOUND, "no page " + pageId);
            }
          }
          audit(c, actor, action, "page", Long.toString(pageId), why);
          return null;
        });
  }

  /**
   * Records what processing found on a page (replacing an earlier result) and moves the page to
   * processed, or failed when the result carries an error.
   */
  public void saveResult(long pageId, PageResult r) {
    tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO page_result(page_id, orientation, skew_degrees, blank,"
                      + " separator, barcode, doc_type, doc_type_confidence, document_start,"
                      + " case_number, case_number_printed, text, words_json, warnings_json, ms_json,"
                      + " error, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, pageId);
            setInt(ps, 2, r.orientation());
            if (r.skewDegrees() == null) {
              ps.setNull(3, Types.REAL);
            } else {
              ps.setDouble(3, r.skewDegrees());
            }
            setBool(ps, 4, r.blank());
            setBool(ps, 5, r.separator());
            ps.setString(6, r.barcode());
            ps.setString(7, r.docType());
            if (r.docTypeConfidence() == null) {
              ps.setNull(8, Types.REAL);
            } else {
              ps.setDouble(8, r.docTypeConfidence());
            }
            setBool(ps, 9, r.documentStart());
            ps.setString(10, r.caseNumber());
            ps.setString(11, r.caseNumberPrinted());
            ps.setString(12, r.text());
            ps.setString(13, r.wordsJson());
            ps.setString(14, r.warningsJson());
            ps.setString(15, msJson(r.ms()));
            ps.setString(16, r.error());
            ps.setString(17, Instant.now().toString());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE page SET status = ? WHERE id = ?")) {
            ps.setString(1, r.error() == null ? "processed" : "failed");
            ps.setLong(2, pageId);
            if (ps.executeUpdate() == 0) {
              throw new StoreException(StoreException.Kind.NOT_FOUND, "no page " + pageId);
            }
          }
          return null;
        });
  }

  /** What processing found on a page, if it has been processed. */
  public Optional<PageResult> result(long pageId) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT * FROM page_result WHERE page_id = ?")) {
            ps.setLong(1, pageId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<PageResult>empty();
              }
              return Optional.of(
                  new PageResult(
                      num(rs, "orientation") == null ? null : num(rs, "orientation").intValue(),
                      num(rs, "skew_degrees") == null
                          ? null
                          : num(rs, "skew_degrees").doubleValue(),
                      bool(rs, "blank"),
                      bool(rs, "separator"),
                      rs.getString("barcode"),
                      rs.getString("doc_type"),
                      num(rs, "doc_type_confidence") == null
                          ? null
                          : num(rs, "doc_type_confidence").doubleValue(),
                      bool(rs, "document_start"),
                      rs.getString("case_number"),
                      rs.getString("case_number_printed"),
                      rs.getString("text"),
                      rs.getString("words_json"),
                      rs.getString("warnings_json"),
                      parseMs(rs.getString("ms_json")),
                      rs.getString("error")));
            }
          }
        });
  }

  private static void setBool(PreparedStatement ps, int i, Boolean v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v ? 1 : 0);
    }
  }

  private static Number num(ResultSet rs, String col) throws SQLException {
    return (Number) rs.getObject(col);
  }

  private static Boolean bool(ResultSet rs, String col) throws SQLException {
    Object o = rs.getObject(col);
    return o == null ? null : ((Number) o).intValue() != 0;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static String msJson(Map<String, Long> ms) {
    try {
      return JSON.writeValueAsString(ms);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Long> parseMs(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(
          json,
          new com.fasterxml.jackson.core.type.TypeReference<
              java.util.LinkedHashMap<String, Long>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Map.of();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Processing queue

  /** Claims the oldest queued item of that kind, or empty when none is waiting. */
  public Optional<WorkItem> claimWork(String kind) {
    return tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, kind, page_id, attempts FROM work_item WHERE state = 'queued' AND kind = ?"
                      + " ORDER BY id LIMIT 1")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<WorkItem>empty();
              }
              long id = rs.getLong(1);
              Long pageId = rs.getObject(3) == null ? null : rs.getLong(3);
              int attempts = rs.getInt(4) + 1;
              try (PreparedStatement up =
                  c.prepareStatement(
                      "UPDATE work_item SET state = 'running', attempts = ?, updated_at = ? WHERE id = ?")) {
                up.setInt(1, attempts);
                up.setString(2, Instant.now().toString());
                up.setLong(3, id);
                up.executeUpdate();
              }
              return Optional.of(new WorkItem(id, rs.getString(2), pageId, attempts));
            }
          }
        });
  }

  /** Marks a claimed item done. */
  public void completeWork(long workItemId) {
    finishWork(workItemId, "done", null);
  }

  /** Marks a claimed item failed with the reason (it stays visible; requeue to retry). */
  public void failWork(long workItemId, String error) {
    finishWork(workItemId, "failed", error);
  }

  private void finishWork(long id, String state, String error) {
    tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE work_item SET state = ?, last_error = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, error);
            ps.setString(3, Instant.now().toString());
            ps.setLong(4, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** How many items of that kind are in that state. */
  public int workCount(String kind, String state) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM work_item WHERE kind = ? AND state = ?")) {
            ps.setString(1, kind);
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
  }

  // -------------------------------------------------------------------------------------------
  // Outbox

  /**
   * Queues something for the central system. Queuing the same idempotency key again returns the
   * existing item: a retry of the same effect is never sent twice.
   */
  public OutboxItem enqueueOutbox(
      long dossierId, String kind, String idempotencyKey, String payload, String actor) {
    return tx(
        c -> {
          Optional<OutboxItem> existing = outboxByKey(c, idempotencyKey);
          if (existing.isPresent()) {
            return existing.get();
          }
          String now = Instant.now().toString();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox(dossier_id, kind, idempotency_key, payload, created_at, updated_at)"
                      + " VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, dossierId);
            ps.setString(2, kind);
            ps.setString(3, idempotencyKey);
            ps.setString(4, payload);
            ps.setString(5, now);
            ps.setString(6, now);
            ps.executeUpdate();
          }
          audit(
              c,
              actor,
              "outbox.enqueue",
              "dossier",
              Long.toString(dossierId),
              kind + " " + idempotencyKey);
          return outboxByKey(c, idempotencyKey).orElseThrow();
        });
  }

  /** Pending items due at {@code now}, oldest first. */
  public List<OutboxItem> dueOutbox(Instant now, int limit) {
    return read(
        c -> {
          List<OutboxItem> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM outbox WHERE state = 'pending'"
                      + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?")) {
            ps.setString(1, now.toString());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(outboxOf(rs));
              }
            }
          }
          return out;
        });
  }

  /** Count of outbox items in a state (pending, sent, rejected). */
  public int outboxCount(String state) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM outbox WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
  }

  /** The server confirmed the item: it is sent, with the server's receipt kept. */
  public void markOutboxSent(long id, String receipt) {
    updateOutbox(id, "sent", null, null, receipt, "outbox.sent");
  }

  /** A try failed; it stays pending and is tried again at {@code nextAttempt}. */
  public void markOutboxRetry(long id, String error, Instant nextAttempt) {
    updateOutbox(id, "pending", error, nextAttempt, null, null);
  }

  /** The server refused it for a reason a person must fix; it stays until re-queued. */
  public void markOutboxRejected(long id, String reason) {
    updateOutbox(id, "rejected", reason, null, null, "outbox.rejected");
  }

  private void updateOutbox(
      long id, String state, String error, Instant next, String receipt, String auditAction) {
    tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?,"
                      + " server_receipt = coalesce(?, server_receipt), attempts = attempts + 1,"
                      + " updated_at = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, error);
            ps.setString(3, next == null ? null : next.toString());
            ps.setString(4, receipt);
            ps.setString(5, Instant.now().toString());
            ps.setLong(6, id);
            if (ps.executeUpdate() == 0) {
              throw new StoreException(StoreException.Kind.NOT_FOUND, "no outbox item " + id);
            }
          }
          if (auditAction != null) {
            audit(c, "sync", auditAction, "outbox", Long.toString(id), error);
          }
          return null;
        });
  }

  // -------------------------------------------------------------------------------------------
  // Audit log

  /** Appends an entry to the audit log (its own transaction). */
  public AuditEntry audit(
      String actor, String action, String entityType, String entityId, String detail) {
    return tx(c -> audit(c, actor, action, entityType, entityId, detail));
  }

  /** The audit log, oldest first. */
  public List<AuditEntry> auditLog() {
    return read(c -> list(c, "SELECT * FROM audit_log ORDER BY seq", StagingStore::auditEntryOf));
  }

  /** Recomputes the chain; returns one sentence per broken link (empty when intact). */
  public List<String> verifyAuditChain() {
    List<String> problems = new ArrayList<>();
    String prev = GENESIS;
    long expectedSeq = 1;
    for (AuditEntry e : auditLog()) {
      if (e.seq() != expectedSeq) {
        problems.add("audit log: entry " + expectedSeq + " is missing (next is " + e.seq() + ")");
      }
      if (!e.prevHash().equals(prev)) {
        problems.add("audit log: entry " + e.seq() + " does not follow the entry before it");
      }
      String h =
          auditHash(
              e.prevHash(),
              e.seq(),
              e.at().toString(),
              e.actor(),
              e.action(),
              e.entityType(),
              e.entityId(),
              e.detail());
      if (!h.equals(e.hash())) {
        problems.add(
            "audit log: entry "
                + e.seq()
                + " was altered ("
                + e.action()
                + " by "
                + e.actor()
                + ")");
      }
      prev = e.hash();
      expectedSeq = e.seq() + 1;
    }
    return problems;
  }

  static String auditHash(
      String prev,
      long seq,
      String at,
      String actor,
      String action,
      String type,
      String id,
      String detail) {
    String s =
        String.join(
            "\u001f",
            prev,
            Long.toString(seq),
            at,
            actor,
            action,
            type,
            String.valueOf(id),
            String.valueOf(detail));
    return sha256(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Appends an audit entry inside the caller's transaction, so it commits or rolls back with the
   * change it records (package-private for store features such as {@link Approval}).
   */
  static AuditEntry audit(
      Connection c, String actor, String action, String type, String id, String detail)
      throws SQLException {
    String prev = GENESIS;
    long seq = 1;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
      if (rs.next()) {
        seq = rs.getLong(1) + 1;
        prev = rs.getString(2);
      }
    }
    String at = Instant.now().toString();
    String a = actor == null || actor.isBlank() ? "system" : actor;
    String hash = auditHash(prev, seq, at, a, action, type, id, detail);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log(seq, at, actor, action, entity_type, entity_id, detail, prev_hash, hash)"
                + " VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, seq);
      ps.setString(2, at);
      ps.setString(3, a);
      ps.setString(4, action);
      ps.setString(5, type);
      ps.setString(6, id);
      ps.setString(7, detail);
      ps.setString(8, prev);
      ps.setString(9, hash);
      ps.executeUpdate();
    }
    return new AuditEntry(seq, Instant.parse(at), a, action, type, id, detail, prev, hash);
  }

  // -------------------------------------------------------------------------------------------
  // Recovery and checks

  /** Incidents recorded by recovery and checks, newest first. */
  public List<Incident> incidents() {
    return read(c -> list(c, "SELECT * FROM incident ORDER BY id DESC", StagingStore::incidentOf));
  }

  private RecoveryReport recover() throws SQLException, IOException {
    boolean unclean = "0".equals(info("clean_shutdown"));
    String lastClean = info("last_clean_close");
    setInfo("clean_shutdown", "0");
    if (info("created_at") == null) {
      setInfo("created_at", Instant.now().toString());
    }
    List<Incident> quarantined = new ArrayList<>();
    List<Incident> damaged = new ArrayList<>();

    // 1. Partial writes of an interrupted ingest were never acknowledged.
    for (Path part : files.partials()) {
      Path q = files.quarantine(part, "partial");
      quarantined.add(
          incident(
              "quarantined",
              null,
              q,
              "partial write of an interrupted ingest (never acknowledged)"));
    }
    // 2. Rows: every page row's file must exist with its size; pages acquired since the last clean
    //    close are hashed in full after an unclean shutdown.
    Map<String, Long> rowsBySha = new HashMap<>();
    Set<String> knownFiles = new HashSet<>();
    int verified = 0;
    List<Page> all = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM page WHERE state <> 'damaged'")) {
      while (rs.next()) {
        all.add(pageOf(rs));
      }
    }
    for (Page p : all) {
      Path f = files.path(p.sha256(), p.format());
      knownFiles.add(f.getFileName().toString());
      rowsBySha.put(p.sha256(), p.id());
      String problem = null;
      if (!Files.isRegularFile(f)) {
        problem = "its image file " + f.getFileName() + " is missing";
      } else if (Files.size(f) != p.byteSize()) {
        problem =
            "its image file has " + Files.size(f) + " bytes, " + p.byteSize() + " were recorded";
      } else if (unclean
          && (lastClean == null || p.acquiredAt().toString().compareTo(lastClean) >= 0)) {
        verified++;
        if (!sha256(Files.readAllBytes(f)).equals(p.sha256())) {
          problem = "its image file no longer matches its SHA-256";
        }
      }
      if (problem != null) {
        markDamaged(p, problem);
        damaged.add(
            incident(
                "damaged",
                p.id(),
                f,
                "page " + p.seq() + " of batch " + p.batchId() + ": " + problem));
      }
    }
    // Damaged rows keep their file name known too (the file may come back from a backup).
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT sha256, format FROM page WHERE state = 'damaged'")) {
      while (rs.next()) {
        knownFiles.add(rs.getString(1) + "." + rs.getString(2));
      }
    }
    // 3. Files with no row were never acknowledged (killed between rename and commit).
    for (PageFiles.Found f : files.list()) {
      if (!knownFiles.contains(f.path().getFileName().toString())) {
        Path q = files.quarantine(f.path(), "orphan");
        quarantined.add(
            incident(
                "quarantined",
                null,
                q,
                "page file with no row in the database (ingest interrupted before commit)"));
      }
    }
    // 4. Work that was running when the program stopped is queued again.
    int requeued;
    try (Statement s = db.createStatement()) {
      requeued = s.executeUpdate("UPDATE work_item SET state = 'queued' WHERE state = 'running'");
    }
    RecoveryReport r = new RecoveryReport(unclean, quarantined, damaged, requeued, verified);
    if (!r.clean()) {
      LOG.warn(
          "store {}: recovery quarantined {} file(s) and marked {} page(s) damaged",
          dir,
          quarantined.size(),
          damaged.size());
    }
    return r;
  }

  private void markDamaged(Page p, String why) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("UPDATE page SET state = 'damaged', damage = ? WHERE id = ?")) {
      ps.setString(1, why);
      ps.setLong(2, p.id());
      ps.executeUpdate();
    }
    audit(db, "system", "page.damaged", "page", Long.toString(p.id()), why);
  }

  private Incident incident(String kind, Long pageId, Path path, String detail)
      throws SQLException {
    String at = Instant.now().toString();
    long id;
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO incident(at, kind, page_id, path, detail) VALUES (?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, at);
      ps.setString(2, kind);
      setLong(ps, 3, pageId);
      ps.setString(4, path == null ? null : dir.relativize(path).toString());
      ps.setString(5, detail);
      ps.executeUpdate();
      id = generatedKey(ps);
    }
    return new Incident(
        id, Instant.parse(at), kind, pageId, path == null ? null : path.toString(), detail);
  }

  /**
   * The full check behind {@code check-store}: SQLite's integrity check, every page file read and
   * hashed, every file named by a row, the audit chain recomputed.
   */
  public CheckReport check() {
    return read(
        c -> {
          List<String> problems = new ArrayList<>();
          StringBuilder integrity = new StringBuilder();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
              if (!integrity.isEmpty()) {
                integrity.append("; ");
              }
              integrity.append(rs.getString(1));
            }
          }
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
              problems.add(
                  "database: row "
                      + rs.getLong(2)
                      + " of "
                      + rs.getString(1)
                      + " points at a missing "
                      + rs.getString(3));
            }
          }
          int checked = 0;
          long bytes = 0;
          int damaged = 0;
          Set<String> named = new HashSet<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT * FROM page ORDER BY id")) {
            while (rs.next()) {
              Page p = pageOf(rs);
              Path f = files.path(p.sha256(), p.format());
              named.add(f.getFileName().toString());
              if ("damaged".equals(p.state())) {
                damaged++;
                problems.add(
                    "page "
                        + p.seq()
                        + " of batch "
                        + p.batchId()
                        + " is marked damaged: "
                        + rs.getString("damage"));
                continue;
              }
              try {
                byte[] data = Files.readAllBytes(f);
                checked++;
                bytes += data.length;
                if (!sha256(data).equals(p.sha256())) {
                  problems.add(
                      "page "
                          + p.seq()
                          + " of batch "
                          + p.batchId()
                          + ": file "
                          + f.getFileName()
                          + " does not match its SHA-256");
                }
              } catch (IOException e) {
                problems.add(
                    "page "
                        + p.seq()
                        + " of batch "
                        + p.batchId()
                        + ": file "
                        + f.getFileName()
                        + " cannot be read ("
                        + e.getMessage()
                        + ")");
              }
            }
          }
          try {
            for (PageFiles.Found f : files.list()) {
              if (!named.contains(f.path().getFileName().toString())) {
                problems.add("file " + dir.relativize(f.path()) + " is named by no page row");
              }
            }
          } catch (IOException e) {
            problems.add("cannot list the page folder: " + e.getMessage());
          }
          List<String> chain = verifyAuditChain();
          problems.addAll(chain);
          int audits = count(c, "SELECT count(*) FROM audit_log");
          int quarantined;
          try (var st = Files.list(files.quarantineDir())) {
            quarantined = (int) st.count();
          } catch (IOException e) {
            quarantined = -1;
          }
          return new CheckReport(
              integrity.toString(), checked, bytes, audits, damaged, quarantined, problems);
        });
  }

  // -------------------------------------------------------------------------------------------
  // Plumbing

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs work in one transaction on the store's connection (package-private for store features).
   */
  <T> T tx(SqlWork<T> work) {
    synchronized (dbLock) {
      ensureOpen();
      try {
        db.setAutoCommit(false);
        try {
          T result = work.run(db);
          db.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          try {
            db.rollback();
          } catch (SQLException r) {
            e.addSuppressed(r);
          }
          throw e;
        } finally {
          db.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw fail("database operation failed in " + dir, e);
      }
    }
  }

  /** Runs read-only work on the store's connection. */
  <T> T read(SqlWork<T> work) {
    synchronized (dbLock) {
      ensureOpen();
      try {
        return work.run(db);
      } catch (SQLException e) {
        throw fail("database read failed in " + dir, e);
      }
    }
  }

  private String info(String key) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT value FROM store_info WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void setInfo(String key, String value) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT OR REPLACE INTO store_info(key, value) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the store " + dir + " is closed");
    }
  }

  @Override
  public void close() {
    synchronized (dbLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        setInfo("clean_shutdown", "1");
        setInfo("last_clean_close", Instant.now().toString());
        try (Statement s = db.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        db.close();
      } catch (SQLException e) {
        LOG.warn("closing the store {} did not finish cleanly: {}", dir, e.getMessage());
      } finally {
        releaseLock();
      }
    }
  }

  private void releaseLock() {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      LOG.debug("releasing the store lock failed", e);
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // nothing more to do
      }
    }
  }

  /** Turns an exception into a StoreException, recognising a full disk. */
  static StoreException fail(String what, Exception e) {
    if (e instanceof StoreException se) {
      return se;
    }
    if (isDiskFull(e)) {
      return new StoreException(
          StoreException.Kind.DISK_FULL,
          what + ": the disk is full. Free some space; the pages already scanned are safe.",
          e);
    }
    return new StoreException(StoreException.Kind.IO, what + ": " + e.getMessage(), e);
  }

  static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("no space left")
          || m.contains("sqlite_full")
          || m.contains("disk quota")
          || m.contains("database or disk is full")
          || m.contains("disk is full")) {
        return true;
      }
    }
    return false;
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static int nextSeq(Connection c, long batchId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM page WHERE batch_id = ?")) {
      ps.setLong(1, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Maps one result row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Every row of a query without parameters, mapped. */
  private static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
    }
    return out;
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static long generatedKey(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key");
      }
      return keys.getLong(1);
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static Optional<Dossier> findDossier(Connection c, String normalised)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM dossier WHERE case_number = ?")) {
      ps.setString(1, normalised);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(dossierOf(rs)) : Optional.empty();
      }
    }
  }

  static Dossier dossierOf(ResultSet rs) throws SQLException {
    return new Dossier(
        rs.getLong("id"),
        rs.getString("case_number"),
        rs.getString("case_number_printed"),
        rs.getString("court"),
        rs.getString("status"),
        rs.getInt("version"),
        Instant.parse(rs.getString("created_at")));
  }

  private static Batch batch(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM batch WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(StoreException.Kind.NOT_FOUND, "no batch " + id);
        }
        return batchOf(rs);
      }
    }
  }

  private static Batch batchOf(ResultSet rs) throws SQLException {
    return new Batch(
        rs.getLong("id"),
        rs.getObject("dossier_id") == null ? null : rs.getLong("dossier_id"),
        rs.getString("operator"),
        rs.getString("workstation"),
        rs.getString("scanner_profile"),
        rs.getObject("expected_sheets") == null ? null : rs.getInt("expected_sheets"),
        rs.getString("status"),
        Instant.parse(rs.getString("created_at")));
  }

  static Page page(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM page WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(StoreException.Kind.NOT_FOUND, "no page " + id);
        }
        return pageOf(rs);
      }
    }
  }

  static Page pageOf(ResultSet rs) throws SQLException {
    return new Page(
        rs.getLong("id"),
        rs.getLong("batch_id"),
        rs.getInt("seq"),
        Side.fromCode(rs.getString("side")),
        rs.getObject("sheet") == null ? null : rs.getInt("sheet"),
        rs.getString("sha256"),
        rs.getString("format"),
        rs.getLong("byte_size"),
        rs.getInt("width"),
        rs.getInt("height"),
        rs.getInt("dpi"),
        rs.getString("colour_mode"),
        rs.getString("source"),
        rs.getString("status"),
        rs.getString("state"),
        Instant.parse(rs.getString("acquired_at")),
        rs.getObject("position") == null ? rs.getInt("seq") : rs.getDouble("position"),
        rs.getInt("rotation"),
        rs.getObject("replaced_by") == null ? null : rs.getLong("replaced_by"));
  }

  static AuditEntry auditEntryOf(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        Instant.parse(rs.getString("at")),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("entity_type"),
        rs.getString("entity_id"),
        rs.getString("detail"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  static Optional<OutboxItem> outboxByKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM outbox WHERE idempotency_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(outboxOf(rs)) : Optional.empty();
      }
    }
  }

  static OutboxItem outboxOf(ResultSet rs) throws SQLException {
    String next = rs.getString("next_attempt_at");
    return new OutboxItem(
        rs.getLong("id"),
        rs.getLong("dossier_id"),
        rs.getString("kind"),
        rs.getString("idempotency_key"),
        rs.getString("payload"),
        rs.getString("state"),
        rs.getInt("attempts"),
        next == null ? null : Instant.parse(next),
        rs.getString("last_error"));
  }

  private static Incident incidentOf(ResultSet rs) throws SQLException {
    return new Incident(
        rs.getLong("id"),
        Instant.parse(rs.getString("at")),
        rs.getString("kind"),
        rs.getObject("page_id") == null ? null : rs.getLong("page_id"),
        rs.getString("path"),
        rs.getString("detail"));
  }
}
