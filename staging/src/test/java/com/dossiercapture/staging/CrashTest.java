package com.dossiercapture.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ingests pages and prints each acknowledgement; it is killed with SIGKILL at random
 * moments. After every kill the store reopens and every acknowledged page is there, bit for bit.
 */
class CrashTest {

  private static final int KILLS = 24;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedPageSurvivesSigkill() throws Exception {
    Map<Long, String> acknowledged = new LinkedHashMap<>();
    Random random = new Random(20261123);
    int recoveredIncidents = 0;
    for (int round = 0; round < KILLS; round++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Xmx256m",
                  CrashIngestChild.class.getName(),
                  dir.toString(),
                  Integer.toString(round))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      List<String> lines = new ArrayList<>();
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(
                                child.getInputStream(), StandardCharsets.UTF_8))) {
                      String line;
                      while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                          lines.add(line);
                        }
                      }
                    } catch (java.io.IOException ignored) {
                      // the child died mid-line: that line was never a complete acknowledgement
                    }
                  });
      // Wait for the store to open (even rounds: the kill may then fall in recovery or the first
      // write) or for its first acknowledged page (odd rounds: so that even a loaded machine, slow
      // to start the child, kills it mid-batch), then let it ingest for a random while and kill it.
      String awaited = round % 2 == 0 ? "OPEN" : "ACK";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline
          && snapshot(lines).stream().noneMatch(l -> l.startsWith(awaited))) {
        Thread.sleep(5);
      }
      Thread.sleep(20 + random.nextInt(400));
      child.destroyForcibly(); // SIGKILL on Linux
      child.waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
      for (String l : snapshot(lines)) {
        String[] f = l.split(" ");
        if (f.length == 3 && f[0].equals("ACK") && f[2].length() == 64) {
          acknowledged.put(Long.parseLong(f[1]), f[2]);
        } else if (f[0].equals("OPEN")) {
          recoveredIncidents += Integer.parseInt(f[2]); // damaged pages must never appear
          assertThat(Integer.parseInt(f[2])).as("pages found damaged on reopen").isZero();
        }
      }
      try (StagingStore store = StagingStore.open(dir)) {
        assertThat(store.recovery().damaged()).isEmpty();
        for (var e : acknowledged.entrySet()) {
          Page p = store.page(e.getKey());
          assertThat(p.sha256()).isEqualTo(e.getValue());
          assertThat(StagingStore.sha256(store.readOriginal(p.id()))).isEqualTo(e.getValue());
        }
        CheckReport check = store.check();
        assertThat(check.integrity()).isEqualTo("ok");
        assertThat(check.problems()).isEmpty();
      }
    }
    assertThat(recoveredIncidents).isZero();
    assertThat(acknowledged)
        .as("the child acknowledged pages at all")
        .hasSizeGreaterThanOrEqualTo(KILLS / 2);
  }

  private static List<String> snapshot(List<String> lines) {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }
}
