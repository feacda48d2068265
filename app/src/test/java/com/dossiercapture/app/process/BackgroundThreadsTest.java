package com.dossiercapture.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background threads really run below the window's threads (Linux: their nice value). */
class BackgroundThreadsTest {

  static void assumeLinux() {
    assumeTrue(
        Files.isSymbolicLink(Path.of("/proc/thread-self")),
        "no /proc/thread-self: not Linux, the nice value cannot be read here");
  }

  @Test
  void aFactoryThreadRunsAtTheBackgroundNiceValueAndTheCallerKeepsItsOwn() throws Exception {
    assumeLinux();
    int callerBefore = BackgroundThreads.currentNice();
    ExecutorService pool =
        Executors.newSingleThreadExecutor(BackgroundThreads.factory("bg-test", false));
    try {
      CompletableFuture<int[]> seen = new CompletableFuture<>();
      pool.execute(
          () -> {
            try {
              // A thread the worker starts (as a native library's pool would) inherits it.
              int[] child = new int[1];
              Thread t =
                  new Thread(
                      () -> {
                        try {
                          child[0] = BackgroundThreads.currentNice();
                        } catch (Exception e) {
                          child[0] = Integer.MIN_VALUE;
                        }
                      });
              t.start();
              t.join();
              // A background thread started by a background thread is not lowered twice.
              int[] nested = new int[1];
              Thread n =
                  BackgroundThreads.factory("bg-nested", false)
                      .newThread(
                          () -> {
                            try {
                              nested[0] = BackgroundThreads.currentNice();
                            } catch (Exception e) {
                              nested[0] = Integer.MIN_VALUE;
                            }
                          });
              n.start();
              n.join();
              seen.complete(
                  new int[] {
                    BackgroundThreads.currentNice(),
                    child[0],
                    Thread.currentThread().isDaemon() ? 1 : 0,
                    nested[0]
                  });
            } catch (Exception e) {
              seen.completeExceptionally(e);
            }
          });
      int[] r = seen.get(10, TimeUnit.SECONDS);
      assertThat(r[0])
          .as("worker nice")
          .isEqualTo(Math.min(19, BackgroundThreads.processNice() + BackgroundThreads.NICE));
      assertThat(r[1]).as("nice of a thread the worker started").isEqualTo(r[0]);
      assertThat(r[2]).as("daemon").isEqualTo(1);
      assertThat(r[3])
          .as("nice of a background thread a background thread started")
          .isEqualTo(r[0]);
    } finally {
      pool.shutdownNow();
    }
    assertThat(BackgroundThreads.currentNice()).as("caller").isEqualTo(callerBefore);
  }
}
