package com.dossiercapture.ocr.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.ref.Reference;
import nu.pattern.OpenCV;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Conversions between Java images and OpenCV matrices, and loading of OpenCV's native library.
 *
 * <p>OpenCV's Java {@link Mat} frees its native matrix in a finalizer. A {@code Mat} whose last use
 * is as an argument of a native call can be collected, and its native matrix freed by the finalizer
 * thread, while that call still reads or writes it: a use after free that corrupted the C heap
 * (SIGSEGV or "corrupted double-linked list", only with two workers, where the other worker's
 * allocations start collections). Every method that hands matrices to OpenCV therefore keeps them
 * reachable with {@link #keep} after its last native call (ADR 0013).
 */
public final class Mats {

  private static volatile boolean loaded;

  private Mats() {}

  /** Loads OpenCV's native library once (extracts it from the jar on first use). */
  public static void load() {
    if (!loaded) {
      synchronized (Mats.class) {
        if (!loaded) {
          OpenCV.loadLocally();
          loaded = true;
        }
      }
    }
  }

  /** Keeps the object reachable up to this point (a matrix a native call has just used). */
  public static void keep(Object a) {
    Reference.reachabilityFence(a);
  }

  /** Keeps the objects reachable up to this point. */
  public static void keep(Object a, Object b) {
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
  }

  /** Keeps the objects reachable up to this point. */
  public static void keep(Object a, Object b, Object c) {
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
    Reference.reachabilityFence(c);
  }

  /** Keeps the objects reachable up to this point. */
  public static void keep(Object a, Object b, Object c, Object d) {
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
    Reference.reachabilityFence(c);
    Reference.reachabilityFence(d);
  }

  /** An 8-bit single-channel copy of the image (luminance for colour; paper for transparency). */
  public static Mat grey(BufferedImage image) {
    load();
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] px;
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getDataBuffer() instanceof DataBufferByte db
        && db.getData().length == w * h) {
      px = db.getData();
    } else {
      px = new byte[w * h];
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int rgb = row[x];
          int a = rgb >>> 24;
          int v =
              (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
          px[y * w + x] = (byte) (255 - (255 - v) * a / 255);
        }
      }
    }
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    m.put(0, 0, px);
    keep(m);
    return m;
  }

  /** A TYPE_BYTE_GRAY image with the pixels of an 8-bit single-channel matrix. */
  public static BufferedImage toImage(Mat grey) {
    if (grey.type() != CvType.CV_8UC1) {
      throw new IllegalArgumentException("expected an 8-bit grey matrix, got type " + grey.type());
    }
    BufferedImage out = new BufferedImage(grey.cols(), grey.rows(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    Mat cont = grey.isContinuous() ? grey : grey.clone();
    cont.get(0, 0, px);
    keep(grey, cont);
    return out;
  }

  /** The image scaled by {@code factor} (area interpolation when shrinking). */
  public static Mat scale(Mat m, double factor) {
    Mat out = new Mat();
    Imgproc.resize(
        m,
        out,
        new Size(
            Math.max(1, Math.round(m.cols() * factor)), Math.max(1, Math.round(m.rows() * factor))),
        0,
        0,
        factor < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
    keep(m, out);
    return out;
  }

  /** The matrix turned clockwise by a multiple of 90 degrees (exact). */
  public static Mat rotateClockwise(Mat m, int degrees) {
    int d = Math.floorMod(degrees, 360);
    Mat out = new Mat();
    switch (d) {
      case 0 -> m.copyTo(out);
      case 90 -> Core.rotate(m, out, Core.ROTATE_90_CLOCKWISE);
      case 180 -> Core.rotate(m, out, Core.ROTATE_180);
      case 270 -> Core.rotate(m, out, Core.ROTATE_90_COUNTERCLOCKWISE);
      default -> throw new IllegalArgumentException("not a multiple of 90: " + degrees);
    }
    keep(m, out);
    return out;
  }
}
