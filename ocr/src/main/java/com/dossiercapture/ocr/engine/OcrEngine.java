package com.dossiercapture.ocr.engine;

import java.awt.image.BufferedImage;

/**
 * A text recogniser. Input is an upright, deskewed page image in memory; output is lines and words
 * with boxes, text and confidence in reading order. Implementations hold native resources and are
 * <b>not</b> thread-safe: use one per worker thread and close it.
 */
public interface OcrEngine extends AutoCloseable {

  /** A short name for logs and reports, e.g. {@code tesseract:chi_sim}. */
  String name();

  /**
   * Reads the whole image.
   *
   * @param image upright, deskewed page (any BufferedImage type; converted to 8-bit grey)
   * @param dpi its resolution, which helps the engine size its expectations
   * @throws OcrException when the engine fails
   */
  OcrResult recognise(BufferedImage image, int dpi);

  /**
   * Reads only a rectangle of the image (for example the title area, to know the document type
   * early). Boxes in the result are in the coordinates of the whole image.
   */
  OcrResult recognise(BufferedImage image, int dpi, Box region);

  @Override
  void close();
}
