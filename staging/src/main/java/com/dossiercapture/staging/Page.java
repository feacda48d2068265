package com.dossiercapture.staging;

import com.dossiercapture.domain.Side;
import java.time.Instant;

/**
 * A durable page of a batch: its original image file is named by its SHA-256.
 *
 * @param status acquired, processed or failed (pipeline progress)
 * @param state active, deleted, replaced or damaged (pages are marked, never removed)
 * @param position display order within the batch (pages sort by it; starts as {@code seq})
 * @param rotation quarter turns clockwise the operator asked for, in degrees (0, 90, 180, 270); the
 *     original file is never changed
 * @param replacedBy the page that replaced this one, when {@code state} is replaced
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
    Instant acquiredAt,
    double position,
    int rotation,
    Long replacedBy) {

  public boolean isActive() {
    return "active".equals(state);
  }
}
