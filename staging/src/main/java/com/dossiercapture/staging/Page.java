package com.dossiercapture.staging;

import com.dossiercapture.domain.Side;
import java.time.Instant;

/**
 * A durable page of a batch: its original image file is named by its SHA-256.
 *
 * @param status acquired, processed or failed (pipeline progress)
 * @param state active, deleted, replaced or damaged (pages are marked, never removed)
 */
public record Page(
    long id,
    long batchId,
    int seq,
    Side side,
    Integer sheet,
    String sha256,
    String format,
    long byteSize,
    int width,
    int height,
    int dpi,
    String colourMode,
    String source,
    String status,
    String state,
    Instant acquiredAt) {

  public boolean isActive() {
    return "active".equals(state);
  }
}
