package com.dossiercapture.staging;

import java.time.Instant;

/**
 * A case's electronic dossier (电子卷宗).
 *
 * @param caseNumber the canonical case number, e.g. （2024）湘0602民初1234号
 * @param caseNumberPrinted the case number as typed or printed
 * @param status open, submitted, approved or synced
 * @param version increases with every approval (a re-approved dossier is sent as a new version)
 */
public record Dossier(
    long id,
    String caseNumber,
    String caseNumberPrinted,
    String court,
    String status,
    int version,
    Instant createdAt) {}
