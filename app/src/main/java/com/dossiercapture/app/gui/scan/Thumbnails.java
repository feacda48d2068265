package com.dossiercapture.app.gui.scan;

import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.StagingStore;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/**
 * Small page pictures, made off the FX thread and kept in a bounded least-recently-used cache: from
 * the raster the scanner just delivered (no decode) when the maker keeps up, otherwise from the
 * stored original (hash-checked). Memory stays bounded however long the batch.
 */
final class Thumbnails implements AutoCloseable {

  /**
   * Height of a thumbnail in pixels (shown at about 100 logical pixels: sharp on 1.25× screens).
   */
  static final int HEIGHT = 128;

  private static final int MAX_QUEUED_RASTERS = 6;

  private final StagingStore store;
  private final int capacity;
  private final Map<Long, Image> cache;
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor maker;
  private final BiConsumer<Long, Image> ready;

  /**
   * @param capacity how many thumbnails stay in memory
   * @param ready receives each new thumbnail (on the maker thread)
   */
  Thumbnails(StagingStore store, int capacity, BiConsumer<Long, Image> ready) {
    this.store = store;
    this.capacity = capacity;
    this.ready = ready;
    this.cache =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Image> e) {
            return size() > Thumbnails.this.capacity;
          }
        };
    this.maker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform()
                .daemon()
                .name("thumbnails")
                .priority(Thread.NORM_PRIORITY - 1)
                .factory());
  }

  /** The cached thumbnail, or {@code null}. */
  synchronized Image cached(long pageId) {
    return cache.get(pageId);
  }

  synchronized int size() {
    return cache.size();
  }

  /** Makes the thumbnail of a page just scanned, from its raster while the maker keeps up. */
  void fromScan(Page page, BufferedImage raster) {
    BufferedImage keep = maker.getQueue().size() < MAX_QUEUED_RASTERS ? raster : null;
    submit(page, keep);
  }

  /** Asks for a thumbnail that is not cached (a cell scrolled into view). */
  void request(Page page) {
    if (cached(page.id()) == null) {
      submit(page, null);
    }
  }

  private void submit(Page page, BufferedImage raster) {
    if (!inFlight.add(page.id())) {
      return;
    }
    try {
      maker.execute(
          () -> {
            try {
              BufferedImage src = raster;
              if (src == null) {
                src = ImageIO.read(new ByteArrayInputStream(store.readOriginal(page.id())));
              }
              if (src == null) {
                return;
              }
              Image img = SwingFXUtils.toFXImage(scale(src, HEIGHT), null);
              synchronized (this) {
                cache.put(page.id(), img);
              }
              ready.accept(page.id(), img);
            } catch (Exception | OutOfMemoryError e) {
              org.slf4j.LoggerFactory.getLogger(Thumbnails.class)
                  .warn("no thumbnail for page {}: {}", page.id(), e.toString());
            } finally {
              inFlight.remove(page.id());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      inFlight.remove(page.id());
    }
  }

  /** Scales a page down to {@code height} pixels (bilinear: reads only the pixels it needs). */
  static BufferedImage scale(BufferedImage src, int height) {
    int h = Math.min(height, src.getHeight());
    int w = Math.max(1, (int) Math.round((double) src.getWidth() * h / src.getHeight()));
    if (src.getType() == BufferedImage.TYPE_BYTE_GRAY
        && src.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte db
        && src.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel sm
        && sm.getPixelStride() == 1
        && src.getRaster().getSampleModelTranslateX() == 0
        && src.getRaster().getSampleModelTranslateY() == 0) {
      return scaleGrey(db.getData(), sm.getScanlineStride(), src.getWidth(), src.getHeight(), w, h);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The scanner's grey pages (the usual case) straight from the pixel array: each thumbnail pixel
   * averages a 2×2 block at its centre. A few thousand reads instead of a pass over the page.
   */
  private static BufferedImage scaleGrey(byte[] px, int stride, int sw, int sh, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[w * h];
    for (int y = 0; y < h; y++) {
      int sy = Math.min(sh - 2, (int) ((y + 0.5) * sh / h));
      for (int x = 0; x < w; x++) {
        int sx = Math.min(sw - 2, (int) ((x + 0.5) * sw / w));
        int i = sy * stride + sx;
        int v =
            ((px[i] & 0xff)
                    + (px[i + 1] & 0xff)
                    + (px[i + stride] & 0xff)
                    + (px[i + stride + 1] & 0xff))
                >> 2;
        rgb[y * w + x] = (v << 16) | (v << 8) | v;
      }
    }
    out.setRGB(0, 0, w, h, rgb, 0, w);
    return out;
  }

  @Override
  public void close() {
    maker.shutdownNow();
  }
}
