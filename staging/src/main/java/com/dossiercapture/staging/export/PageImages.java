package com.dossiercapture.staging.export;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decoding, turning upright and encoding page images for export. Pure functions of the bytes: they
 * run on worker threads; only the PDF assembly is sequential.
 */
final class PageImages {

  private PageImages() {}

  /**
   * A page image ready to be put into a PDF.
   *
   * @param jpeg JPEG bytes (grey or colour), or {@code null}
   * @param g4 CCITT G4 data of a bitonal page, or {@code null}
   * @param g4Params its decode parameters (K, Columns, Rows, BlackIs1...)
   * @param width pixels, upright
   * @param height pixels, upright
   */
  record Prepared(byte[] jpeg, byte[] g4, Map<String, Object> g4Params, int width, int height) {

    /** The image as an XObject of that document (sequential: PDFBox documents are not shared). */
    PDImageXObject toXObject(PDDocument doc) throws IOException {
      if (jpeg != null) {
        return JPEGFactory.createFromByteArray(doc, jpeg);
      }
      PDImageXObject x =
          new PDImageXObject(
              doc,
              new ByteArrayInputStream(g4),
              COSName.CCITTFAX_DECODE,
              width,
              height,
              1,
              PDDeviceGray.INSTANCE);
      COSDictionary parms = new COSDictionary();
      for (Map.Entry<String, Object> e : g4Params.entrySet()) {
        if (e.getValue() instanceof Boolean b) {
          parms.setBoolean(e.getKey(), b);
        } else {
          parms.setInt(e.getKey(), (Integer) e.getValue());
        }
      }
      x.getCOSObject().setItem(COSName.DECODE_PARMS, parms);
      return x;
    }
  }

