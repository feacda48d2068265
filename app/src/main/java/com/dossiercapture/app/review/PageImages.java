package com.dossiercapture.app.review;

import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A page image for the review screen: the original read hash-checked from the store, turned upright
 * as processing found it (the word boxes refer to the upright image) and scaled down to a size a
 * screen can show. Call off the FX thread.
 */
public final class PageImages {

  /** Longest side of the image handed to the screen, in pixels. */
  public static final int MAX_SIDE = 2000;

  /**
   * The upright, display-sized image.
   *
   * @param boxScale multiply word-box coordinates by it to land on this image
   */
  public record Display(BufferedImage image, double boxScale) {}

  private PageImages() {}

  /**
   * Reads and prepares a page image.
   *
   * @throws IOException when the file is not an image Java can decode
   * @throws com.dossiercapture.staging.StoreException DAMAGED_PAGE when the file changed
   */
  public static Display load(StagingStore store, Page page, PageResult result, WordBoxes words)
      throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(store.readOriginal(page.id())));
    if (img == null) {
      throw new IOException("no image reader for " + page.format());
    }
    int orientation = result == null || result.orientation() == null ? 0 : result.orientation();
    BufferedImage upright = upright(img, orientation);
    double referenceWidth = words.imageWidth() > 0 ? words.imageWidth() : upright.getWidth();
    double scale =
        Math.min(1.0, (double) MAX_SIDE / Math.max(upright.getWidth(), upright.getHeight()));
    BufferedImage shown = scale < 1.0 ? scaled(upright, scale) : upright;
    return new Display(shown, shown.getWidth() / referenceWidth);
  }

  /** Turns an image back by {@code orientation} degrees (the content was turned clockwise). */
  static BufferedImage upright(BufferedImage img, int orientation) {
    int q = Math.floorMod(orientation, 360) / 90;
    if (q == 0) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    boolean swap = q % 2 == 1;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    AffineTransform t = new AffineTransform();
    // rotate counter-clockwise by q quarter turns
    switch (q) {
      case 1 -> {
        t.translate(0, w);
        t.quadrantRotate(-1);
      }
      case 2 -> {
        t.translate(w, h);
        t.quadrantRotate(2);
      }
      default -> {
        t.translate(h, 0);
        t.quadrantRotate(1);
      }
    }
    Graphics2D g = out.createGraphics();
    g.drawImage(img, t, null);
    g.dispose();
    return out;
  }

  private static BufferedImage scaled(BufferedImage img, double scale) {
    int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, 0, 0, w, h, null);
    g.dispose();
    return out;
  }
}
