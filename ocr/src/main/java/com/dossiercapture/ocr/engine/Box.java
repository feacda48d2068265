package com.dossiercapture.ocr.engine;

/**
 * An axis-aligned rectangle in image pixels (x right, y down).
 *
 * @param x left edge
 * @param y top edge
 * @param width width in pixels
 * @param height height in pixels
 */
public record Box(int x, int y, int width, int height) {

  /** The smallest box containing both. */
  public Box union(Box o) {
    int x0 = Math.min(x, o.x);
    int y0 = Math.min(y, o.y);
    int x1 = Math.max(x + width, o.x + o.width);
    int y1 = Math.max(y + height, o.y + o.height);
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }

  /** This box moved by (dx, dy). */
  public Box translate(int dx, int dy) {
    return new Box(x + dx, y + dy, width, height);
  }
}
