package com.dossiercapture.app.bench;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * One PDF of page images, each page sized from its resolution, the pixels stored exactly as the
 * image files hold them (8-bit grey or RGB samples, Flate-compressed). PDFBox's LosslessFactory is
 * not used: it goes through {@code getRGB}, which turns Java's linear grey into sRGB and so changes
 * every grey value (7 becomes 46): the other engines would read other pixels than ours.
 */
final class PagesPdf {

  /** One page image and its resolution. */
  record Page(Path png, int dpi) {}

  private PagesPdf() {}

  static void write(List<Page> pages, Path out) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (Page p : pages) {
        BufferedImage img = ImageIO.read(p.png().toFile());
        if (img == null) {
          throw new IOException(p.png() + " is not a readable image");
        }
        PDImageXObject x = rawImage(doc, img);
        int dpi = p.dpi() > 0 ? p.dpi() : 300;
        float w = img.getWidth() * 72f / dpi;
        float h = img.getHeight() * 72f / dpi;
        PDPage page = new PDPage(new PDRectangle(w, h));
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(x, 0, 0, w, h);
        }
      }
      doc.save(out.toFile());
    }
  }

  /** The image's samples as they are: one band → DeviceGray, three or four → DeviceRGB. */
  static PDImageXObject rawImage(PDDocument doc, BufferedImage img) throws IOException {
    Raster r = img.getRaster();
    int bands = r.getNumBands();
    boolean grey = bands == 1;
    int comps = grey ? 1 : 3;
    if (!grey && bands < 3 || r.getSampleModel().getSampleSize(0) > 8) {
      throw new IOException("only 8-bit grey or RGB pages can be put into the PDF");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(w * h * comps / 4);
    int[] row = new int[w];
    byte[] line = new byte[w * comps];
    try (DeflaterOutputStream z = new DeflaterOutputStream(buf, new Deflater(6), 1 << 16)) {
      for (int y = 0; y < h; y++) {
        for (int c = 0; c < comps; c++) {
          r.getSamples(0, y, w, 1, c, row);
          for (int x = 0; x < w; x++) {
            line[x * comps + c] = (byte) row[x];
          }
        }
        z.write(line);
      }
    }
    PDColorSpace cs = grey ? PDDeviceGray.INSTANCE : PDDeviceRGB.INSTANCE;
    return new PDImageXObject(
        doc, new ByteArrayInputStream(buf.toByteArray()), COSName.FLATE_DECODE, w, h, 8, cs);
  }
}
