package com.dossiercapture.sync.receiver;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.sync.api.Api;
import com.dossiercapture.sync.api.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference receiver: implements the central case system contract over HTTP with the JDK's
 * built-in server, keeping what it receives in a {@link ReceiverStore}. It verifies every page
 * hash, validates manifests, commits each dossier version once, answers status queries, and can
 * inject the faults of {@link Faults}. Credentials are never logged.
 */
public final class ReceiverServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiverServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_JSON_BYTES = 16 << 20;

  private final ReceiverOptions options;
  private final ReceiverStore store;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Random dice;
  private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  private ReceiverServer(ReceiverOptions options) throws IOException {
    this.options = options;
    this.store = new ReceiverStore(options.dataDir());
    this.dice = new Random(options.seed());
    this.server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 64);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info(
        "reference receiver on {} keeping data in {} (faults: {})",
        baseUri(),
        store.directory(),
        options.faults());
  }

  /** Starts a receiver; it serves until closed. */
  public static ReceiverServer start(ReceiverOptions options) throws IOException {
    return new ReceiverServer(options);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where a client should point: {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    String host = server.getAddress().getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  public ReceiverStore store() {
    return store;
  }

  /** Counters: requests, faults by kind, pages created and repeated, commits and replays. */
  public Map<String, Long> stats() {
    Map<String, Long> out = new LinkedHashMap<>();
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // -------------------------------------------------------------------------------------------

  /** A reply to send. */
  private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply json(int status, JsonNode node) {
      try {
        return new Reply(status, "application/json", JSON.writeValueAsBytes(node), Map.of());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private void count(String name) {
    counters.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
  }

  private void handle(HttpExchange ex) {
    try (ex) {
      count("requests");
      String path = ex.getRequestURI().getRawPath();
      Faults f = options.faults();
      if (!f.latency().isZero()) {
        Thread.sleep(f.latency().toMillis());
      }
      Faults.Kind fault = null;
      if (!path.equals(Api.HEALTH) && !path.equals(Api.TOKEN) && f.failureRate() > 0) {
        synchronized (dice) {
          if (dice.nextDouble() < f.failureRate()) {
            List<Faults.Kind> kinds = new ArrayList<>(f.kinds());
            kinds.sort(null);
            fault = kinds.get(dice.nextInt(kinds.size()));
          }
        }
      }
      if (fault != null) {
        count("fault." + fault.name());
        switch (fault) {
          case ERROR_500 -> {
            send(ex, problem(500, ErrorCode.INTERNAL, "injected failure", List.of()), false);
            return;
          }
          case UNAVAILABLE_503, RATE_LIMITED_429 -> {
            boolean busy = fault == Faults.Kind.RATE_LIMITED_429;
            Reply r =
                problem(
                    busy ? 429 : 503,
                    busy ? ErrorCode.RATE_LIMITED : ErrorCode.UNAVAILABLE,
                    busy ? "too many requests (injected)" : "service unavailable (injected)",
                    List.of());
            send(
                ex,
                new Reply(
                    r.status(),
                    r.contentType(),
                    r.body(),
                    Map.of("Retry-After", Integer.toString(f.retryAfterSeconds()))),
                false);
            return;
          }
          case DROP_REQUEST -> {
            dropMidBody(ex);
            return;
          }
          case DROP_REPLY -> {
            // handled below: the request takes effect, the reply is cut
          }
        }
      }
      Reply reply;
      try {
        reply = route(ex, path);
      } catch (Refusal r) {
        reply = problem(r.status(), r.code(), r.getMessage(), r.problems());
      }
      send(ex, reply, fault == Faults.Kind.DROP_REPLY);
    } catch (IOException e) {
      // The client went away (or we dropped it on purpose): nothing to answer.
      LOG.debug("request ended early: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("receiver failed on {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
      try {
        send(ex, problem(500, ErrorCode.INTERNAL, "internal error", List.of()), false);
      } catch (IOException ignored) {
        // already broken
      }
    }
  }

  private Reply route(HttpExchange ex, String rawPath) throws IOException, Refusal {
    String method = ex.getRequestMethod();
    if (rawPath.equals(Api.HEALTH) && method.equals("GET")) {
      ObjectNode n = JSON.createObjectNode();
      n.put("status", "ok");
      n.put("service", "dossier-capture reference receiver");
      n.put("apiVersion", 1);
      return Reply.json(200, n);
    }
    if (rawPath.equals(Api.TOKEN) && options.clientId() != null && method.equals("POST")) {
      return token(ex);
    }
    if (!rawPath.startsWith(Api.BASE + "/")) {
      throw new Refusal(404, ErrorCode.NOT_FOUND, "no such resource");
    }
    authorise(ex);
    List<String> seg = segments(rawPath.substring(Api.BASE.length()));
    if (seg.size() == 2 && seg.get(0).equals("pages")) {
      String sha = seg.get(1);
      if (!Api.SHA256.matcher(sha).matches()) {
        throw new Refusal(
            400, ErrorCode.BAD_REQUEST, "a page is named by its lower-case hex SHA-256");
      }
      return switch (method) {
        case "PUT" -> putPage(ex, sha);
        case "HEAD", "GET" -> {
          if (!store.hasPage(sha)) {
            throw new Refusal(404, ErrorCode.NOT_FOUND, "no page " + sha);
          }
          ObjectNode n = JSON.createObjectNode();
          n.put("sha256", sha);
          n.put("byteSize", java.nio.file.Files.size(store.pagePath(sha)));
          yield Reply.json(200, n);
        }
        default -> throw new Refusal(405, ErrorCode.BAD_REQUEST, "use PUT to upload a page");
      };
    }
    if (seg.size() == 1 && seg.get(0).equals("page-queries") && method.equals("POST")) {
      return pageQuery(ex);
    }
    if (seg.size() == 4 && seg.get(0).equals("cases") && seg.get(2).equals("versions")) {
      String caseNumber = knownCase(seg.get(1));
      int version;
      try {
        version = Integer.parseInt(seg.get(3));
      } catch (NumberFormatException e) {
        version = -1;
      }
      if (version < 1) {
        throw new Refusal(400, ErrorCode.BAD_REQUEST, "a version is a positive whole number");
      }
      return switch (method) {
        case "GET" -> {
          Optional<ReceiverStore.Commit> c = store.version(caseNumber, version);
          if (c.isEmpty()) {
            throw new Refusal(
                404,
                ErrorCode.VERSION_NOT_FOUND,
                "version " + version + " of " + caseNumber + " has not been committed");
          }
          yield Reply.json(200, ReceiverStore.toJson(c.get()));
        }
        case "PUT" -> commit(ex, caseNumber, version);
        default -> throw new Refusal(405, ErrorCode.BAD_REQUEST, "use GET or PUT");
      };
    }
    throw new Refusal(404, ErrorCode.NOT_FOUND, "no such resource");
  }

  private Reply putPage(HttpExchange ex, String sha) throws IOException, Refusal {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len != null) {
      long declared;
      try {
        declared = Long.parseLong(len.strip());
      } catch (NumberFormatException e) {
        throw new Refusal(400, ErrorCode.BAD_REQUEST, "Content-Length is not a number");
      }
      if (declared > options.maxPageBytes()) {
        throw new Refusal(
            413,
            ErrorCode.PAGE_TOO_LARGE,
            "the page has " + declared + " bytes; this server accepts " + options.maxPageBytes());
      }
    }
    ReceiverStore.PageStored stored;
    try (InputStream in = ex.getRequestBody()) {
      stored =
          store.putPage(sha, in, options.maxPageBytes(), options.faults().slowReadBytesPerSecond());
    }
    count(stored.created() ? "pages.created" : "pages.repeated");
    ObjectNode n = JSON.createObjectNode();
    n.put("sha256", stored.sha256());
    n.put("byteSize", stored.byteSize());
    n.put("stored", stored.created() ? "created" : "existing");
    return Reply.json(stored.created() ? 201 : 200, n);
  }

  private Reply pageQuery(HttpExchange ex) throws IOException, Refusal {
    JsonNode q = readJson(ex);
    JsonNode list = q.path("sha256");
    if (!list.isArray() || list.size() > Api.MAX_QUERY_HASHES) {
      throw new Refusal(
          400,
          ErrorCode.BAD_REQUEST,
          "a page query is {\"sha256\": [...]} with at most " + Api.MAX_QUERY_HASHES + " hashes");
    }
    List<String> hashes = new ArrayList<>();
    for (JsonNode h : list) {
      if (!Api.SHA256.matcher(h.asText()).matches()) {
        throw new Refusal(400, ErrorCode.BAD_REQUEST, "'" + h.asText() + "' is not a SHA-256");
      }
      hashes.add(h.asText());
    }
    Set<String> present = store.present(hashes);
    ObjectNode n = JSON.createObjectNode();
    ArrayNode p = n.putArray("present");
    ArrayNode m = n.putArray("missing");
    for (String h : new java.util.LinkedHashSet<>(hashes)) {
      (present.contains(h) ? p : m).add(h);
    }
    return Reply.json(200, n);
  }

  private Reply commit(HttpExchange ex, String caseNumber, int version)
      throws IOException, Refusal {
    byte[] body = readCapped(ex.getRequestBody(), MAX_JSON_BYTES);
    List<String> hashes = ManifestCheck.check(body, caseNumber, version);
    ReceiverStore.CommitResult r = store.commit(caseNumber, version, body, hashes);
    count(r.created() ? "commits.created" : "commits.replayed");
    ObjectNode n = ReceiverStore.toJson(r.commit());
    n.put("replayed", !r.created());
    return Reply.json(r.created() ? 201 : 200, n);
  }

  private Reply token(HttpExchange ex) throws IOException, Refusal {
    String form = new String(readCapped(ex.getRequestBody(), 64 * 1024), StandardCharsets.UTF_8);
    Map<String, String> p = new LinkedHashMap<>();
    for (String kv : form.split("&")) {
      int i = kv.indexOf('=');
      if (i > 0) {
        p.put(
            URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
      }
    }
    String id = p.get("client_id");
    String secret = p.get("client_secret");
    String basic = ex.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded =
          new String(
              Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8);
      int i = decoded.indexOf(':');
      if (i > 0) {
        id = URLDecoder.decode(decoded.substring(0, i), StandardCharsets.UTF_8);
        secret = URLDecoder.decode(decoded.substring(i + 1), StandardCharsets.UTF_8);
      }
    }
    if (!"client_credentials".equals(p.get("grant_type"))
        || !constantTimeEquals(options.clientId(), id)
        || !constantTimeEquals(options.clientSecret(), secret)) {
      throw new Refusal(401, ErrorCode.UNAUTHORIZED, "invalid client credentials");
    }
    String token = UUID.randomUUID().toString() + UUID.randomUUID();
    issuedTokens.add(token);
    ObjectNode n = JSON.createObjectNode();
    n.put("access_token", token);
    n.put("token_type", "Bearer");
    n.put("expires_in", 3600);
    return Reply.json(200, n);
  }

  private void authorise(HttpExchange ex) throws Refusal {
    if (options.bearerToken() == null && options.clientId() == null) {
      return;
    }
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String t = h.substring(7).strip();
      if (constantTimeEquals(options.bearerToken(), t) || issuedTokens.contains(t)) {
        return;
      }
    }
    count("unauthorised");
    throw new Refusal(401, ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
  }

  private String knownCase(String segment) throws Refusal {
    Optional<CaseNumber> cn = CaseNumber.parse(segment);
    if (cn.isEmpty()) {
      throw new Refusal(404, ErrorCode.UNKNOWN_CASE, "'" + segment + "' is not a case number");
    }
    String n = cn.get().normalised();
    if (options.knownCases() != null && !options.knownCases().contains(n)) {
      throw new Refusal(404, ErrorCode.UNKNOWN_CASE, "the court has no case " + n);
    }
    return n;
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static JsonNode readJson(HttpExchange ex) throws IOException, Refusal {
    byte[] body = readCapped(ex.getRequestBody(), MAX_JSON_BYTES);
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new Refusal(400, ErrorCode.BAD_REQUEST, "the body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Refusal(400, ErrorCode.BAD_REQUEST, "the body is not JSON");
    }
  }

  private static byte[] readCapped(InputStream in, int max) throws IOException, Refusal {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    int r;
    while ((r = in.read(buf)) > 0) {
      if (out.size() + r > max) {
        throw new Refusal(413, ErrorCode.BAD_REQUEST, "the body is larger than " + max + " bytes");
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  private static boolean constantTimeEquals(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static Reply problem(int status, ErrorCode code, String detail, List<String> problems) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "https://dossier-capture.example/problems/" + code.name().toLowerCase());
    n.put("title", code.name());
    n.put("status", status);
    n.put("code", code.name());
    n.put("detail", detail);
    if (!problems.isEmpty()) {
      ArrayNode a = n.putArray(code == ErrorCode.MISSING_PAGES ? "missing" : "problems");
      problems.forEach(a::add);
    }
    try {
      return new Reply(status, Api.PROBLEM_JSON, JSON.writeValueAsBytes(n), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange ex, Reply r, boolean cutShort) throws IOException {
    ex.getResponseHeaders().set("Content-Type", r.contentType() + "; charset=utf-8");
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (r.status() == 401) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"central-case-system\"");
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length);
    if (head) {
      return;
    }
    OutputStream out = ex.getResponseBody();
    if (cutShort) {
      out.write(r.body(), 0, r.body().length / 2);
      out.flush();
      throw new IOException("reply dropped halfway (injected)");
    }
    out.write(r.body());
  }

  /** Reads part of the request body, then closes the connection without answering. */
  private static void dropMidBody(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    long half = len == null ? 1024 : Long.parseLong(len.strip()) / 2;
    in.readNBytes((int) Math.min(half, 1 << 20));
    throw new IOException("connection dropped mid-body (injected)");
  }

  /** Parses a duration such as 250ms or 2s (for the command line). */
  static Duration parseDuration(String s) {
    String t = s.strip();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofMillis(Long.parseLong(t));
  }
}
