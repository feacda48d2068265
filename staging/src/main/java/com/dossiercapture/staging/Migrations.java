package com.dossiercapture.staging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied in order on open; {@code PRAGMA user_version} records the
 * version reached. A migration is a list of statements run in one transaction. Never edit a
 * released migration: add the next one.
 */
final class Migrations {

  private Migrations() {}

  static final List<List<String>> ALL =
      List.of(
          List.of(
              """
              CREATE TABLE store_info(key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
              """
              CREATE TABLE dossier(
                id INTEGER PRIMARY KEY,
                case_number TEXT NOT NULL UNIQUE,
                case_number_printed TEXT NOT NULL,
                court TEXT,
                status TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open','submitted','approved','synced')),
                version INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
              """
              CREATE TABLE batch(
                id INTEGER PRIMARY KEY,
                dossier_id INTEGER REFERENCES dossier(id),
                operator TEXT NOT NULL,
                workstation TEXT NOT NULL,
                scanner_profile TEXT,
                expected_sheets INTEGER CHECK (expected_sheets IS NULL OR expected_sheets >= 0),
                status TEXT NOT NULL DEFAULT 'scanning'
                  CHECK (status IN ('scanning','submitted','closed')),
                created_at TEXT NOT NULL)""",
              """
              CREATE TABLE page(
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL REFERENCES batch(id),
                seq INTEGER NOT NULL,
                side TEXT NOT NULL CHECK (side IN ('front','back')),
                sheet INTEGER,
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                format TEXT NOT NULL,
                byte_size INTEGER NOT NULL,
                width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                dpi INTEGER,
                colour_mode TEXT,
                source TEXT,
                status TEXT NOT NULL DEFAULT 'acquired'
                  CHECK (status IN ('acquired','processed','failed')),
                state TEXT NOT NULL DEFAULT 'active'
                  CHECK (state IN ('active','deleted','replaced','damaged')),
                replaced_by INTEGER REFERENCES page(id),
                damage TEXT,
                acquired_at TEXT NOT NULL,
                UNIQUE (batch_id, seq))""",
              "CREATE INDEX page_sha ON page(sha256)",
              """
              CREATE TABLE page_result(
                page_id INTEGER PRIMARY KEY REFERENCES page(id),
                orientation INTEGER,
                skew_degrees REAL,
                blank INTEGER,
                separator INTEGER,
                barcode TEXT,
                doc_type TEXT,
                doc_type_confidence REAL,
                document_start INTEGER,
                case_number TEXT,
                case_number_printed TEXT,
                text TEXT,
                words_json TEXT,
                warnings_json TEXT,
                ms_json TEXT,
                derived_sha256 TEXT,
                error TEXT,
                reviewed INTEGER NOT NULL DEFAULT 0,
                updated_at TEXT NOT NULL)""",
              """
              CREATE TABLE document(
                id INTEGER PRIMARY KEY,
                dossier_id INTEGER NOT NULL REFERENCES dossier(id),
                doc_type TEXT NOT NULL,
                title TEXT,
                doc_date TEXT,
                ordinal INTEGER NOT NULL,
                created_at TEXT NOT NULL)""",
              """
              CREATE TABLE document_page(
                document_id INTEGER NOT NULL REFERENCES document(id),
                page_id INTEGER NOT NULL UNIQUE REFERENCES page(id),
                ordinal INTEGER NOT NULL,
                PRIMARY KEY (document_id, page_id))""",
              """
              CREATE TABLE work_item(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                page_id INTEGER REFERENCES page(id),
                state TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued','running','done','failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
              "CREATE INDEX work_item_state ON work_item(state, kind, id)",
              """
              CREATE TABLE outbox(
                id INTEGER PRIMARY KEY,
                dossier_id INTEGER NOT NULL REFERENCES dossier(id),
                kind TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                payload TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending','sent','rejected')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT,
                last_error TEXT,
                server_receipt TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
              "CREATE INDEX outbox_state ON outbox(state, next_attempt_at)",
              """
              CREATE TABLE audit_log(
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT,
                detail TEXT,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL)""",
              """
              CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
              """
              CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
              """
              CREATE TABLE incident(
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                page_id INTEGER,
                path TEXT,
                detail TEXT NOT NULL)"""),
          // V2: operator edits (display order, rotation), archivists' corrections, classifier
          // models versioned in the store.
          List.of(
              "ALTER TABLE page ADD COLUMN position REAL",
              "ALTER TABLE page ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0"
                  + " CHECK (rotation IN (0, 90, 180, 270))",
              """
              CREATE TABLE correction(
                id INTEGER PRIMARY KEY,
                page_id INTEGER NOT NULL REFERENCES page(id),
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                actor TEXT NOT NULL,
                at TEXT NOT NULL)""",
              "CREATE INDEX correction_page ON correction(page_id)",
              """
              CREATE TABLE classifier_model(
                version INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                bytes BLOB NOT NULL,
                training_pages INTEGER NOT NULL,
                metrics_json TEXT,
                actor TEXT NOT NULL,
                created_at TEXT NOT NULL)"""));

  /** The schema version this build writes. */
  static int latest() {
    return ALL.size();
  }

  /** Brings the database to the latest version; refuses a database written by a newer build. */
  static void apply(Connection c) throws SQLException {
    int current;
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("PRAGMA user_version")) {
      current = rs.next() ? rs.getInt(1) : 0;
    }
    if (current > latest()) {
      throw new StoreException(
          StoreException.Kind.SCHEMA_TOO_NEW,
          "the store has schema version "
              + current
              + " but this program knows only up to "
              + latest()
              + ": update Dossier Capture");
    }
    for (int v = current + 1; v <= latest(); v++) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : ALL.get(v - 1)) {
          s.execute(sql);
        }
        s.execute("PRAGMA user_version = " + v);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
