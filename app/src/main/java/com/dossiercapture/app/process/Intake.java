package com.dossiercapture.app.process;

import com.dossiercapture.staging.image.BadImageException;
import com.dossiercapture.staging.image.ImageProbe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Turns a folder of scanned files into pages, in file-name order: PNG and JPEG files are one page
 * each (their bytes are kept as the original), a TIFF is one page per image, a PDF one page per
 * page (rendered at {@link #PDF_DPI} dpi). A file that cannot be read becomes one failed page with
 * a clear reason; the batch goes on.
 */
public final class Intake {

  /** Resolution PDF pages are rendered at. */
  public static final int PDF_DPI = 300;

  private static final Set<String> IMAGE_EXT = Set.of("png", "jpg", "jpeg", "tif", "tiff", "pdf");

  /** Receives pages in batch order. */
  public interface Sink {
    /** An image file taken as it is (the original bytes). */
    void file(String source, byte[] bytes) throws Exception;

    /** A page decoded or rendered from a multi-page file. */
    void raster(String source, BufferedImage image, int dpi) throws Exception;

    /** A page (or file) that cannot be read, with the reason in the operator's words. */
    void failed(String source, String reason) throws Exception;
  }

  private final ImageProbe.Limits limits;

  public Intake(ImageProbe.Limits limits) {
    this.limits = limits;
  }

  /** The image files of a folder (not its sub-folders) in name order. */
  public static List<Path> listInputs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> IMAGE_EXT.contains(extension(p)))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Feeds every page of the folder to the sink, in order. */
  public void read(Path dir, Sink sink) throws Exception {
    for (Path file : listInputs(dir)) {
      readFile(file, dir.relativize(file).toString(), sink);
    }
  }

  /** Feeds every page of one file to the sink. */
  public void readFile(Path file, String name, Sink sink) throws Exception {
    String ext = extension(file);
    try {
      switch (ext) {
        case "pdf" -> readPdf(file, name, sink);
        case "tif", "tiff" -> readTiff(file, name, sink);
        default -> sink.file(name, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      sink.failed(name, "cannot read the file: " + e.getMessage());
    }
  }

  private void readTiff(Path file, String name, Sink sink) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int pages;
    try (ImageInputStream in =
        ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> it = ImageIO.getImageReaders(in);
      if (!it.hasNext()) {
        sink.failed(name, "not a readable TIFF image");
        return;
      }
      ImageReader reader = it.next();
      try {
        reader.setInput(in);
        pages = reader.getNumImages(true);
        if (pages <= 1) {
          sink.file(name, bytes); // the store validates and keeps it bit for bit
          return;
        }
        for (int i = 0; i < pages; i++) {
          String source = name + "#" + (i + 1);
          try {
            ImageProbe.checkDimensions(reader.getWidth(i), reader.getHeight(i), limits);
            BufferedImage img = reader.read(i);
            sink.raster(source, img, ImageProbe.dpiOf(reader));
          } catch (BadImageException e) {
            sink.failed(source, e.getMessage());
          } catch (IOException | RuntimeException e) {
            sink.failed(
                source,
                "page "
                    + (i + 1)
                    + " of the TIFF is corrupt or truncated ("
                    + e.getMessage()
                    + ")");
          }
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      sink.failed(name, "the TIFF file is corrupt or truncated (" + e.getMessage() + ")");
    }
  }

  private void readPdf(Path file, String name, Sink sink) throws Exception {
    PDDocument doc;
    try {
      doc = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()));
    } catch (InvalidPasswordException e) {
      sink.failed(
          name, "the PDF is encrypted with a password: export it unprotected and try again");
      return;
    } catch (IOException e) {
      sink.failed(name, "not a readable PDF (" + e.getMessage() + ")");
      return;
    }
    try (doc) {
      if (doc.isEncrypted()) {
        doc.setAllSecurityToBeRemoved(true);
      }
      int n = doc.getNumberOfPages();
      if (n == 0) {
        sink.failed(name, "the PDF has no pages");
        return;
      }
      PDFRenderer renderer = new PDFRenderer(doc);
      for (int i = 0; i < n; i++) {
        String source = name + "#" + (i + 1);
        try {
          PDPage page = doc.getPage(i);
          PDRectangle box = page.getCropBox();
          int w = (int) Math.ceil(box.getWidth() / 72.0 * PDF_DPI);
          int h = (int) Math.ceil(box.getHeight() / 72.0 * PDF_DPI);
          if (page.getRotation() % 180 != 0) {
            int t = w;
            w = h;
            h = t;
          }
          ImageProbe.checkDimensions(w, h, limits);
          boolean colour = checkImagesAndDetectColour(page.getResources(), 0);
          BufferedImage img =
              renderer.renderImageWithDPI(i, PDF_DPI, colour ? ImageType.RGB : ImageType.GRAY);
          sink.raster(source, img, PDF_DPI);
        } catch (BadImageException e) {
          sink.failed(source, e.getMessage());
        } catch (IOException | RuntimeException e) {
          sink.failed(
              source,
              "page " + (i + 1) + " of the PDF cannot be rendered (" + e.getMessage() + ")");
        } catch (OutOfMemoryError e) {
          sink.failed(source, "page " + (i + 1) + " of the PDF is too large to render");
        }
      }
    }
  }

  /**
   * Refuses pages whose embedded images are absurdly large (a decompression bomb such as a
   * 35000×35000 JBIG2 image), before anything is decoded; tells whether any image is in colour.
   */
  private boolean checkImagesAndDetectColour(PDResources res, int depth) throws IOException {
    if (res == null || depth > 4) {
      return false;
    }
    boolean colour = false;
    for (COSName xname : res.getXObjectNames()) {
      PDXObject x = res.getXObject(xname);
      if (x instanceof PDImageXObject img) {
        if ((long) img.getWidth() * img.getHeight() > limits.maxPixels()
            || img.getWidth() > limits.maxSide()
            || img.getHeight() > limits.maxSide()) {
          throw new BadImageException(
              BadImageException.Reason.TOO_LARGE,
              "the page holds a "
                  + img.getWidth()
                  + "×"
                  + img.getHeight()
                  + " pixel image, beyond the limit of "
                  + limits.maxPixels() / 1_000_000
                  + " megapixels");
        }
        var cs = img.getColorSpace();
        colour |= cs != null && cs.getNumberOfComponents() >= 3;
      } else if (x instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
        colour |= checkImagesAndDetectColour(form.getResources(), depth + 1);
      }
    }
    return colour;
  }
}
