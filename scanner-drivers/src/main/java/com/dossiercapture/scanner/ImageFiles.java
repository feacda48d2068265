package com.dossiercapture.scanner;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads page images from files: PNG, JPEG (incl. CMYK through TwelveMonkeys), TIFF (multi-page,
 * through TwelveMonkeys), BMP. Refuses files whose pixel count would exhaust memory.
 */
public final class ImageFiles {

  /** File extensions treated as page images. */
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");

  /** Largest page accepted: 1200 dpi A3 is ~ 280 megapixels; refuse beyond 300. */
  public static final long MAX_PIXELS = 300_000_000L;

  private ImageFiles() {}

  /** Whether the name has a page-image extension. */
  public static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
  }

  /**
   * All pages of an image file, normalised ({@link PageImages#normalise}).
   *
   * @throws IOException with what is wrong with the file (not an image, truncated, too large)
   */
  public static List<BufferedImage> readPages(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IOException("cannot open " + file);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(
            file.getFileName() + " is not a readable image (PNG, JPEG, TIFF or BMP expected)");
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in, false, true);
        int n = r.getNumImages(true);
        if (n < 1) {
          throw new IOException(file.getFileName() + " contains no image");
        }
        List<BufferedImage> pages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long px = (long) r.getWidth(i) * r.getHeight(i);
          if (px > MAX_PIXELS) {
            throw new IOException(
                file.getFileName()
                    + " page "
                    + (i + 1)
                    + " has "
                    + px
                    + " pixels, more than the "
                    + MAX_PIXELS
                    + " a page may have; rescan it at a lower resolution");
          }
          pages.add(PageImages.normalise(r.read(i)));
        }
        return pages;
      } catch (RuntimeException e) {
        throw new IOException(
            file.getFileName() + " is damaged or truncated: " + e.getMessage(), e);
      } finally {
        r.dispose();
      }
    }
  }

  /** Image files directly in {@code dir}, in file-name order. */
  public static List<Path> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
    }
  }
}
