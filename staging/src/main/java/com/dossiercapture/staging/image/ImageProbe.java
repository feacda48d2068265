package com.dossiercapture.staging.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that bytes offered as a page image are one: a known format, sane dimensions (read from the
 * header before any pixel is decoded, so a decompression bomb is refused cheaply), and fully
 * decodable (a truncated or corrupt file is refused). Throws {@link BadImageException} with the
 * reason.
 */
public final class ImageProbe {

  /** What a valid page image is. */
  /**
   * @param dpi the resolution the file records, or 0 when it records none
   */
  public record Info(String format, int width, int height, int pages, int dpi) {}

  /** Limits applied before decoding. */
  public record Limits(long maxBytes, long maxPixels, int maxSide) {
    /** A0 at 300 dpi is 140 megapixels; nothing a court scans is bigger. */
    public static final Limits DEFAULT = new Limits(512L << 20, 150_000_000L, 30_000);
  }

  private ImageProbe() {}

  /** The format by magic number, or {@code null} when unknown. */
  public static String sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return "jpg";
    }
    if (b.length >= 4
        && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
            || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
      return "tif";
    }
    if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
      return "pdf";
    }
    return null;
  }

  /**
   * Validates a single-image file and returns what it is.
   *
   * @throws BadImageException when the bytes are not a usable page image
   */
  public static Info probe(byte[] bytes, Limits limits) {
    if (bytes.length == 0) {
      throw new BadImageException(BadImageException.Reason.EMPTY, "the file is empty (0 bytes)");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new BadImageException(
          BadImageException.Reason.TOO_LARGE,
          "the file is "
              + (bytes.length >> 20)
              + " MiB, over the limit of "
              + (limits.maxBytes() >> 20)
              + " MiB");
    }
    String format = sniff(bytes);
    if (format == null) {
      throw new BadImageException(
          BadImageException.Reason.UNSUPPORTED,
          "not a PNG, JPEG or TIFF image (unknown file signature)");
    }
    if (format.equals("pdf")) {
      throw new BadImageException(
          BadImageException.Reason.UNSUPPORTED,
          "a PDF is not a page image: render its pages first");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadImageException(
            BadImageException.Reason.UNSUPPORTED,
            "no image reader for this " + format.toUpperCase(Locale.ROOT) + " file");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, true);
        int pages = format.equals("tif") ? reader.getNumImages(true) : 1;
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        checkDimensions(w, h, limits);
        BufferedImage img = reader.read(0);
        if (img == null || img.getWidth() != w || img.getHeight() != h) {
          throw new BadImageException(
              BadImageException.Reason.CORRUPT,
              "the image data does not decode to its declared size");
        }
        return new Info(format, w, h, pages, dpiOf(reader));
      } finally {
        reader.dispose();
      }
    } catch (BadImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadImageException(
          BadImageException.Reason.CORRUPT,
          "the "
              + format.toUpperCase(Locale.ROOT)
              + " file is corrupt or truncated ("
              + describe(e)
              + ")");
    }
  }

  /** Refuses dimensions outside the limits. */
  public static void checkDimensions(int w, int h, Limits limits) {
    if (w <= 0 || h <= 0) {
      throw new BadImageException(
          BadImageException.Reason.CORRUPT, "the image has no pixels (" + w + "×" + h + ")");
    }
    if (w > limits.maxSide() || h > limits.maxSide() || (long) w * h > limits.maxPixels()) {
      throw new BadImageException(
          BadImageException.Reason.TOO_LARGE,
          "the image is "
              + w
              + "×"
              + h
              + " pixels, beyond the limit of "
              + limits.maxSide()
              + " pixels a side and "
              + limits.maxPixels() / 1_000_000
              + " megapixels (no court page is that large)");
    }
  }

  /** The horizontal resolution in the image's standard metadata (PNG pHYs, JFIF, TIFF), or 0. */
  public static int dpiOf(ImageReader reader) {
    try {
      var meta = reader.getImageMetadata(0);
      if (meta == null || !meta.isStandardMetadataFormatSupported()) {
        return 0;
      }
      var tree = (javax.imageio.metadata.IIOMetadataNode) meta.getAsTree("javax_imageio_1.0");
      var n =
          (javax.imageio.metadata.IIOMetadataNode)
              tree.getElementsByTagName("HorizontalPixelSize").item(0);
      if (n == null) {
        return 0;
      }
      double mmPerPixel = Double.parseDouble(n.getAttribute("value"));
      int dpi = (int) Math.round(25.4 / mmPerPixel);
      return dpi >= 50 && dpi <= 4800 ? dpi : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
