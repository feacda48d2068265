package com.dossiercapture.staging;

import java.time.Instant;

/**
 * One scanning run: who scanned what, where, with which profile, and how many sheets were counted
 * (清点) before scanning.
 *
 * @param dossierId the dossier the batch was started for, or {@code null} (separators decide)
 * @param expectedSheets the counted sheet count, or {@code null} when not counted
 */
public record Batch(
    long id,
    Long dossierId,
    String operator,
    String workstation,
    String scannerProfile,
    Integer expectedSheets,
    String status,
    Instant createdAt) {}
