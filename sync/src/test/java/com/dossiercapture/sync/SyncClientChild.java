package com.dossiercapture.sync;

import com.dossiercapture.staging.StagingStore;
import java.net.URI;
import java.nio.file.Path;

/**
 * A workstation's sync as its own process, for the kill test: {@code SyncClientChild STORE URL}
 * sends the outbox in the background and exits 0 when nothing is pending.
 */
public final class SyncClientChild {

  private SyncClientChild() {}

  public static void main(String[] args) throws Exception {
    try (StagingStore store = StagingStore.open(Path.of(args[0]));
        SyncService sync =
            new SyncService(
                store, SyncSettings.defaults(URI.create(args[1])).fast().withParallelUploads(2))) {
      sync.start();
      System.out.println("started");
      System.out.flush();
      while (store.outboxCount("pending") > 0) {
        Thread.sleep(50);
      }
    }
    System.out.println("done");
  }
}
