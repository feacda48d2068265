package com.dossiercapture.staging;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Page-like test rasters: white paper, lines of dark strokes, a little scanner noise. */
final class TestPages {
  private TestPages() {}

  static BufferedImage page(int w, int h, long seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    Random r = new Random(seed);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.max(8, h / 60)));
    int lineH = Math.max(10, h / 40);
    for (int y = h / 10; y < h * 9 / 10; y += lineH) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      g.drawString(sb.toString(), w / 12, y);
    }
    g.dispose();
    var data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < data.length; i += 7) {
      data[i] = (byte) Math.max(0, (data[i] & 0xff) - r.nextInt(12));
    }
    return img;
  }

  static byte[] png(BufferedImage img) {
    return encode(img, "png");
  }

  static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
