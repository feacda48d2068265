package com.dossiercapture.staging;

import com.dossiercapture.domain.Catalogue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The documents of dossiers: creating them, assigning pages, listing them in catalogue order. The
 * position of a document ({@link DossierDocument#ordinal()}) always follows the catalogue's
 * standard order, then creation order within one type; it is renumbered whenever a document is
 * added.
 */
public final class Documents {

  private final StagingStore store;
  private final Catalogue catalogue;

  /** Documents of that store, ordered by the default catalogue. */
  public Documents(StagingStore store) {
    this(store, Catalogue.loadDefault());
  }

  public Documents(StagingStore store, Catalogue catalogue) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  /**
   * Adds a document of a catalogue type to a dossier.
   *
   * @throws StoreException INVALID for a type the catalogue does not know, NOT_FOUND for no dossier
   */
  public DossierDocument create(
      long dossierId, String docType, String title, LocalDate date, String actor) {
    if (docType == null || catalogue.entry(docType).isEmpty()) {
      throw new StoreException(
          StoreException.Kind.INVALID,
          "'" + docType + "' is not a document type of the catalogue " + catalogue.name());
    }
    return store.tx(
        c -> {
          requireDossier(c, dossierId);
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO document(dossier_id, doc_type, title, doc_date, ordinal, created_at)"
                      + " VALUES (?,?,?,?,0,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, dossierId);
            ps.setString(2, docType);
            ps.setString(3, title);
            ps.setString(4, date == null ? null : date.toString());
            ps.setString(5, Instant.now().toString());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          renumber(c, dossierId);
          StagingStore.audit(
              c,
              actor,
              "document.create",
              "document",
              Long.toString(id),
              "dossier " + dossierId + ": " + docType + (title == null ? "" : " " + title));
          return document(c, id);
        });
  }

  /**
   * Appends pages to a document, in the given order. A page belongs to at most one document; only
   * active pages (not deleted, replaced or damaged) can be assigned.
   *
   * @throws StoreException INVALID when a page is not active or already in a document
   */
  public void assignPages(long documentId, List<Long> pageIds, String actor) {
    store.tx(
        c -> {
          DossierDocument d = document(c, documentId);
          int next = d.pageCount();
          Set<Long> seen = new HashSet<>();
          for (long pageId : pageIds) {
            Page p = placeable(c, pageId, seen, "");
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO document_page(document_id, page_id, ordinal) VALUES (?,?,?)")) {
              ps.setLong(1, documentId);
              ps.setLong(2, pageId);
              ps.setInt(3, ++next);
              ps.executeUpdate();
            }
          }
          StagingStore.audit(
              c,
              actor,
              "document.assign_pages",
              "document",
              Long.toString(documentId),
              pageIds.size() + " page(s)");
          return null;
        });
  }

  /**
   * A document as a regrouping wants it: a catalogue type, its title and date, its pages in order.
   */
  public record Group(String docType, String title, LocalDate date, List<Long> pageIds) {
    public Group {
      pageIds = List.copyOf(pageIds);
    }
  }

  /**
   * Replaces the documents of a dossier by the given grouping of its pages, in one transaction (an
   * archivist split, merged, retyped or blanked pages). Audited as one {@code document.regroup}.
   *
   * @throws StoreException INVALID for an unknown type, an empty group, a page listed twice, a page
   *     that is not active or that belongs to a document of another dossier; nothing changes then
   */
  public List<DossierDocument> regroup(long dossierId, List<Group> groups, String actor) {
    for (Group g : groups) {
      if (g.docType() == null || catalogue.entry(g.docType()).isEmpty()) {
        throw new StoreException(
            StoreException.Kind.INVALID,
            "'" + g.docType() + "' is not a document type of the catalogue " + catalogue.name());
      }
      if (g.pageIds().isEmpty()) {
        throw new StoreException(StoreException.Kind.INVALID, "a document needs pages");
      }
    }
    return store.tx(
        c -> {
          requireDossier(c, dossierId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM document_page WHERE document_id IN"
                      + " (SELECT id FROM document WHERE dossier_id = ?)")) {
            ps.setLong(1, dossierId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM document WHERE dossier_id = ?")) {
            ps.setLong(1, dossierId);
            ps.executeUpdate();
          }
          Set<Long> seen = new HashSet<>();
          String now = Instant.now().toString();
          for (Group g : groups) {
            long id;
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO document(dossier_id, doc_type, title, doc_date, ordinal,"
                        + " created_at) VALUES (?,?,?,?,0,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
              ps.setLong(1, dossierId);
              ps.setString(2, g.docType());
              ps.setString(3, g.title());
              ps.setString(4, g.date() == null ? null : g.date().toString());
              ps.setString(5, now);
              ps.executeUpdate();
              try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
              }
            }
            int ordinal = 0;
            for (long pageId : g.pageIds()) {
              // the dossier's own documents are gone by now: any owner is another dossier's
              Page p = placeable(c, pageId, seen, " of another dossier");
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO document_page(document_id, page_id, ordinal) VALUES (?,?,?)")) {
                ps.setLong(1, id);
                ps.setLong(2, pageId);
                ps.setInt(3, ++ordinal);
                ps.executeUpdate();
              }
            }
          }
          renumber(c, dossierId);
          StagingStore.audit(
              c,
              actor,
              "document.regroup",
              "dossier",
              Long.toString(dossierId),
              groups.size() + " document(s), " + seen.size() + " page(s)");
          return list(c, dossierId);
        });
  }

  /** The documents of a dossier in catalogue order. */
  public List<DossierDocument> list(long dossierId) {
    return store.read(c -> list(c, dossierId));
  }

  /** The pages of a document in their order. */
  public List<Page> pages(long documentId) {
    return store.read(c -> pages(c, documentId));
  }

  /** A page with that SHA-256 (the oldest, when the same image was ingested twice). */
  public Optional<Page> pageBySha256(String sha256) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT * FROM page WHERE sha256 = ? ORDER BY id LIMIT 1")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(StagingStore.pageOf(rs)) : Optional.<Page>empty();
            }
          }
        });
  }

  // -------------------------------------------------------------------------------------------

  private static final String SELECT_DOCUMENT =
      "SELECT d.*, count(dp.page_id) AS page_count FROM document d"
          + " LEFT JOIN document_page dp ON dp.document_id = d.id";

  static List<Page> pages(Connection c, long documentId) throws SQLException {
    List<Page> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.* FROM document_page dp JOIN page p ON p.id = dp.page_id"
                + " WHERE dp.document_id = ? ORDER BY dp.ordinal")) {
      ps.setLong(1, documentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(StagingStore.pageOf(rs));
        }
      }
    }
    return out;
  }

  static List<DossierDocument> list(Connection c, long dossierId) throws SQLException {
    List<DossierDocument> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            SELECT_DOCUMENT + " WHERE d.dossier_id = ? GROUP BY d.id ORDER BY d.ordinal")) {
      ps.setLong(1, dossierId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(documentOf(rs));
        }
      }
    }
    return out;
  }

  private void renumber(Connection c, long dossierId) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, doc_type FROM document WHERE dossier_id = ?")) {
      ps.setLong(1, dossierId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(1), catalogue.orderOf(rs.getString(2))});
        }
      }
    }
    rows.sort(Comparator.<long[]>comparingLong(r -> r[1]).thenComparingLong(r -> r[0]));
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE document SET ordinal = ? WHERE id = ?")) {
      int n = 0;
      for (long[] r : rows) {
        ps.setInt(1, ++n);
        ps.setLong(2, r[0]);
        ps.executeUpdate();
      }
    }
  }

  private static DossierDocument document(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SELECT_DOCUMENT + " WHERE d.id = ? GROUP BY d.id")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(StoreException.Kind.NOT_FOUND, "no document " + id);
        }
        return documentOf(rs);
      }
    }
  }

  private static DossierDocument documentOf(ResultSet rs) throws SQLException {
    String date = rs.getString("doc_date");
    return new DossierDocument(
        rs.getLong("id"),
        rs.getLong("dossier_id"),
        rs.getString("doc_type"),
        rs.getString("title"),
        date == null ? null : LocalDate.parse(date),
        rs.getInt("ordinal"),
        rs.getInt("page_count"));
  }

  /**
   * The page, checked that it can go into a document: listed once, active, in no document yet.
   *
   * @throws StoreException INVALID naming the page and the reason
   */
  private static Page placeable(Connection c, long pageId, Set<Long> seen, String ownerNote)
      throws SQLException {
    if (!seen.add(pageId)) {
      throw new StoreException(StoreException.Kind.INVALID, "page " + pageId + " is listed twice");
    }
    Page p = StagingStore.page(c, pageId);
    String which = "page " + p.seq() + " of batch " + p.batchId();
    if (!p.isActive()) {
      throw new StoreException(
          StoreException.Kind.INVALID,
          which + " is " + p.state() + " and cannot be put into a document");
    }
    Optional<Long> owner = documentOf(c, pageId);
    if (owner.isPresent()) {
      throw new StoreException(
          StoreException.Kind.INVALID,
          which + " already belongs to document " + owner.get() + ownerNote);
    }
    return p;
  }

  private static Optional<Long> documentOf(Connection c, long pageId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT document_id FROM document_page WHERE page_id = ?")) {
      ps.setLong(1, pageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  static void requireDossier(Connection c, long dossierId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dossier WHERE id = ?")) {
      ps.setLong(1, dossierId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(StoreException.Kind.NOT_FOUND, "no dossier " + dossierId);
        }
      }
    }
  }
}
