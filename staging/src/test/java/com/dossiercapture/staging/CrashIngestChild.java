package com.dossiercapture.staging;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashTest}: ingests pages in a loop and prints "ACK id sha" after
 * each acknowledgement, until it is killed.
 */
public final class CrashIngestChild {
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (StagingStore store = StagingStore.open(dir)) {
      System.out.println(
          "OPEN "
              + store.recovery().quarantined().size()
              + " "
              + store.recovery().damaged().size());
      System.out.flush();
      Batch b = store.createBatch(BatchSpec.of("crash-test"));
      for (long i = 0; ; i++) {
        Page p =
            store.ingestRaster(
                b.id(), TestPages.page(400, 560, seed * 100_000 + i), PageMeta.of("child", 100));
        System.out.println("ACK " + p.id() + " " + p.sha256());
        System.out.flush();
      }
    }
  }
}
