package com.dossiercapture.scanner.simulated;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Simple synthetic court pages drawn with Java2D for the built-in simulated feeder: a header with
 * the sheet number and side, ruled text-like lines, a page border and a sheet code in the corner so
 * replay order can be checked from the pixels. Not meant to look real (the samples module does
 * that).
 */
public final class SyntheticPages {

  private SyntheticPages() {}

  /** Renders sheet {@code sheet}, side {@code side}, A4 at {@code dpi}, in {@code mode}. */
  public static BufferedImage render(int sheet, Side side, int dpi, ColourMode mode) {
    int w = (int) Math.round(210 / 25.4 * dpi);
    int h = (int) Math.round(297 / 25.4 * dpi);
    int type =
        switch (mode) {
          case COLOUR -> BufferedImage.TYPE_3BYTE_BGR;
          case GREY -> BufferedImage.TYPE_BYTE_GRAY;
          case BLACK_AND_WHITE -> BufferedImage.TYPE_BYTE_BINARY;
        };
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      int m = dpi / 2;
      g.setStroke(new BasicStroke(Math.max(1, dpi / 100f)));
      g.drawRect(m, m, w - 2 * m, h - 2 * m);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, dpi / 5)));
      g.drawString("Sheet " + sheet + " " + side.code(), m * 2, m * 2);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(6, dpi / 10)));
      int line = Math.max(4, dpi / 6);
      for (int y = m * 3, i = 0; y < h - m * 2; y += line, i++) {
        int len = (int) ((w - 4 * m) * (0.55 + 0.4 * ((sheet * 31 + i * 17) % 10) / 10.0));
        g.fillRect(m * 2, y, len, Math.max(1, line / 4));
      }
      encodeSheet(g, sheet, side, w - 3 * m, h - 2 * m, Math.max(2, dpi / 30));
    } finally {
      g.dispose();
    }
    return img;
  }

  /** 16 squares in the bottom-right corner: 15 bits of sheet number and one bit for the side. */
  private static void encodeSheet(Graphics2D g, int sheet, Side side, int x, int y, int cell) {
    int code = (sheet << 1) | (side == Side.BACK ? 1 : 0);
    for (int b = 0; b < 16; b++) {
      g.setColor(((code >> b) & 1) == 1 ? Color.BLACK : Color.WHITE);
      g.fillRect(x - (b + 1) * cell * 2, y, cell * 2, cell * 2);
    }
    g.setColor(Color.BLACK);
  }

  /** Reads back the code drawn by {@link #render}: sheet &lt;&lt; 1 | (back ? 1 : 0). */
  public static int decode(BufferedImage img, int dpi) {
    int m = dpi / 2;
    int cell = Math.max(2, dpi / 30);
    int x = img.getWidth() - 3 * m;
    int y = img.getHeight() - 2 * m;
    int code = 0;
    for (int b = 0; b < 16; b++) {
      int px = x - (b + 1) * cell * 2 + cell;
      int rgb = img.getRGB(px, y + cell) & 0xff;
      if (rgb < 128) {
        code |= 1 << b;
      }
    }
    return code;
  }
}
