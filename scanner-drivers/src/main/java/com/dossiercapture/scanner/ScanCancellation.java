package com.dossiercapture.scanner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A cancellation token: any thread may {@link #cancel()}; the acquisition thread checks {@link
 * #isCancelled()} between reads and may wait on it instead of sleeping.
 */
public final class ScanCancellation {

  private final CountDownLatch latch = new CountDownLatch(1);
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Requests cancellation; idempotent, thread-safe. */
  public void cancel() {
    if (latch.getCount() > 0) {
      latch.countDown();
      listeners.forEach(Runnable::run);
    }
  }

  public boolean isCancelled() {
    return latch.getCount() == 0;
  }

  /**
   * Sleeps up to {@code millis}, returning early (true) when cancelled. Restores the interrupt flag
   * and returns true when the thread is interrupted.
   */
  public boolean awaitCancelled(long millis) {
    try {
      return latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Runs {@code r} on the cancelling thread when cancelled (immediately if already). */
  public void onCancel(Runnable r) {
    listeners.add(r);
    if (isCancelled()) {
      r.run();
    }
  }
}
