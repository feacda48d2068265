package com.dossiercapture.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.OutboxItem;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.sync.receiver.Faults;
import com.dossiercapture.sync.receiver.ReceiverOptions;
import com.dossiercapture.sync.receiver.ReceiverServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the reference receiver over real HTTP on loopback, with real SQLite. */
class SyncEndToEndTest {

  @TempDir Path dir;

  private static SyncSettings settings(URI uri) {
    return SyncSettings.defaults(uri).fast().withParallelUploads(4);
  }

  @Test
  void fiveHundredPagesThroughThirtyPercentFaultsArriveExactlyOnce() throws Exception {
    Path data = dir.resolve("received");
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      List<OutboxItem> items = Fixtures.approvedDossiers(store, 5, 100, 1);
      Faults faults = new Faults(0.3, Duration.ZERO, null, 1, 0);
      ReceiverServer receiver =
          ReceiverServer.start(ReceiverOptions.loopback(0, data).withFaults(faults));
      RunSummary total;
      try (SyncService sync = new SyncService(store, settings(receiver.baseUri()))) {
        int sent = 0;
        int pages = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (store.outboxCount("pending") > 0 && System.nanoTime() < deadline) {
          RunSummary s = sync.runOnce();
          sent += s.sent();
          pages += s.pagesUploaded();
          assertThat(s.rejected()).as("rejections: %s", s.messages()).isZero();
        }
        total = new RunSummary(sent, 0, 0, pages, 0, List.of());
      } finally {
        receiver.close();
      }
      assertThat(store.outboxCount("pending")).isZero();
      assertThat(store.outboxCount("sent")).isEqualTo(5);
      assertThat(total.sent()).isEqualTo(5);
      assertThat(store.dossiers()).allMatch(d -> d.status().equals("synced"));
      assertThat(Fixtures.assertReceivedExactlyOnce(data, items)).isEqualTo(500);
      // The faults really happened, and some uploads had to be repeated.
      assertThat(receiver.stats()).containsKeys("fault.ERROR_500", "fault.DROP_REPLY");
      assertThat(receiver.stats().getOrDefault("commits.created", 0L)).isEqualTo(5);
      assertThat(store.verifyAuditChain()).isEmpty();
    }
  }

  @Test
  void workQueuesWhileTheReceiverIsDownAndDrainsByItselfWhenItComesBack() throws Exception {
    int port = Fixtures.freePort();
    Path data = dir.resolve("received");
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      List<SyncStatus> seen = new CopyOnWriteArrayList<>();
      URI uri = URI.create("http://127.0.0.1:" + port);
      try (SyncService sync = new SyncService(store, settings(uri))) {
        sync.addListener(seen::add);
        sync.start();
        List<OutboxItem> items = Fixtures.approvedDossiers(store, 3, 10, 2);
        sync.wakeUp();
        waitFor(() -> sync.status().connectivity() == SyncStatus.Connectivity.OFFLINE, 10);
        Thread.sleep(500);
        assertThat(store.outboxCount("pending")).isEqualTo(3);
        assertThat(sync.status().queuedDossiers()).isEqualTo(3);
        assertThat(sync.status().queuedPages()).isEqualTo(30);
        assertThat(sync.status().lastError()).contains("cannot reach the central system");

        try (ReceiverServer receiver = ReceiverServer.start(ReceiverOptions.loopback(port, data))) {
          waitFor(() -> store.outboxCount("sent") == 3, 30);
          assertThat(sync.status().connectivity()).isEqualTo(SyncStatus.Connectivity.ONLINE);
          waitFor(() -> sync.status().queuedDossiers() == 0, 10);
          assertThat(receiver.stats().get("commits.created")).isEqualTo(3L);
        }
        assertThat(Fixtures.assertReceivedExactlyOnce(data, items)).isEqualTo(30);
      }
      assertThat(seen)
          .extracting(SyncStatus::connectivity)
          .contains(SyncStatus.Connectivity.OFFLINE, SyncStatus.Connectivity.ONLINE);
    }
  }

  @Test
  void aRejectionKeepsTheDossierQueuedWithTheReasonUntilItIsFixed() throws Exception {
    Path data = dir.resolve("received");
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      List<OutboxItem> items = Fixtures.approvedDossiers(store, 2, 5, 3);
      String known = Fixtures.caseNumber(300);
      ReceiverOptions opts = ReceiverOptions.loopback(0, data).withKnownCases(Set.of(known));
      int port;
      try (ReceiverServer receiver = ReceiverServer.start(opts);
          SyncService sync = new SyncService(store, settings(receiver.baseUri()))) {
        port = receiver.port();
        RunSummary s = sync.runOnce();
        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.messages().getFirst())
            .contains("UNKNOWN_CASE")
            .contains(Fixtures.caseNumber(301));
      }
      Approval approval = new Approval(store);
      List<OutboxItem> rejected = approval.outbox("rejected");
      assertThat(rejected).hasSize(1);
      assertThat(rejected.getFirst().lastError())
          .contains("UNKNOWN_CASE", "the court has no case " + Fixtures.caseNumber(301));
      assertThat(store.findDossier(Fixtures.caseNumber(301)).orElseThrow().status())
          .isEqualTo("approved");

      // The court registers the case; the archivist puts the version back in the queue.
      try (ReceiverServer receiver =
              ReceiverServer.start(
                  ReceiverOptions.loopback(port, data)
                      .withKnownCases(Set.of(known, Fixtures.caseNumber(301))));
          SyncService sync = new SyncService(store, settings(receiver.baseUri()))) {
        sync.requeue(rejected.getFirst().id(), "档案员");
        RunSummary s = sync.runOnce();
        assertThat(s.sent()).isEqualTo(1);
      }
      assertThat(store.outboxCount("sent")).isEqualTo(2);
      assertThat(Fixtures.assertReceivedExactlyOnce(data, items)).isEqualTo(10);
    }
  }

  @Test
  void aDamagedLocalPageIsNeverSentAndTheDossierWaitsForAPerson() throws Exception {
    Path data = dir.resolve("received");
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      Fixtures.approvedDossiers(store, 1, 5, 4);
      var page = store.pages(store.batches().getFirst().id()).get(2);
      java.nio.file.Files.write(
          store.originalPath(page), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
      try (ReceiverServer receiver = ReceiverServer.start(ReceiverOptions.loopback(0, data));
          SyncService sync = new SyncService(store, settings(receiver.baseUri()))) {
        RunSummary s = sync.runOnce();
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.messages().getFirst()).contains("no longer matches its recorded SHA-256");
        assertThat(receiver.store().hasPage(page.sha256())).isFalse();
        assertThat(receiver.store().commits()).isEmpty();
      }
      assertThat(store.outboxCount("rejected")).isEqualTo(1);
    }
  }

  @Test
  void bearerTokensFromTheClientCredentialsGrantAreUsedAndNeverShown() throws Exception {
    Path data = dir.resolve("received");
    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      List<OutboxItem> items = Fixtures.approvedDossiers(store, 1, 3, 5);
      String secret = "s3cret-Client-Secret-xyz";
      try (ReceiverServer receiver =
          ReceiverServer.start(
              ReceiverOptions.loopback(0, data).withClient("workstation-7", secret))) {
        // Without a token: refused, nothing sent, and the message says what to check.
        try (SyncService sync = new SyncService(store, settings(receiver.baseUri()))) {
          RunSummary s = sync.runOnce();
          assertThat(s.sent()).isZero();
          assertThat(s.messages().getFirst()).contains("refused the credentials");
        }
        SyncSettings base = settings(receiver.baseUri());
        try (CentralClient plain = new CentralClient(base)) {
          TokenSource wrong =
              new ClientCredentialsTokenSource(
                  plain.http(),
                  okhttp3.HttpUrl.get(receiver.baseUri() + "/oauth/token"),
                  "workstation-7",
                  "not-the-secret",
                  null);
          org.assertj.core.api.Assertions.assertThatThrownBy(wrong::token)
              .isInstanceOf(SyncException.class)
              .hasMessageContaining("refused client 'workstation-7'")
              .hasMessageNotContaining("not-the-secret");
          TokenSource good =
              new ClientCredentialsTokenSource(
                  plain.http(),
                  okhttp3.HttpUrl.get(receiver.baseUri() + "/oauth/token"),
                  "workstation-7",
                  secret,
                  null);
          try (SyncService sync = new SyncService(store, base.withTokens(good))) {
            RunSummary s = sync.runOnce();
            assertThat(s.sent()).as("%s", s.messages()).isEqualTo(1);
            assertThat(String.valueOf(sync.status().lastError()))
                .doesNotContain(secret)
                .doesNotContain(good.token());
          }
        }
      }
      for (OutboxItem i : new Approval(store).outbox("sent")) {
        assertThat(String.valueOf(i.lastError())).doesNotContain(secret);
      }
      assertThat(store.auditLog()).noneMatch(e -> String.valueOf(e.detail()).contains(secret));
      assertThat(Fixtures.assertReceivedExactlyOnce(data, items)).isEqualTo(3);
    }
  }

  static void waitFor(java.util.function.BooleanSupplier c, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }
}
