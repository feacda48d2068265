package com.dossiercapture.samples;

import com.dossiercapture.samples.Block.Align;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Lays out a document's blocks on A4 pages at a given resolution and draws them, collecting the
 * text of every drawn line in reading order (the OCR ground truth). Paragraphs wrap, content flows
 * onto further pages, table rows never split.
 */
final class PageRenderer {

  /** One drawn page and the text lines it shows, top to bottom. */
  record RenderedPage(BufferedImage image, List<String> lines) {}

  private final int dpi;
  private final String fontFamily;
  private final Random r;
  private final int width;
  private final int height;
  private final int left;
  private final int right;
  private final int top;
  private final int bottom;

  private final List<RenderedPage> pages = new ArrayList<>();
  private BufferedImage image;
  private Graphics2D g;
  private List<String> lines;
  private int y;

  PageRenderer(int dpi, String fontFamily, Random r) {
    this.dpi = dpi;
    this.fontFamily = fontFamily;
    this.r = r;
    this.width = mm(210);
    this.height = mm(297);
    this.left = mm(26 + r.nextInt(5));
    this.right = width - mm(24 + r.nextInt(5));
    this.top = mm(25 + r.nextInt(8));
    this.bottom = height - mm(25);
  }

  int mm(double mm) {
    return (int) Math.round(mm / 25.4 * dpi);
  }

  private int px(float pt) {
    return Math.round(pt / 72f * dpi);
  }

  /** Renders the blocks and returns the pages they fill (at least one). */
  List<RenderedPage> render(List<Block> blocks) {
    newPage();
    for (Block b : blocks) {
      switch (b) {
        case Block.Line l -> line(l);
        case Block.Paragraph p -> paragraph(p);
        case Block.Table t -> table(t);
        case Block.Signature s -> signature(s.align());
        case Block.Seal s -> seal(s.text());
        case Block.Space s -> y += mm(s.mm());
        case Block.QrCode q -> qr(q.payload(), q.mm());
        case Block.PageBreak pb -> newPage();
      }
    }
    finishPage();
    return pages;
  }

  private void newPage() {
    if (image != null) {
      finishPage();
    }
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHints(
        Map.of(
            RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON,
            RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON,
            RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE));
    lines = new ArrayList<>();
    y = top;
  }

  private void finishPage() {
    g.dispose();
    pages.add(new RenderedPage(image, List.copyOf(lines)));
    image = null;
  }

  private Font font(float pt, boolean bold) {
    return new Font(fontFamily, bold ? Font.BOLD : Font.PLAIN, px(pt));
  }

  private void ensure(int needed) {
    if (y + needed > bottom && y > top) {
      newPage();
    }
  }

  private void line(Block.Line l) {
    Font f = font(l.pt(), l.bold());
    FontMetrics fm = g.getFontMetrics(f);
    int lh = Math.round(fm.getHeight() * 1.35f);
    ensure(lh);
    int w = fm.stringWidth(l.text());
    int x =
        switch (l.align()) {
          case LEFT -> left;
          case CENTRE -> (left + right - w) / 2;
          case RIGHT -> right - w - mm(6);
        };
    g.setFont(f);
    g.setColor(ink());
    g.drawString(l.text(), x, y + fm.getAscent());
    lines.add(l.text());
    y += lh;
  }

  private Color ink() {
    int v = 10 + r.nextInt(30);
    return new Color(v, v, v + r.nextInt(10));
  }

  private void paragraph(Block.Paragraph p) {
    Font f = font(p.pt(), false);
    FontMetrics fm = g.getFontMetrics(f);
    int lh = Math.round(fm.getHeight() * 1.45f);
    int indent = p.indent() ? fm.charWidth('中') * 2 : 0;
    List<String> wrapped = wrap(p.text(), fm, right - left, indent);
    g.setFont(f);
    for (int i = 0; i < wrapped.size(); i++) {
      ensure(lh);
      g.setColor(ink());
      g.drawString(wrapped.get(i), left + (i == 0 ? indent : 0), y + fm.getAscent());
      lines.add(wrapped.get(i));
      y += lh;
    }
  }

