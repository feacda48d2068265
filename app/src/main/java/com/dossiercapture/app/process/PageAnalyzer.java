package com.dossiercapture.app.process;

import com.dossiercapture.staging.PageResult;
import java.awt.image.BufferedImage;

/**
 * The page pipeline seen from the batch processor: orientation, deskew, blank and separator
 * detection, OCR, classification of one page. One instance per worker thread (OCR engines are not
 * thread-safe). The result's {@code documentStart} is decided later, in batch order, by a {@link
 * DocumentBoundaries}.
 */
public interface PageAnalyzer extends AutoCloseable {

  /** Analyses one page image (as scanned) at the given resolution (0 when unknown). */
  PageResult analyze(BufferedImage page, int dpi) throws Exception;

  @Override
  default void close() {}
}