  /**
   * Encodes a 1-bit image as CCITT G4 with PDFBox's encoder in a private scratch document, so the
   * slow part (≈ 0.3 s a 300-dpi A4 page) runs on worker threads.
   */
  static Prepared g4(BufferedImage bitonal) throws IOException {
    try (PDDocument scratch = new PDDocument()) {
      PDImageXObject x = CCITTFactory.createFromImage(scratch, bitonal);
      byte[] data;
      try (InputStream in = x.getCOSObject().createRawInputStream()) {
        data = in.readAllBytes();
      }
      Map<String, Object> params = new LinkedHashMap<>();
      COSBase dp = x.getCOSObject().getDictionaryObject(COSName.DECODE_PARMS);
      if (dp instanceof COSDictionary d) {
        for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
          if (e.getValue() instanceof COSBoolean b) {
            params.put(e.getKey().getName(), b.getValue());
          } else if (e.getValue() instanceof COSInteger i) {
            params.put(e.getKey().getName(), i.intValue());
          }
        }
      }
      return new Prepared(null, data, params, bitonal.getWidth(), bitonal.getHeight());
    }
  }

  /** Decodes page bytes (PNG, JPEG, TIFF). */
  static BufferedImage decode(byte[] bytes) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    if (img == null) {
      throw new IOException("no image reader could decode it");
    }
    return img;
  }

  /**
   * Prepares a page for the PDF: turned upright, bitonal pages kept 1-bit (CCITT G4 later), grey
   * and colour pages JPEG-encoded at the given quality. A JPEG original that needs no turning is
   * used as it is (no second lossy generation).
   *
   * @param orientation how far the content was turned clockwise (0, 90, 180, 270)
   * @param format the stored format (png, jpg, tif)
   * @param bitonalHint the page was scanned black-and-white (8-bit pages with only black and white
   *     pixels are then stored as 1-bit)
   */
  static Prepared prepare(
      byte[] bytes, String format, int orientation, boolean bitonalHint, float quality)
      throws IOException {
    if (("jpg".equals(format) || "jpeg".equals(format)) && orientation % 360 == 0) {
      BufferedImage probe = decode(bytes);
      int n = probe.getColorModel().getNumComponents();
      if (n == 1 || n == 3) {
        return new Prepared(bytes, null, null, probe.getWidth(), probe.getHeight());
      }
    }
    BufferedImage img = upright(decode(bytes), orientation);
    if (img.getColorModel().getPixelSize() == 1) {
      return g4(img);
    }
    BufferedImage normal = normalise(img);
    if (bitonalHint && normal.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      BufferedImage bin = toBitonalIfPure(normal);
      if (bin != null) {
        return g4(bin);
      }
    }
    return new Prepared(
        jpeg(normal, quality, 0), null, null, normal.getWidth(), normal.getHeight());
  }

  /** Turns the image back by {@code orientation} degrees (the content was turned clockwise). */
  static BufferedImage upright(BufferedImage img, int orientation) {
    int q = ((orientation % 360) + 360) % 360 / 90;
    if (q == 0) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int nw = q % 2 == 0 ? w : h;
    int nh = q % 2 == 0 ? h : w;
    ColorModel cm = img.getColorModel();
    WritableRaster r = cm.createCompatibleWritableRaster(nw, nh);
    BufferedImage out = new BufferedImage(cm, r, cm.isAlphaPremultiplied(), null);
    Raster src = img.getRaster();
    Object px = null;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px = src.getDataElements(x, y, px);
        // Turning counter-clockwise by q quarter turns undoes a clockwise turn.
        int tx;
        int ty;
        switch (q) {
          case 1 -> {
            tx = y;
            ty = w - 1 - x;
          }
          case 2 -> {
            tx = w - 1 - x;
            ty = h - 1 - y;
          }
          default -> {
            tx = h - 1 - y;
            ty = x;
          }
        }
        r.setDataElements(tx, ty, px);
      }
    }
    return out;
  }

  /** 8-bit grey stays grey; everything else becomes 8-bit RGB on white (no alpha, no palette). */
  static BufferedImage normalise(BufferedImage img) {
    int t = img.getType();
    if (t == BufferedImage.TYPE_BYTE_GRAY || t == BufferedImage.TYPE_3BYTE_BGR) {
      return img;
    }
    ColorModel cm = img.getColorModel();
    boolean grey = cm.getNumColorComponents() == 1 && !cm.hasAlpha();
    BufferedImage out =
        new BufferedImage(
            img.getWidth(),
            img.getHeight(),
            grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** A 1-bit copy when every pixel is pure black or white, else {@code null}. */
  static BufferedImage toBitonalIfPure(BufferedImage grey) {
    Raster r = grey.getRaster();
    int w = grey.getWidth();
    int h = grey.getHeight();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int v : row) {
        if (v != 0 && v != 255) {
          return null;
        }
      }
    }
    BufferedImage bin = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
    WritableRaster br = bin.getRaster();
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        row[x] = row[x] == 0 ? 0 : 1;
      }
      br.setSamples(0, y, w, 1, 0, row);
    }
    return bin;
  }

  /** Baseline JPEG at the given quality; with {@code dpi > 0} the JFIF header records it. */
  static byte[] jpeg(BufferedImage img, float quality, int dpi) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 20);
    writeJpeg(img, quality, dpi, bos);
    return bos.toByteArray();
  }

  static void writeJpeg(BufferedImage img, float quality, int dpi, OutputStream out)
      throws IOException {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    if (!it.hasNext()) {
      throw new IOException("no JPEG encoder");
    }
    ImageWriter w = it.next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      w.setOutput(ios);
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      IIOMetadata md = null;
      if (dpi > 0) {
        md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
        Node tree = md.getAsTree("javax_imageio_jpeg_image_1.0");
        Node jfif = find(tree, "app0JFIF");
        if (jfif instanceof Element e) {
          e.setAttribute("resUnits", "1");
          e.setAttribute("Xdensity", Integer.toString(dpi));
          e.setAttribute("Ydensity", Integer.toString(dpi));
          md.setFromTree("javax_imageio_jpeg_image_1.0", tree);
        }
      }
      w.write(null, new IIOImage(img, null, md), p);
    } finally {
      w.dispose();
    }
  }

  private static Node find(Node n, String name) {
    if (name.equals(n.getNodeName())) {
      return n;
    }
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      Node f = find(c, name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /**
   * The page as an upright 8-bit RGB image at {@code targetDpi} (scanned at {@code dpi}; 0 =
   * unknown, kept as it is).
   */
  static BufferedImage colourAt(byte[] bytes, int orientation, int dpi, int targetDpi)
      throws IOException {
    BufferedImage img = upright(decode(bytes), orientation);
    double s = dpi > 0 ? (double) targetDpi / dpi : 1.0;
    int w = Math.max(1, (int) Math.round(img.getWidth() * s));
    int h = Math.max(1, (int) Math.round(img.getHeight() * s));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION,
          s == 1.0
              ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
              : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, AffineTransform.getScaleInstance(s, s), null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
