package com.dossiercapture.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.OutboxItem;
import com.dossiercapture.staging.StagingStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that break the contract: every bad reply is refused with a clear message, and nothing is
 * marked sent that the server did not properly confirm.
 */
class HostileServerTest {

  @TempDir Path dir;
  private MockWebServer server;
  private StagingStore store;
  private OutboxItem item;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    store = StagingStore.open(dir);
    item = Fixtures.approvedDossiers(store, 1, 2, 9).getFirst();
  }

  @AfterEach
  void tearDown() {
    store.close();
    server.close();
  }

  /** A server that behaves, except where {@code override} answers for a request. */
  private void serve(Function<RecordedRequest, MockResponse> override) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            MockResponse o = override.apply(r);
            if (o != null) {
              return o;
            }
            String path = r.getUrl().encodedPath();
            if (path.equals("/api/v1/health")) {
              return json(200, "{\"status\":\"ok\"}");
            }
            if (path.startsWith("/api/v1/cases/") && r.getMethod().equals("GET")) {
              return json(404, "{\"code\":\"VERSION_NOT_FOUND\",\"detail\":\"not committed\"}");
            }
            if (path.equals("/api/v1/page-queries")) {
              // Claims to hold nothing, so the client uploads everything.
              String body = r.getBody().utf8();
              String list = body.substring(body.indexOf('['), body.indexOf(']') + 1);
              return json(200, "{\"present\":[],\"missing\":" + list + "}");
            }
            return json(500, "{\"code\":\"INTERNAL\"}");
          }
        });
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private RunSummary runOnce() {
    SyncSettings s =
        SyncSettings.defaults(URI.create(server.url("/").toString()))
            .fast()
            .withMaxReplyBytes(64 * 1024);
    try (SyncService sync = new SyncService(store, s)) {
      return sync.runOnce();
    }
  }

  private void assertNothingSynced(String expectedMessage) {
    assertThat(store.outboxCount("sent")).isZero();
    assertThat(store.outboxCount("pending")).isEqualTo(1);
    assertThat(store.dossiers().getFirst().status()).isEqualTo("approved");
    List<OutboxItem> pending = new Approval(store).outbox("pending");
    assertThat(pending.getFirst().lastError()).contains(expectedMessage);
  }

  @Test
  void aReplyThatIsNotJsonIsRefused() {
    serve(
        r ->
            r.getMethod().equals("PUT")
                ? new MockResponse.Builder().code(200).body("<html>OK</html>").build()
                : null);
    RunSummary s = runOnce();
    assertThat(s.sent()).isZero();
    assertNothingSynced("is not JSON: refused (it begins '<html>OK</html>')");
  }

  @Test
  void aHugeReplyIsRefusedWithoutReadingItAll() {
    String huge = "{\"pad\":\"" + "x".repeat(5 << 20) + "\"}";
    serve(
        r ->
            r.getUrl().encodedPath().equals("/api/v1/page-queries")
                ? new MockResponse.Builder().code(200).body(huge).build()
                : null);
    runOnce();
    assertNothingSynced("more than the 65536 bytes a reply may have: refused");
  }

  @Test
  void aHugeReplyWithoutALengthIsCutOffAtTheCap() {
    String huge = "{\"pad\":\"" + "x".repeat(5 << 20) + "\"}";
    serve(
        r ->
            r.getUrl().encodedPath().equals("/api/v1/page-queries")
                ? new MockResponse.Builder().code(200).chunkedBody(huge, 8192).build()
                : null);
    runOnce();
    assertNothingSynced("is larger than the 65536 bytes a reply may have: refused");
  }

  @Test
  void anAcknowledgementOfAnotherHashIsRefused() {
    serve(
        r ->
            r.getUrl().encodedPath().startsWith("/api/v1/pages/")
                ? json(200, "{\"sha256\":\"" + "0".repeat(64) + "\",\"byteSize\":10}")
                : null);
    runOnce();
    assertNothingSynced("the page is not counted as received");
  }

  @Test
  void aCommitConfirmingAnotherManifestIsRefused() {
    serve(
        r -> {
          String p = r.getUrl().encodedPath();
          if (p.equals("/api/v1/page-queries")) {
            String body = r.getBody().utf8();
            String list = body.substring(body.indexOf('['), body.indexOf(']') + 1);
            return json(200, "{\"present\":" + list + ",\"missing\":[]}");
          }
          if (p.startsWith("/api/v1/cases/") && r.getMethod().equals("PUT")) {
            return json(
                201,
                "{\"state\":\"committed\",\"receipt\":\"r-1\",\"caseNumber\":\""
                    + Fixtures.caseNumber(900)
                    + "\",\"version\":1,\"manifestSha256\":\""
                    + "a".repeat(64)
                    + "\"}");
          }
          return null;
        });
    runOnce();
    assertNothingSynced("confirms a manifest with SHA-256 " + "a".repeat(64));
  }

  @Test
  void aServerThatClaimsToHoldPagesItNeverReceivedIsCaught() {
    serve(
        r -> {
          String p = r.getUrl().encodedPath();
          if (p.startsWith("/api/v1/pages/")) {
            String sha = p.substring(p.lastIndexOf('/') + 1);
            return json(201, "{\"sha256\":\"" + sha + "\",\"byteSize\":" + r.getBodySize() + "}");
          }
          return null; // the page query keeps saying every page is missing
        });
    runOnce();
    assertNothingSynced("still lacks 2 page(s) it had acknowledged");
  }

  @Test
  void anHtmlErrorPageFromAProxySaysWhatToCheck() {
    serve(
        r ->
            r.getUrl().encodedPath().startsWith("/api/v1/cases/")
                ? new MockResponse.Builder().code(404).body("<html>Not Found</html>").build()
                : null);
    runOnce();
    assertNothingSynced("check the central system's address");
  }
}
