package com.dossiercapture.staging;

import java.util.List;

/**
 * The result of a full store check ({@code check-store}).
 *
 * @param integrity the answer of SQLite's {@code PRAGMA integrity_check} ("ok" when healthy)
 * @param pagesChecked page rows whose file was read and hashed
 * @param problems every problem found, one sentence each
 * @param auditEntries audit log entries whose chain was verified
 */
public record CheckReport(
    String integrity,
    int pagesChecked,
    long bytesChecked,
    int auditEntries,
    int damagedPages,
    int quarantinedFiles,
    List<String> problems) {

  public boolean ok() {
    return "ok".equals(integrity) && problems.isEmpty();
  }
}
