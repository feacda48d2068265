package com.dossiercapture.staging;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.CatalogueEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Approving a dossier (the archivist's last step) and recording that the central system confirmed
 * it. Approval checks the dossier is complete, raises its version, marks it approved, records who
 * approved it and queues the version's manifest in the outbox, all in one transaction. The manifest
 * (the outbox payload) is what the central case system receives: documents in catalogue order,
 * their pages by SHA-256, extracted fields, who approved it and when, and an excerpt of the audit
 * log.
 */
public final class Approval {

  /** Outbox kind of a dossier version. */
  public static final String OUTBOX_KIND = "dossier.version";

  /** Value of the manifest's {@code schema} field. */
  public static final String MANIFEST_SCHEMA = "dossier-capture/manifest@1";

  /** How many audit entries the manifest carries at most (the most recent ones). */
  static final int AUDIT_EXCERPT = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StagingStore store;
  private final Catalogue catalogue;

  /** What an approval produced. */
  public record Approved(Dossier dossier, OutboxItem outboxItem, boolean alreadyApproved) {}

  public Approval(StagingStore store) {
    this(store, Catalogue.loadDefault());
  }

  public Approval(StagingStore store, Catalogue catalogue) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  /** The outbox idempotency key of a dossier version. */
  public static String idempotencyKey(String normalisedCaseNumber, int version) {
    return "dossier:" + normalisedCaseNumber + ":v" + version;
  }

  /**
   * Approves a dossier: a new version is queued for the central system. Approving a dossier that is
   * already approved and whose version is still queued returns that version again (a double click
   * does not make two versions).
   *
   * @throws StoreException INVALID with the reason when the dossier is not complete
   */
  public Approved approve(long dossierId, String actor) {
    if (actor == null || actor.isBlank()) {
      throw new StoreException(
          StoreException.Kind.INVALID, "an approval needs the approver's name");
    }
    return store.tx(
        c -> {
          Dossier d = dossier(c, dossierId);
          if ("approved".equals(d.status())) {
            Optional<OutboxItem> queued =
                StagingStore.outboxByKey(c, idempotencyKey(d.caseNumber(), d.version()));
            if (queued.isPresent() && "pending".equals(queued.get().state())) {
              return new Approved(d, queued.get(), true);
            }
          }
          List<DossierDocument> docs = Documents.list(c, dossierId);
          List<String> problems = new ArrayList<>();
          if (docs.isEmpty()) {
            problems.add("it has no documents");
          }
          for (DossierDocument doc : docs) {
            if (doc.pageCount() == 0) {
              problems.add("document " + doc.ordinal() + " (" + doc.docType() + ") has no pages");
            }
            for (Page p : Documents.pages(c, doc.id())) {
              if (!p.isActive()) {
                problems.add(
                    "page "
                        + p.seq()
                        + " of batch "
                        + p.batchId()
                        + " in document "
                        + doc.ordinal()
                        + " is "
                        + p.state());
              }
            }
          }
          if (!problems.isEmpty()) {
            throw new StoreException(
                StoreException.Kind.INVALID,
                "dossier "
                    + d.caseNumber()
                    + " cannot be approved: "
                    + String.join("; ", problems));
          }
          int version = d.version() + 1;
          String now = Instant.now().toString();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dossier SET version = ?, status = 'approved', updated_at = ? WHERE id = ?")) {
            ps.setInt(1, version);
            ps.setString(2, now);
            ps.setLong(3, dossierId);
            ps.executeUpdate();
          }
          AuditEntry approval =
              StagingStore.audit(
                  c,
                  actor,
                  "dossier.approve",
                  "dossier",
                  Long.toString(dossierId),
                  d.caseNumber() + " v" + version);
          String manifest = manifest(c, dossier(c, dossierId), docs, approval);
          String key = idempotencyKey(d.caseNumber(), version);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox(dossier_id, kind, idempotency_key, payload, created_at,"
                      + " updated_at) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, dossierId);
            ps.setString(2, OUTBOX_KIND);
            ps.setString(3, key);
            ps.setString(4, manifest);
            ps.setString(5, now);
            ps.setString(6, now);
            ps.executeUpdate();
          }
          StagingStore.audit(
              c,
              actor,
              "outbox.enqueue",
              "dossier",
              Long.toString(dossierId),
              OUTBOX_KIND + " " + key);
          return new Approved(
              dossier(c, dossierId), StagingStore.outboxByKey(c, key).orElseThrow(), false);
        });
  }

  /**
   * Records that the central system confirmed an outbox item: the item is sent with the server's
   * receipt and, when it is a dossier version that is still the dossier's current one, the dossier
   * becomes synced. One transaction, audited.
   */
  public void recordSynced(long outboxId, String receipt, String actor) {
    store.tx(
        c -> {
          OutboxItem item;
          try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox WHERE id = ?")) {
            ps.setLong(1, outboxId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new StoreException(
                    StoreException.Kind.NOT_FOUND, "no outbox item " + outboxId);
              }
              item = StagingStore.outboxOf(rs);
            }
          }
          if ("sent".equals(item.state())) {
            return null;
          }
          String now = Instant.now().toString();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET state = 'sent', last_error = NULL, next_attempt_at = NULL,"
                      + " server_receipt = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?")) {
            ps.setString(1, receipt);
            ps.setString(2, now);
            ps.setLong(3, outboxId);
            ps.executeUpdate();
          }
          StagingStore.audit(c, actor, "outbox.sent", "outbox", Long.toString(outboxId), receipt);
          if (OUTBOX_KIND.equals(item.kind())) {
            Dossier d = dossier(c, item.dossierId());
            if ("approved".equals(d.status())
                && item.idempotencyKey().equals(idempotencyKey(d.caseNumber(), d.version()))) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE dossier SET status = 'synced', updated_at = ? WHERE id = ?")) {
                ps.setString(1, now);
                ps.setLong(2, d.id());
                ps.executeUpdate();
              }
              StagingStore.audit(
                  c,
                  actor,
                  "dossier.synced",
                  "dossier",
                  Long.toString(d.id()),
                  d.caseNumber() + " v" + d.version());
            }
          }
          return null;
        });
  }

  /** Outbox items in a state (pending, sent, rejected), oldest first. */
  public List<OutboxItem> outbox(String state) {
    return store.read(
        c -> {
          List<OutboxItem> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT * FROM outbox WHERE state = ? ORDER BY id")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(StagingStore.outboxOf(rs));
              }
            }
          }
          return out;
        });
  }

  /** The server receipt kept for a sent item, if any. */
  public Optional<String> receipt(long outboxId) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT server_receipt FROM outbox WHERE id = ?")) {
            ps.setLong(1, outboxId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  // -------------------------------------------------------------------------------------------

  private String manifest(Connection c, Dossier d, List<DossierDocument> docs, AuditEntry approval)
      throws SQLException {
    ObjectNode m = JSON.createObjectNode();
    m.put("schema", MANIFEST_SCHEMA);
    m.put("caseNumber", d.caseNumber());
    m.put("caseNumberPrinted", d.caseNumberPrinted());
    if (d.court() != null) {
      m.put("court", d.court());
    }
    m.put("version", d.version());
    m.put("approvedBy", approval.actor());
    m.put("approvedAt", approval.at().toString());
    m.put("workstation", BatchSpec.hostName());
    ObjectNode cat = m.putObject("catalogue");
    cat.put("name", catalogue.name());
    cat.put("version", catalogue.version());
    ArrayNode documents = m.putArray("documents");
    int pageCount = 0;
    long totalBytes = 0;
    for (DossierDocument doc : docs) {
      ObjectNode dn = documents.addObject();
      dn.put("ordinal", doc.ordinal());
      dn.put("type", doc.docType());
      Optional<CatalogueEntry> entry = catalogue.entry(doc.docType());
      dn.put("typeTitle", entry.map(CatalogueEntry::title).orElse(doc.docType()));
      if (doc.title() != null) {
        dn.put("title", doc.title());
      }
      if (doc.date() != null) {
        dn.put("date", doc.date().toString());
      }
      ArrayNode pages = dn.putArray("pages");
      int ordinal = 0;
      for (Page p : Documents.pages(c, doc.id())) {
        ObjectNode pn = pages.addObject();
        pn.put("ordinal", ++ordinal);
        pn.put("sha256", p.sha256());
        pn.put("format", p.format());
        pn.put("mediaType", mediaType(p.format()));
        pn.put("byteSize", p.byteSize());
        pn.put("width", p.width());
        pn.put("height", p.height());
        if (p.dpi() > 0) {
          pn.put("dpi", p.dpi());
        }
        pn.put("side", p.side().code());
        fields(c, p.id(), pn);
        pageCount++;
        totalBytes += p.byteSize();
      }
    }
    m.put("pageCount", pageCount);
    m.put("totalBytes", totalBytes);
    ArrayNode audit = m.putArray("audit");
    for (AuditEntry e : auditExcerpt(c, d.id())) {
      ObjectNode an = audit.addObject();
      an.put("seq", e.seq());
      an.put("at", e.at().toString());
      an.put("actor", e.actor());
      an.put("action", e.action());
      an.put("entity", e.entityType() + (e.entityId() == null ? "" : ":" + e.entityId()));
      if (e.detail() != null) {
        an.put("detail", e.detail());
      }
      an.put("hash", e.hash());
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest", e);
    }
  }

  private static void fields(Connection c, long pageId, ObjectNode pn) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT doc_type, doc_type_confidence, case_number, blank, reviewed, text"
                + " FROM page_result WHERE page_id = ?")) {
      ps.setLong(1, pageId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        ObjectNode f = pn.putObject("fields");
        if (rs.getString("doc_type") != null) {
          f.put("docType", rs.getString("doc_type"));
        }
        if (rs.getObject("doc_type_confidence") != null) {
          f.put("docTypeConfidence", rs.getDouble("doc_type_confidence"));
        }
        if (rs.getString("case_number") != null) {
          f.put("caseNumber", rs.getString("case_number"));
        }
        if (rs.getObject("blank") != null) {
          f.put("blank", rs.getInt("blank") != 0);
        }
        f.put("reviewed", rs.getInt("reviewed") != 0);
        if (rs.getString("text") != null) {
          pn.put("text", rs.getString("text"));
        }
      }
    }
  }

  /** The audit entries about this dossier, its batches, documents and pages (most recent last). */
  private static List<AuditEntry> auditExcerpt(Connection c, long dossierId) throws SQLException {
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT * FROM (SELECT * FROM audit_log WHERE"
                + " (entity_type = 'dossier' AND entity_id = ?1)"
                + " OR (entity_type = 'batch' AND entity_id IN"
                + "   (SELECT CAST(id AS TEXT) FROM batch WHERE dossier_id = ?2))"
                + " OR (entity_type = 'document' AND entity_id IN"
                + "   (SELECT CAST(id AS TEXT) FROM document WHERE dossier_id = ?2))"
                + " OR (entity_type = 'page' AND entity_id IN (SELECT CAST(dp.page_id AS TEXT)"
                + "   FROM document_page dp JOIN document d ON d.id = dp.document_id"
                + "   WHERE d.dossier_id = ?2))"
                + " ORDER BY seq DESC LIMIT ?3) ORDER BY seq")) {
      ps.setString(1, Long.toString(dossierId));
      ps.setLong(2, dossierId);
      ps.setInt(3, AUDIT_EXCERPT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(StagingStore.auditEntryOf(rs));
        }
      }
    }
    return out;
  }

  static String mediaType(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "tif", "tiff" -> "image/tiff";
      case "pdf" -> "application/pdf";
      default -> "application/octet-stream";
    };
  }

  private static Dossier dossier(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM dossier WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(StoreException.Kind.NOT_FOUND, "no dossier " + id);
        }
        return StagingStore.dossierOf(rs);
      }
    }
  }
}
