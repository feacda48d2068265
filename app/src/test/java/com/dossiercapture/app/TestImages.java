package com.dossiercapture.app;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/** Small scanned-looking files for command and GUI tests. */
public final class TestImages {
  private TestImages() {}

  public static BufferedImage page(String text, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, w / 14)));
    g.drawString(text, w / 10, h / 4);
    g.dispose();
    return img;
  }

  public static void png(Path file, String text) throws IOException {
    ImageIO.write(page(text, 400, 566), "png", file.toFile());
  }

  /** A TIFF holding several pages. */
  public static void multiPageTiff(Path file, String... texts) throws IOException {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
    ImageWriter w = it.next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
      w.setOutput(out);
      w.prepareWriteSequence(null);
      for (String t : texts) {
        w.writeToSequence(new IIOImage(page(t, 300, 424), null, null), null);
      }
      w.endWriteSequence();
    } finally {
      w.dispose();
    }
  }

  /** A PDF with one image page per text. */
  public static void pdf(Path file, String... texts) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (String t : texts) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        var img = LosslessFactory.createFromImage(doc, page(t, 248, 351));
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(img, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
        }
      }
      doc.save(file.toFile());
    }
  }

  public static byte[] bytes(BufferedImage img) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ImageIO.write(img, "png", b);
    return b.toByteArray();
  }
}
