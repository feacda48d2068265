package com.dossiercapture.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What a scanner and the paper do to a clean page: skew, a page fed turned by a multiple of 90°,
 * the dark scanner backing at the edges, blur, sensor noise, dust specks, JPEG artefacts, grey
 * conversion. Each step returns a new image.
 *
 * <p>Conventions (process-report.md): {@code skewDegrees} positive means the content is turned
 * counter-clockwise as seen on screen; {@code orientation} is how far the content is turned
 * clockwise from upright.
 */
public final class ScanDamage {

  private ScanDamage() {}

  /**
   * Turns the content by {@code degrees} (positive = counter-clockwise on screen) about the page
   * centre, on a canvas of the same size filled with {@code background}.
   */
  public static BufferedImage skew(BufferedImage src, double degrees, Color background) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    // Java2D's positive angle turns clockwise on a y-down screen, hence the minus.
    g.rotate(Math.toRadians(-degrees), src.getWidth() / 2.0, src.getHeight() / 2.0);
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  /**
   * Like {@link #skew} but the paper is slightly smaller than the scan area and off-centre, so the
   * dark scanner backing shows along the edges, as it does on a real ADF scan.
   */
  static BufferedImage skewOnBacking(BufferedImage src, double degrees, Random r) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    int v = 20 + r.nextInt(50);
    g.setColor(new Color(v, v, v));
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    double scale = 0.95 + r.nextDouble() * 0.03;
    double dx = (r.nextDouble() - 0.5) * w * 0.03;
    double dy = (r.nextDouble() - 0.5) * h * 0.02;
    AffineTransform at = new AffineTransform();
    at.translate(w / 2.0 + dx, h / 2.0 + dy);
    at.rotate(Math.toRadians(-degrees));
    at.scale(scale, scale);
    at.translate(-w / 2.0, -h / 2.0);
    g.drawImage(src, at, null);
    g.dispose();
    return out;
  }

  /**
   * Turns the whole image clockwise by a multiple of 90 degrees (exactly, no resampling). The
   * result is an RGB image, or grey when the source is grey.
   */
  public static BufferedImage rotateClockwise(BufferedImage src, int degrees) {
    if (Math.floorMod(degrees, 90) != 0) {
      throw new IllegalArgumentException("not a multiple of 90: " + degrees);
    }
    int q = Math.floorMod(degrees, 360) / 90;
    boolean grey = src.getType() == BufferedImage.TYPE_BYTE_GRAY;
    BufferedImage in = grey ? src : toRgb(src);
    int w = in.getWidth();
    int h = in.getHeight();
    int nw = q % 2 == 0 ? w : h;
    int nh = q % 2 == 0 ? h : w;
    BufferedImage out =
        new BufferedImage(nw, nh, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Object s =
        grey
            ? ((DataBufferByte) in.getRaster().getDataBuffer()).getData()
            : ((java.awt.image.DataBufferInt) in.getRaster().getDataBuffer()).getData();
    Object d =
        grey
            ? ((DataBufferByte) out.getRaster().getDataBuffer()).getData()
            : ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int yy = 0; yy < h; yy++) {
      for (int xx = 0; xx < w; xx++) {
        int nx;
        int ny;
        switch (q) {
          case 0 -> {
            nx = xx;
            ny = yy;
          }
          case 1 -> {
            nx = h - 1 - yy;
            ny = xx;
          }
          case 2 -> {
            nx = w - 1 - xx;
            ny = h - 1 - yy;
          }
          default -> {
            nx = yy;
            ny = w - 1 - xx;
          }
        }
        System.arraycopy(s, yy * w + xx, d, ny * nw + nx, 1);
      }
    }
    return out;
  }

  static BufferedImage copy(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(
            src.getWidth(),
            src.getHeight(),
            src.getType() == 0 ? BufferedImage.TYPE_INT_RGB : src.getType());
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  /** An 8-bit grey copy, as a scanner in grey mode delivers. */
  public static BufferedImage toGrey(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  /** A mild optical blur (3×3 binomial kernel). */
  static BufferedImage blur(BufferedImage src) {
    float[] k = {1, 2, 1, 2, 4, 2, 1, 2, 1};
    for (int i = 0; i < k.length; i++) {
      k[i] /= 16f;
    }
    BufferedImage in = src.getType() == BufferedImage.TYPE_BYTE_GRAY ? src : toRgb(src);
    return new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(in, null);
  }

  private static BufferedImage toRgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  /** Gaussian sensor noise of the given standard deviation (grey images only; in place). */
  static void noise(BufferedImage grey, double sigma, Random r) {
    if (sigma <= 0) {
      return;
    }
    byte[] px = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      int v = (px[i] & 0xff) + (int) Math.round(r.nextGaussian() * sigma);
      px[i] = (byte) Math.max(0, Math.min(255, v));
    }
  }

  /**
   * Dust and toner specks: {@code count} small dark dots, each at most {@code maxRadiusMm} across
   * at the given resolution.
   */
  static void specks(BufferedImage img, int count, double maxRadiusMm, int dpi, Random r) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    double maxR = Math.max(1, maxRadiusMm / 25.4 * dpi);
    for (int i = 0; i < count; i++) {
      int v = r.nextInt(90);
      g.setColor(new Color(v, v, v));
      double rad = 0.5 + r.nextDouble() * maxR;
      double x = r.nextDouble() * img.getWidth();
      double y = r.nextDouble() * img.getHeight();
      g.fill(new java.awt.geom.Ellipse2D.Double(x - rad, y - rad, 2 * rad, 2 * rad));
    }
    g.dispose();
  }

  /** Encodes and decodes as JPEG at the given quality (0..1), leaving its block artefacts. */
  static BufferedImage jpeg(BufferedImage src, float quality) {
    try {
      ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        w.setOutput(out);
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        w.write(null, new IIOImage(src, null, null), p);
      } finally {
        w.dispose();
      }
      BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
      if (src.getType() == BufferedImage.TYPE_BYTE_GRAY
          && back.getType() != BufferedImage.TYPE_BYTE_GRAY) {
        return toGrey(back);
      }
      return back;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A faint mirror image of another page's content, as ink showing through thin paper: the darkest
   * ink ends up at about {@code 255 - strength}.
   */
  static BufferedImage bleedThrough(BufferedImage otherSide, int strength) {
    int w = otherSide.getWidth();
    int h = otherSide.getHeight();
    BufferedImage grey = toGrey(otherSide);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] src = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = src[y * w + (w - 1 - x)] & 0xff;
        dst[y * w + x] = (byte) (255 - (255 - v) * strength / 255);
      }
    }
    return blur(out);
  }
}
