package com.dossiercapture.staging;

import java.time.Instant;

/**
 * Something to send to the central case system, kept until the server confirms it.
 *
 * @param idempotencyKey the same key for every retry of the same effect
 * @param state pending, sent or rejected
 */
public record OutboxItem(
    long id,
    long dossierId,
    String kind,
    String idempotencyKey,
    String payload,
    String state,
    int attempts,
    Instant nextAttemptAt,
    String lastError) {}
