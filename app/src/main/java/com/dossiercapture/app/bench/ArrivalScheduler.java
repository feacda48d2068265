package com.dossiercapture.app.bench;

/**
 * Paces page arrivals like a scanner at a fixed rate: page {@code i} arrives at {@code start + i ×
 * period}. When the consumer blocks (the pipeline is full), a page is handed over late but keeps
 * its scheduled arrival time, so the time a page waits counts in its latency.
 */
public final class ArrivalScheduler {

  /** Time source; the system one in use, a fake one in tests. */
  public interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
  public static final Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
          }
        }
      };

  private final Clock clock;
  private final long periodNanos;
  private long start = Long.MIN_VALUE;

  /**
   * @param pagesPerMinute arrival rate
   */
  public ArrivalScheduler(Clock clock, double pagesPerMinute) {
    if (!(pagesPerMinute > 0)) {
      throw new IllegalArgumentException("the rate must be positive: " + pagesPerMinute);
    }
    this.clock = clock;
    this.periodNanos = Math.round(60e9 / pagesPerMinute);
  }

  public long periodNanos() {
    return periodNanos;
  }

  /**
   * Waits until page {@code i} is due (page 0 is due at once and starts the clock) and returns its
   * scheduled arrival time in the clock's nanoseconds.
   */
  public long awaitArrival(int i) throws InterruptedException {
    long now = clock.nanoTime();
    if (start == Long.MIN_VALUE) {
      start = now;
    }
    long due = start + i * periodNanos;
    if (due > now) {
      clock.sleepNanos(due - now);
    }
    return due;
  }
}
