package com.dossiercapture.scanner.sane;

import com.sun.jna.Memory;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds one page image from the frames SANE delivers: a single GRAY or RGB frame, or three
 * single-channel RED/GREEN/BLUE frames (three-pass scanners), at depth 1, 8 or 16, with the line
 * count known or unknown ({@code lines == -1}, the page ends at EOF).
 *
 * <p>Output: 8-bit grey as {@code TYPE_BYTE_GRAY}; 1-bit grey (line art) as {@code
 * TYPE_BYTE_BINARY} (SANE's 1 = black is inverted to Java's 0 = black); colour as {@code
 * TYPE_3BYTE_BGR}; 16-bit samples are reduced to their high byte.
 */
public final class SanePageAssembler {

  private int width = -1;
  private int bytesPerLine;
  private int depth;
  private boolean colour;
  private boolean threePass;
  private int framesSeen;
  private byte[] current = new byte[0];
  private int currentLength;
  private final byte[][] planes = new byte[3][];
  private byte[] single;
  private int singleLines;
  private boolean complete;
  private boolean truncated;

  /** Starts a frame with the parameters {@code sane_get_parameters} returned after start. */
  public void beginFrame(SaneStructs.Parameters p) throws SaneException {
    if (p.depth != 1 && p.depth != 8 && p.depth != 16) {
      throw new SaneException("unsupported bit depth " + p.depth, SaneStatus.UNSUPPORTED);
    }
    if (p.format < SaneLibrary.FRAME_GRAY || p.format > SaneLibrary.FRAME_BLUE) {
      throw new SaneException(
          "unsupported frame format " + p.format + " (only grey, RGB and R/G/B frames)",
          SaneStatus.UNSUPPORTED);
    }
    if (p.pixelsPerLine <= 0 || p.bytesPerLine <= 0) {
      throw new SaneException(
          "the device reported an empty line (" + p.pixelsPerLine + " px)", SaneStatus.INVAL);
    }
    if (framesSeen > 0 && (p.pixelsPerLine != width || p.depth != depth)) {
      throw new SaneException(
          "frames of one page differ in size or depth (" + width + " vs " + p.pixelsPerLine + ")",
          SaneStatus.INVAL);
    }
    width = p.pixelsPerLine;
    bytesPerLine = p.bytesPerLine;
    depth = p.depth;
    boolean pass = p.format >= SaneLibrary.FRAME_RED;
    threePass |= pass;
    colour = p.format != SaneLibrary.FRAME_GRAY;
    long expected = p.lines > 0 ? (long) p.lines * p.bytesPerLine : 1L << 20;
    if (expected > Integer.MAX_VALUE - 16) {
      throw new SaneException(
          "page too large for one buffer (" + expected + " bytes): lower the resolution",
          SaneStatus.NO_MEM);
    }
    if (current.length < expected) {
      current = new byte[(int) expected];
    }
    currentLength = 0;
    framesSeen++;
  }

  /** Appends {@code len} bytes just read into {@code buf}. */
  public void append(Memory buf, int len) {
    if (currentLength + len > current.length) {
      int cap = Math.max(current.length * 2, currentLength + len);
      current = Arrays.copyOf(current, cap);
    }
    buf.read(0, current, currentLength, len);
    currentLength += len;
  }

  /** Bytes received in the current frame. */
  public int bytesInFrame() {
    return currentLength;
  }

  /**
   * Ends the current frame at EOF.
   *
   * @param format the frame's format
   * @param lastFrame whether the backend said this frame completes the image
   * @throws SaneException when the frame holds not even one line
   */
  public void endFrame(int format, boolean lastFrame) throws SaneException {
    int lines = currentLength / bytesPerLine;
    if (lines == 0) {
      throw new SaneException(
          "the device ended the page without image data (" + currentLength + " bytes)",
          SaneStatus.INVAL);
    }
    if (currentLength % bytesPerLine != 0) {
      truncated = true;
    }
    byte[] data = Arrays.copyOf(current, lines * bytesPerLine);
    if (format >= SaneLibrary.FRAME_RED) {
      planes[format - SaneLibrary.FRAME_RED] = data;
      singleLines = singleLines == 0 ? lines : Math.min(singleLines, lines);
    } else {
      single = data;
      singleLines = lines;
    }
    complete = lastFrame;
  }

  /** True once the last frame ended. */
  public boolean complete() {
    return complete;
  }

  /** True when a frame ended with a partial line (dropped). */
  public boolean truncated() {
    return truncated;
  }

  /** The page image. */
  public BufferedImage image() throws SaneException {
    if (!complete) {
      throw new IllegalStateException("page not complete");
    }
    int h = singleLines;
    if (threePass) {
      for (int c = 0; c < 3; c++) {
        if (planes[c] == null) {
          throw new SaneException(
              "three-pass scan ended without the "
                  + new String[] {"red", "green", "blue"}[c]
                  + " frame",
              SaneStatus.IO_ERROR);
        }
      }
      return colourImage(h, (row, x, c) -> sample(planes[c], row, x, 0, 1));
    }
    if (colour) {
      return colourImage(h, (row, x, c) -> sample(single, row, x, c, 3));
    }
    if (depth == 1) {
      BufferedImage img = new BufferedImage(width, h, BufferedImage.TYPE_BYTE_BINARY);
      byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      int stride = (width + 7) / 8;
      for (int y = 0; y < h; y++) {
        for (int i = 0; i < stride; i++) {
          dst[y * stride + i] = (byte) ~single[y * bytesPerLine + i];
        }
      }
      return img;
    }
    BufferedImage img = new BufferedImage(width, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    if (depth == 8) {
      if (bytesPerLine == width) {
        System.arraycopy(single, 0, dst, 0, width * h);
      } else {
        for (int y = 0; y < h; y++) {
          System.arraycopy(single, y * bytesPerLine, dst, y * width, width);
        }
      }
    } else {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < width; x++) {
          dst[y * width + x] = (byte) sample(single, y, x, 0, 1);
        }
      }
    }
    return img;
  }

  private interface Sampler {
    int at(int row, int x, int channel);
  }

  private BufferedImage colourImage(int h, Sampler s) {
    BufferedImage img = new BufferedImage(width, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    if (!threePass && depth == 8) {
      for (int y = 0; y < h; y++) {
        int src = y * bytesPerLine;
        int d = y * width * 3;
        for (int x = 0; x < width; x++, src += 3, d += 3) {
          dst[d] = single[src + 2];
          dst[d + 1] = single[src + 1];
          dst[d + 2] = single[src];
        }
      }
      return img;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < width; x++) {
        int d = (y * width + x) * 3;
        dst[d] = (byte) s.at(y, x, 2);
        dst[d + 1] = (byte) s.at(y, x, 1);
        dst[d + 2] = (byte) s.at(y, x, 0);
      }
    }
    return img;
  }

  /** One sample scaled to 0..255 (used for colour frames, where a set bit means full intensity). */
  private int sample(byte[] data, int row, int x, int channel, int channels) {
    int base = row * bytesPerLine;
    return switch (depth) {
      case 8 -> data[base + x * channels + channel] & 0xff;
      case 16 -> {
        int i = base + (x * channels + channel) * 2;
        yield ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
            ? data[i + 1] & 0xff
            : data[i] & 0xff;
      }
      default -> {
        int bit = x * channels + channel;
        int b = data[base + bit / 8] & 0xff;
        yield ((b >> (7 - bit % 8)) & 1) == 1 ? 255 : 0;
      }
    };
  }
}
