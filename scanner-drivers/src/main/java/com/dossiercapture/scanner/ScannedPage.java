package com.dossiercapture.scanner;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One page image as the device delivered it.
 *
 * @param image the raster: {@code TYPE_BYTE_GRAY}, {@code TYPE_3BYTE_BGR}, {@code TYPE_INT_RGB} or
 *     {@code TYPE_BYTE_BINARY}
 * @param dpi resolution the device reported
 * @param colourMode colour mode of the raster
 * @param side front or back of the sheet
 * @param sheet 1-based sheet number within the session
 * @param pageIndex 0-based index of the page within the session, in delivery order
 * @param origin the file it came from (hot folder, simulated ADF replaying a folder), if any
 */
public record ScannedPage(
    BufferedImage image,
    int dpi,
    ColourMode colourMode,
    Side side,
    int sheet,
    int pageIndex,
    Optional<Path> origin) {

  public ScannedPage {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(colourMode, "colourMode");
    Objects.requireNonNull(side, "side");
    origin = origin == null ? Optional.empty() : origin;
    int t = image.getType();
    if (t != BufferedImage.TYPE_BYTE_GRAY
        && t != BufferedImage.TYPE_3BYTE_BGR
        && t != BufferedImage.TYPE_INT_RGB
        && t != BufferedImage.TYPE_BYTE_BINARY) {
      throw new IllegalArgumentException(
          "page rasters must be grey, BGR, RGB or binary; got BufferedImage type " + t);
    }
    if (sheet < 1 || pageIndex < 0) {
      throw new IllegalArgumentException("sheet is 1-based, pageIndex 0-based");
    }
  }

  /** Convenience for drivers without a source file. */
  public ScannedPage(
      BufferedImage image, int dpi, ColourMode colourMode, Side side, int sheet, int pageIndex) {
    this(image, dpi, colourMode, side, sheet, pageIndex, Optional.empty());
  }
}
