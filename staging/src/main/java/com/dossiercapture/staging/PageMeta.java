package com.dossiercapture.staging;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;

/**
 * What the scanner (or file) says about a page, besides its pixels.
 *
 * @param seq position in the batch, or {@code null} to append after the last page
 * @param sheet sheet number (1-based) for duplex scans, or {@code null}
 * @param dpi resolution, or 0 when unknown
 * @param colourMode how it was scanned, or {@code null} when unknown
 * @param source where it came from: a device id, a file name, {@code name.tif#3}
 */
public record PageMeta(
    Integer seq, Side side, Integer sheet, int dpi, ColourMode colourMode, String source) {

  public PageMeta {
    side = side == null ? Side.FRONT : side;
    if (seq != null && seq < 1) {
      throw new IllegalArgumentException("page sequence numbers start at 1");
    }
  }

  /** A front page appended to the batch. */
  public static PageMeta of(String source, int dpi) {
    return new PageMeta(null, Side.FRONT, null, dpi, null, source);
  }
}
