package com.dossiercapture.sync;

import com.dossiercapture.sync.api.Api;
import com.dossiercapture.sync.api.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Speaks the central case system contract ({@code openapi/central-case-system.yaml}). Each call
 * retries what is safe to retry (everything is: uploads are named by their hash, commits carry an
 * idempotency key) with exponential backoff and jitter, honours Retry-After, and checks every
 * reply: a reply that breaks the contract is refused with {@link SyncException.Kind#BAD_REPLY},
 * never taken as a confirmation. Thread-safe.
 */
public final class CentralClient implements AutoCloseable {

  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final SyncSettings settings;
  private final OkHttpClient http;
  private final HttpUrl base;

  public CentralClient(SyncSettings settings) {
    this.settings = settings;
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .followRedirects(false);
    if (settings.tls() != null) {
      settings.tls().apply(b);
    }
    this.http = b.build();
    HttpUrl u = HttpUrl.get(settings.central());
    this.base = u;
  }

  /** The HTTP client, for a token source that should share its TLS settings. */
  public OkHttpClient http() {
    return http;
  }

  /**
   * Checks the server answers at all (one try, no retries).
   *
   * @throws SyncException OFFLINE or TRANSIENT when it does not
   */
  public void health() {
    Request req = new Request.Builder().url(url(Api.HEALTH)).get().build();
    try (Response r = http.newCall(req).execute()) {
      if (!r.isSuccessful()) {
        throw new SyncException(
            SyncException.Kind.TRANSIENT, "the central system's health check answered " + r.code());
      }
    } catch (IOException e) {
      throw ioFailure(e, "the health check");
    }
  }

  /** The server's record of a dossier version, or empty when it has not been committed. */
  public Optional<Receipt> versionStatus(String caseNumber, int version) {
    String what = "the status query for " + caseNumber + " v" + version;
    return retrying(
        what,
        () -> {
          Request req =
              authorised(new Request.Builder().url(versionUrl(caseNumber, version)).get());
          try (Response r = http.newCall(req).execute()) {
            if (r.code() == 200) {
              return Optional.of(receipt(r, what, caseNumber, version, null));
            }
            if (r.code() == 404) {
              SyncException f = failure(r, what);
              if (f.code() == ErrorCode.VERSION_NOT_FOUND) {
                return Optional.<Receipt>empty();
              }
              throw f;
            }
            throw failure(r, what);
          }
        });
  }

  /** Which of these pages the server does not hold yet. */
  public Set<String> missingPages(Collection<String> hashes) {
    List<String> all = new ArrayList<>(new LinkedHashSet<>(hashes));
    Set<String> missing = new LinkedHashSet<>();
    for (int from = 0; from < all.size(); from += Api.MAX_QUERY_HASHES) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + Api.MAX_QUERY_HASHES));
      missing.addAll(queryChunk(chunk));
    }
    return missing;
  }

  private Set<String> queryChunk(List<String> chunk) {
    String what = "the page query";
    ObjectNode q = Replies.JSON.createObjectNode();
    ArrayNode a = q.putArray("sha256");
    chunk.forEach(a::add);
    byte[] body;
    try {
      body = Replies.JSON.writeValueAsBytes(q);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return retrying(
        what,
        () -> {
          Request req =
              authorised(
                  new Request.Builder()
                      .url(url(Api.PAGE_QUERY))
                      .post(RequestBody.create(body, JSON_TYPE)));
          try (Response r = http.newCall(req).execute()) {
            if (r.code() != 200) {
              throw failure(r, what);
            }
            JsonNode n = Replies.object(r, settings.maxReplyBytes(), what);
            Set<String> present = hashList(n.path("present"), what);
            Set<String> missing = hashList(n.path("missing"), what);
            Set<String> asked = new LinkedHashSet<>(chunk);
            Set<String> answered = new LinkedHashSet<>(present);
            answered.addAll(missing);
            if (!answered.equals(asked) || present.size() + missing.size() != asked.size()) {
              throw new SyncException(
                  SyncException.Kind.BAD_REPLY,
                  "the central system's answer to the page query does not list exactly the "
                      + asked.size()
                      + " pages asked about: refused");
            }
            return missing;
          }
        });
  }

  /**
   * Uploads a page from its file (streamed, hash re-checked before and while sending).
   *
   * @throws SyncException LOCAL when the file no longer matches its hash
   */
  public void uploadPage(String sha256, Path file, long size, String mediaType) {
    String what = "the upload of page " + sha256.substring(0, 12);
    try {
      FilePageBody.verify(file, size, sha256);
    } catch (IOException e) {
      throw new SyncException(
          SyncException.Kind.LOCAL,
          "page " + sha256.substring(0, 12) + " cannot be sent: " + e.getMessage(),
          e);
    }
    MediaType type = MediaType.parse(mediaType);
    retrying(
        what,
        () -> {
          Request req =
              authorised(
                  new Request.Builder()
                      .url(base.newBuilder().encodedPath(Api.PAGES + "/" + sha256).build())
                      .put(new FilePageBody(file, size, sha256, type)));
          try (Response r = http.newCall(req).execute()) {
            if (r.code() != 200 && r.code() != 201) {
              throw failure(r, what);
            }
            JsonNode n = Replies.object(r, settings.maxReplyBytes(), what);
            String acked = n.path("sha256").asText("");
            if (!acked.equals(sha256) || n.path("byteSize").asLong(-1) != size) {
              throw new SyncException(
                  SyncException.Kind.BAD_REPLY,
                  "the central system acknowledged page "
                      + sha256.substring(0, 12)
                      + " as '"
                      + Replies.snippet(acked.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                      + "' ("
                      + n.path("byteSize").asLong(-1)
                      + " bytes, "
                      + size
                      + " sent): refused, the page is not counted as received");
            }
            return null;
          }
        });
  }

  /**
   * Commits a dossier version's manifest (after all its pages are confirmed).
   *
   * @throws SyncException REJECTED with the server's code when it refuses the dossier
   */
  public Receipt commit(String caseNumber, int version, String idempotencyKey, byte[] manifest) {
    String what = "the commit of " + caseNumber + " v" + version;
    String sha = sha256(manifest);
    return retrying(
        what,
        () -> {
          Request req =
              authorised(
                  new Request.Builder()
                      .url(versionUrl(caseNumber, version))
                      .header(Api.IDEMPOTENCY_KEY, headerSafe(idempotencyKey))
                      .put(RequestBody.create(manifest, JSON_TYPE)));
          try (Response r = http.newCall(req).execute()) {
            if (r.code() != 200 && r.code() != 201) {
              throw failure(r, what);
            }
            return receipt(r, what, caseNumber, version, sha);
          }
        });
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  // -------------------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T retrying(String what, Call<T> call) {
    Backoff policy = settings.requestRetry();
    boolean reauthorised = false;
    int offline = 0;
    for (int attempt = 1; ; attempt++) {
      SyncException failure;
      try {
        return call.run();
      } catch (SyncException e) {
        failure = e;
      } catch (FilePageBody.PageChangedException e) {
        throw new SyncException(
            SyncException.Kind.LOCAL, "a page cannot be sent: " + e.getMessage(), e);
      } catch (IOException e) {
        failure = ioFailure(e, what);
      }
      if (failure.kind() == SyncException.Kind.AUTH && !reauthorised && settings.tokens() != null) {
        settings.tokens().invalidate();
        reauthorised = true;
        continue;
      }
      if (failure.kind() == SyncException.Kind.OFFLINE) {
        offline++;
      }
      boolean again =
          (failure.kind() == SyncException.Kind.TRANSIENT
                  || failure.kind() == SyncException.Kind.THROTTLED
                  || (failure.kind() == SyncException.Kind.OFFLINE && offline < 2))
              && attempt < policy.attempts();
      if (!again) {
        throw failure;
      }
      Duration wait = policy.delay(attempt - 1);
      if (failure.retryAfter() != null) {
        if (failure.retryAfter().compareTo(settings.longestRetryAfter()) > 0) {
          throw failure; // a long pause: the dossier waits in the outbox instead of this thread
        }
        wait = failure.retryAfter();
      }
      sleep(wait);
    }
  }

  private Request authorised(Request.Builder b) {
    if (settings.tokens() != null) {
      b.header("Authorization", "Bearer " + settings.tokens().token());
    }
    return b.build();
  }

  private HttpUrl url(String path) {
    return base.newBuilder().encodedPath(path).build();
  }

  private HttpUrl versionUrl(String caseNumber, int version) {
    return base.newBuilder()
        .encodedPath(Api.CASES)
        .addPathSegment(caseNumber)
        .addPathSegment("versions")
        .addPathSegment(Integer.toString(version))
        .build();
  }

  private Receipt receipt(
      Response r, String what, String caseNumber, int version, String expectedSha)
      throws IOException {
    JsonNode n = Replies.object(r, settings.maxReplyBytes(), what);
    String receipt = n.path("receipt").asText("");
    String sha = n.path("manifestSha256").asText("");
    List<String> wrong = new ArrayList<>();
    if (!"committed".equals(n.path("state").asText())) {
      wrong.add("state is not 'committed'");
    }
    if (receipt.isBlank() || receipt.length() > 200) {
      wrong.add("no receipt");
    }
    if (!caseNumber.equals(n.path("caseNumber").asText())) {
      wrong.add("it names another case");
    }
    if (n.path("version").asInt(-1) != version) {
      wrong.add("it names another version");
    }
    if (!Api.SHA256.matcher(sha).matches()) {
      wrong.add("manifestSha256 is not a SHA-256");
    } else if (expectedSha != null && !expectedSha.equals(sha)) {
      wrong.add(
          "it confirms a manifest with SHA-256 "
              + sha
              + ", not the one sent ("
              + expectedSha
              + ")");
    }
    if (!wrong.isEmpty()) {
      throw new SyncException(
          SyncException.Kind.BAD_REPLY,
          "the central system's reply to "
              + what
              + " is not a valid confirmation ("
              + String.join("; ", wrong)
              + "): refused, nothing is marked synced");
    }
    return new Receipt(
        receipt,
        caseNumber,
        version,
        sha,
        n.path("pageCount").asInt(),
        n.path("committedAt").asText(),
        n.path("replayed").asBoolean(false));
  }

  private Set<String> hashList(JsonNode a, String what) {
    if (!a.isArray()) {
      throw new SyncException(
          SyncException.Kind.BAD_REPLY,
          "the central system's answer to " + what + " lacks the present/missing lists: refused");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode h : a) {
      if (!h.isTextual() || !Api.SHA256.matcher(h.asText()).matches()) {
        throw new SyncException(
            SyncException.Kind.BAD_REPLY,
            "the central system's answer to " + what + " holds something that is not a SHA-256");
      }
      out.add(h.asText());
    }
    return out;
  }

  /** Turns an error reply into the failure it means. */
  private SyncException failure(Response r, String what) throws IOException {
    int c = r.code();
    ErrorCode code = null;
    String detail = null;
    try {
      JsonNode p = Replies.object(r, 64 * 1024, what);
      code = ErrorCode.of(p.path("code").asText(null)).orElse(null);
      detail = p.path("detail").asText(null);
      if (detail != null && detail.length() > 300) {
        detail = detail.substring(0, 300) + "…";
      }
      JsonNode list = p.has("problems") ? p.path("problems") : p.path("missing");
      if (list.isArray() && !list.isEmpty()) {
        detail =
            (detail == null ? "" : detail + ": ") + Replies.snippet(list.toString().getBytes());
      }
    } catch (SyncException e) {
      // Not a structured error: the status alone decides.
    }
    String says =
        "HTTP " + c + (code == null ? "" : " " + code) + (detail == null ? "" : ": " + detail);
    if (c == 401 || c == 403) {
      return new SyncException(
          SyncException.Kind.AUTH,
          code,
          null,
          "the central system refused the credentials for "
              + what
              + " ("
              + says
              + "): check the token or client certificate",
          null);
    }
    if (c == 429 || c == 503) {
      return new SyncException(
          SyncException.Kind.THROTTLED,
          code,
          retryAfter(r),
          "the central system is busy (" + says + ")",
          null);
    }
    if (code != null && code.needsPerson()) {
      return new SyncException(
          SyncException.Kind.REJECTED,
          code,
          null,
          "the central system rejected "
              + what
              + ": "
              + code
              + (detail == null ? "" : " – " + detail),
          null);
    }
    if (code == ErrorCode.HASH_MISMATCH
        || code == ErrorCode.MISSING_PAGES
        || c >= 500
        || c == 408) {
      return new SyncException(
          SyncException.Kind.TRANSIENT, code, null, what + " failed (" + says + ")", null);
    }
    return new SyncException(
        SyncException.Kind.BAD_REPLY,
        code,
        null,
        "unexpected answer to " + what + " (" + says + "): check the central system's address",
        null);
  }

  private static Duration retryAfter(Response r) {
    String h = r.header("Retry-After");
    if (h == null || h.isBlank()) {
      return null;
    }
    try {
      long s = Long.parseLong(h.strip());
      return s < 0 ? null : Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(h.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (java.time.format.DateTimeParseException ignored) {
        return null;
      }
    }
  }

  static SyncException ioFailure(IOException e, String what) {
    boolean offline =
        e instanceof ConnectException
            || e instanceof UnknownHostException
            || e instanceof NoRouteToHostException
            || (e instanceof SSLException && !(e instanceof javax.net.ssl.SSLProtocolException));
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (offline) {
      return new SyncException(
          SyncException.Kind.OFFLINE, "cannot reach the central system (" + msg + ")", e);
    }
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return new SyncException(SyncException.Kind.TRANSIENT, what + " was interrupted", e);
    }
    return new SyncException(
        SyncException.Kind.TRANSIENT, what + " failed: the connection broke (" + msg + ")", e);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(SyncException.Kind.TRANSIENT, "interrupted while waiting to retry");
    }
  }

  /** The key as it travels in a header: UTF-8, percent-encoded (headers are ASCII). */
  static String headerSafe(String key) {
    return java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
