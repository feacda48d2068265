package com.dossiercapture.staging;

import java.time.Instant;

/**
 * Something recovery or a check found and did about it: a file quarantined, a page marked damaged.
 * Kept in the store so a person can review it.
 */
public record Incident(long id, Instant at, String kind, Long pageId, String path, String detail) {}
