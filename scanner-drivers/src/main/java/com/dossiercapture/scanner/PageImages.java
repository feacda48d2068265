package com.dossiercapture.scanner;

import com.dossiercapture.domain.ColourMode;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Conversions of arbitrary decoded images into the raster types pages are delivered in. */
public final class PageImages {

  private PageImages() {}

  /**
   * Returns the image itself when it is already grey, BGR, RGB or binary; otherwise a copy as
   * {@code TYPE_BYTE_GRAY} (single-band sources) or {@code TYPE_3BYTE_BGR}. Alpha is composed onto
   * white, as paper is.
   */
  public static BufferedImage normalise(BufferedImage img) {
    int t = img.getType();
    if (t == BufferedImage.TYPE_BYTE_GRAY
        || t == BufferedImage.TYPE_3BYTE_BGR
        || t == BufferedImage.TYPE_INT_RGB
        || t == BufferedImage.TYPE_BYTE_BINARY) {
      return img;
    }
    boolean grey =
        img.getColorModel().getNumColorComponents() == 1
            && img.getColorModel().getPixelSize() <= 16
            && !(img.getColorModel() instanceof java.awt.image.IndexColorModel);
    BufferedImage out =
        new BufferedImage(
            img.getWidth(),
            img.getHeight(),
            grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** A copy converted to the raster type of {@code mode} (the image itself if it already is). */
  public static BufferedImage toMode(BufferedImage img, ColourMode mode) {
    BufferedImage n = normalise(img);
    int want =
        switch (mode) {
          case GREY -> BufferedImage.TYPE_BYTE_GRAY;
          case BLACK_AND_WHITE -> BufferedImage.TYPE_BYTE_BINARY;
          case COLOUR -> BufferedImage.TYPE_3BYTE_BGR;
        };
    if (n.getType() == want
        || (mode == ColourMode.COLOUR && n.getType() == BufferedImage.TYPE_INT_RGB)) {
      return n;
    }
    BufferedImage out = new BufferedImage(n.getWidth(), n.getHeight(), want);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(n, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The colour mode a normalised raster represents. */
  public static ColourMode colourModeOf(BufferedImage img) {
    return switch (img.getType()) {
      case BufferedImage.TYPE_BYTE_GRAY -> ColourMode.GREY;
      case BufferedImage.TYPE_BYTE_BINARY -> ColourMode.BLACK_AND_WHITE;
      default -> ColourMode.COLOUR;
    };
  }
}
