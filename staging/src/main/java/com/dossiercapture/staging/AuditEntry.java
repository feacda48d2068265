package com.dossiercapture.staging;

import java.time.Instant;

/** One line of the append-only, hash-chained audit log. */
public record AuditEntry(
    long seq,
    Instant at,
    String actor,
    String action,
    String entityType,
    String entityId,
    String detail,
    String prevHash,
    String hash) {}
