package com.dossiercapture.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th wait is a random duration between half and all of
 * {@code min(max, base * 2^n)}, so that many workstations coming back together do not retry in
 * step.
 *
 * @param base the first wait
 * @param max the longest wait
 * @param attempts how many tries in all (for per-request retries)
 */
public record Backoff(Duration base, Duration max, int attempts) {

  public Backoff {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || attempts < 1) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max and attempts >= 1");
    }
  }

  /** The wait before try number {@code retry + 1} (retry 0 = the first retry). */
  public Duration delay(int retry) {
    long cap = max.toMillis();
    long d = base.toMillis();
    for (int i = 0; i < retry && d < cap; i++) {
      d *= 2;
    }
    d = Math.min(d, cap);
    long half = d / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(d - half + 1));
  }
}
