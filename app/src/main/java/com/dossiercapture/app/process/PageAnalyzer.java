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

  /**
   * Analyses one page, telling {@code progress} its type as soon as its title area shows it and
   * letting it run other work between the lines read after that (ADR 0014). By default the type is
   * only known from the result.
   */
  default PageResult analyze(BufferedImage page, int dpi, Progress progress) throws Exception {
    return analyze(page, dpi);
  }

  /** What the batch processor learns of a page while it is analysed, on the worker thread. */
  interface Progress {
    /** The page's type from its title area, before the rest is read; at most once. */
    void typed(String docType, double confidence);

    /** Between two lines read after that: the worker may start a waiting page here. */
    void between();
  }

  @Override
  default void close() {}
}
