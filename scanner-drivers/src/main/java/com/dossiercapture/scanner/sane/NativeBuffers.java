package com.dossiercapture.scanner.sane;

import com.sun.jna.Memory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Native buffers the SANE wrapper allocates (read buffers, option values), freed explicitly and
 * counted, so a test can prove that a long session leaves none behind.
 */
public final class NativeBuffers {

  private static final AtomicLong LIVE = new AtomicLong();
  private static final AtomicLong TOTAL = new AtomicLong();

  private NativeBuffers() {}

  /** A buffer of {@code size} bytes; close it with {@link #free}. */
  static Memory allocate(long size) {
    Memory m = new Memory(Math.max(1, size));
    m.clear();
    LIVE.incrementAndGet();
    TOTAL.incrementAndGet();
    return m;
  }

  /** Frees a buffer from {@link #allocate} now (not at garbage collection). */
  static void free(Memory m) {
    if (m != null) {
      m.close();
      LIVE.decrementAndGet();
    }
  }

  /** Buffers allocated and not yet freed. */
  public static long live() {
    return LIVE.get();
  }

  /** Buffers allocated since start. */
  public static long total() {
    return TOTAL.get();
  }
}
