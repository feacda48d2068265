package com.dossiercapture.sync;

/**
 * The central system's confirmation that a dossier version is committed.
 *
 * @param receipt the server's receipt id
 * @param manifestSha256 SHA-256 of the manifest bytes the server committed
 * @param replayed true when this confirms an earlier commit of the same manifest
 */
public record Receipt(
    String receipt,
    String caseNumber,
    int version,
    String manifestSha256,
    int pageCount,
    String committedAt,
    boolean replayed) {}