  /** Greedy wrapping, character by character (Chinese has no word spaces). */
  static List<String> wrap(String text, FontMetrics fm, int width, int firstIndent) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int avail = width - firstIndent;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (fm.stringWidth(cur.toString() + c) > avail && cur.length() > 0) {
        // Closing punctuation never starts a line: keep it on the line it closes.
        if ("，。；：、）》”".indexOf(c) >= 0) {
          cur.append(c);
          continue;
        }
        out.add(cur.toString());
        cur.setLength(0);
        avail = width;
      }
      cur.append(c);
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private void table(Block.Table t) {
    Font f = font(t.pt(), false);
    FontMetrics fm = g.getFontMetrics(f);
    int cols = t.rows().getFirst().size();
    int tw = right - left;
    int[] widths = new int[cols];
    if (cols == 2) {
      widths[0] = tw * 3 / 10;
      widths[1] = tw - widths[0];
    } else {
      for (int c = 0; c < cols; c++) {
        widths[c] = tw / cols;
      }
      widths[cols - 1] = tw - (tw / cols) * (cols - 1);
    }
    int pad = mm(2);
    int lh = Math.round(fm.getHeight() * 1.25f);
    g.setStroke(new BasicStroke(Math.max(1f, dpi / 150f)));
    for (List<String> row : t.rows()) {
      List<List<String>> cells = new ArrayList<>();
      int rowLines = 1;
      for (int c = 0; c < cols; c++) {
        List<String> w = wrap(row.get(c), fm, widths[c] - 2 * pad, 0);
        cells.add(w);
        rowLines = Math.max(rowLines, w.size());
      }
      int rh = rowLines * lh + 2 * pad;
      ensure(rh);
      int x = left;
      g.setColor(new Color(30, 30, 30));
      g.drawLine(left, y, right, y);
      g.drawLine(left, y + rh, right, y + rh);
      g.setFont(f);
      for (int c = 0; c < cols; c++) {
        g.setColor(new Color(30, 30, 30));
        g.drawLine(x, y, x, y + rh);
        g.setColor(ink());
        for (int i = 0; i < cells.get(c).size(); i++) {
          g.drawString(cells.get(c).get(i), x + pad, y + pad + i * lh + fm.getAscent());
        }
        x += widths[c];
      }
      g.setColor(new Color(30, 30, 30));
      g.drawLine(right, y, right, y + rh);
      // Ground truth: a row reads left to right, one visual line at a time.
      for (int i = 0; i < rowLines; i++) {
        List<String> parts = new ArrayList<>();
        for (List<String> cell : cells) {
          if (i < cell.size() && !cell.get(i).isBlank()) {
            parts.add(cell.get(i));
          }
        }
        if (!parts.isEmpty()) {
          lines.add(String.join(" ", parts));
        }
      }
      y += rh;
    }
    y += mm(3);
  }

  private void signature(Align align) {
    int w = mm(35 + r.nextInt(15));
    int h = mm(10 + r.nextInt(6));
    ensure(h);
    int x =
        switch (align) {
          case LEFT -> left + mm(20);
          case CENTRE -> (left + right - w) / 2;
          case RIGHT -> right - w - mm(8);
        };
    g.setColor(new Color(20 + r.nextInt(30), 20 + r.nextInt(30), 60 + r.nextInt(100)));
    g.setStroke(
        new BasicStroke(Math.max(1.5f, dpi / 110f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D path = new Path2D.Double();
    double px = x;
    double py = y + h / 2.0;
    path.moveTo(px, py);
    int strokes = 6 + r.nextInt(6);
    for (int i = 0; i < strokes; i++) {
      double nx = x + (i + 1) * (double) w / strokes;
      double ny = y + r.nextDouble() * h;
      path.curveTo(
          px + r.nextDouble() * w / 4.0,
          y + r.nextDouble() * h,
          nx - r.nextDouble() * w / 4.0,
          y + r.nextDouble() * h,
          nx,
          ny);
      px = nx;
      py = ny;
    }
    g.draw(path);
    y += h + mm(2);
  }

  private void seal(String text) {
    int radius = mm(20);
    int cx = right - radius - mm(10 + r.nextInt(20));
    int cy = Math.min(Math.max(y - radius / 2, top + radius), bottom - radius);
    Graphics2D s = (Graphics2D) g.create();
    s.setColor(new Color(200 + r.nextInt(40), 20 + r.nextInt(30), 30 + r.nextInt(30), 210));
    s.setStroke(new BasicStroke(mm(1.2)));
    s.drawOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
    // A five-pointed star in the middle.
    Path2D star = new Path2D.Double();
    double outer = radius * 0.32;
    double inner = outer * 0.4;
    for (int i = 0; i < 10; i++) {
      double a = -Math.PI / 2 + i * Math.PI / 5;
      double rr = i % 2 == 0 ? outer : inner;
      double sx = cx + rr * Math.cos(a);
      double sy = cy + rr * Math.sin(a);
      if (i == 0) {
        star.moveTo(sx, sy);
      } else {
        star.lineTo(sx, sy);
      }
    }
    star.closePath();
    s.fill(star);
    // The text along the upper arc.
    Font f = new Font(fontFamily, Font.BOLD, (int) (radius * 0.26));
    s.setFont(f);
    int n = text.length();
    double span = Math.toRadians(Math.min(250, 22 * n));
    for (int i = 0; i < n; i++) {
      double a = -Math.PI / 2 - span / 2 + span * (i + 0.5) / n;
      AffineTransform at = new AffineTransform();
      at.translate(cx + radius * 0.75 * Math.cos(a), cy + radius * 0.75 * Math.sin(a));
      at.rotate(a + Math.PI / 2);
      Graphics2D c = (Graphics2D) s.create();
      c.transform(at);
      c.drawString(String.valueOf(text.charAt(i)), -f.getSize() / 2, f.getSize() / 2);
      c.dispose();
    }
    s.dispose();
  }

  private void qr(String payload, float sizeMm) {
    int size = mm(sizeMm);
    ensure(size);
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(
                  payload,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8",
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      0));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode QR payload " + payload, e);
    }
    int modules = m.getWidth();
    double cell = (double) size / modules;
    int x0 = (left + right - size) / 2;
    g.setColor(Color.BLACK);
    for (int yy = 0; yy < modules; yy++) {
      for (int xx = 0; xx < modules; xx++) {
        if (m.get(xx, yy)) {
          int ax = x0 + (int) Math.round(xx * cell);
          int ay = y + (int) Math.round(yy * cell);
          int bx = x0 + (int) Math.round((xx + 1) * cell);
          int by = y + (int) Math.round((yy + 1) * cell);
          g.fillRect(ax, ay, bx - ax, by - ay);
        }
      }
    }
    y += size + mm(4);
  }
}
