package com.dossiercapture.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.staging.OutboxItem;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.sync.receiver.Faults;
import com.dossiercapture.sync.receiver.ReceiverMain;
import com.dossiercapture.sync.receiver.ReceiverOptions;
import com.dossiercapture.sync.receiver.ReceiverServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes killed with SIGKILL in the middle of a sync, then started again. */
class KillRestartTest {

  @TempDir Path dir;

  private static Process java(Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Waits for a line starting with {@code prefix} on the child's output. */
  private static void awaitLine(Process p, String prefix) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return;
      }
    }
    throw new AssertionError("the child ended without printing '" + prefix + "'");
  }

  private static long pageFiles(Path receiverData) throws IOException {
    Path pages = receiverData.resolve("pages");
    if (!Files.isDirectory(pages)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(pages)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void theReceiverKilledAndRestartedMidwayLosesNothingAndDuplicatesNothing() throws Exception {
    int port = Fixtures.freePort();
    Path data = dir.resolve("received");
    String[] args = {
      "--port", Integer.toString(port), "--data", data.toString(), "--latency", "5ms", "--seed", "7"
    };
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      List<OutboxItem> items = Fixtures.approvedDossiers(store, 3, 40, 11);
      Process receiver = java(ReceiverMain.class, args);
      try {
        awaitLine(receiver, "receiver listening on");
        try (SyncService sync =
            new SyncService(
                store,
                SyncSettings.defaults(URI.create("http://127.0.0.1:" + port))
                    .fast()
                    .withParallelUploads(2))) {
          sync.start();
          SyncEndToEndTest.waitFor(() -> uncheckedPages(data) >= 30, 60);
          receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
          long before = pageFiles(data);
          assertThat(before).isLessThan(120);
          SyncEndToEndTest.waitFor(
              () -> sync.status().connectivity() == SyncStatus.Connectivity.OFFLINE, 20);
          assertThat(store.outboxCount("pending")).isPositive();

          receiver = java(ReceiverMain.class, args);
          awaitLine(receiver, "receiver listening on");
          SyncEndToEndTest.waitFor(() -> store.outboxCount("sent") == 3, 90);
        }
      } finally {
        receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(Fixtures.assertReceivedExactlyOnce(data, items)).isEqualTo(120);
    }
  }

  @Test
  void theClientKilledMidUploadResumesWithOnlyWhatIsMissing() throws Exception {
    Path storeDir = dir.resolve("store");
    Path data = dir.resolve("received");
    List<OutboxItem> items;
    try (StagingStore store = StagingStore.open(storeDir)) {
      items = Fixtures.approvedDossiers(store, 2, 60, 12);
    }
    // Slow reads make each upload take a while, so the kill lands mid-body.
    Faults slow = new Faults(0, Duration.ofMillis(5), null, 1, 400_000);
    try (ReceiverServer receiver =
        ReceiverServer.start(ReceiverOptions.loopback(0, data).withFaults(slow))) {
      String url = receiver.baseUri().toString();
      Process client = java(SyncClientChild.class, storeDir.toString(), url);
      awaitLine(client, "started");
      SyncEndToEndTest.waitFor(() -> uncheckedPages(data) >= 20, 60);
      client.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL mid-upload
      long stored = pageFiles(data);
      assertThat(stored).isBetween(20L, 119L);

      Process again = java(SyncClientChild.class, storeDir.toString(), url);
      awaitLine(again, "done");
      assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).isZero();
      // Every page was stored once; the restarted client did not send the ones already there again
      // (apart from the few cut off by the kill).
      assertThat(receiver.stats().get("pages.created")).isEqualTo(120L);
      assertThat(receiver.stats().getOrDefault("pages.repeated", 0L)).isLessThanOrEqualTo(4L);
    }
    try (StagingStore store = StagingStore.open(storeDir)) {
      assertThat(store.outboxCount("sent")).isEqualTo(2);
      assertThat(store.dossiers()).allMatch(d -> d.status().equals("synced"));
      assertThat(store.verifyAuditChain()).isEmpty();
    }
    assertThat(Fixtures.assertReceivedExactlyOnce(data, items)).isEqualTo(120);
  }

  private static long uncheckedPages(Path data) {
    try {
      return pageFiles(data);
    } catch (IOException e) {
      return 0;
    }
  }
}
