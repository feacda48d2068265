package com.dossiercapture.sync;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the workstation talks to the central system.
 *
 * @param central base address, e.g. {@code https://case.court.example} (paths start at /api/v1)
 * @param tokens where bearer tokens come from, or {@code null} when the server needs none (mutual
 *     TLS, or a test receiver)
 * @param tls TLS trust and client certificate, or {@code null} for the JDK defaults
 * @param connectTimeout to open a connection
 * @param readTimeout between two reads of a reply (a silent server is given up on)
 * @param callTimeout for a whole call, upload included
 * @param maxReplyBytes the largest reply body read; larger replies are refused
 * @param parallelUploads pages uploaded at the same time
 * @param requestRetry retries of one request within a send (5xx, dropped connection, 429/503)
 * @param itemRetry waits between tries of a whole dossier (after the request retries gave up)
 * @param longestRetryAfter the longest Retry-After honoured (longer ones are cut to this)
 * @param probeInterval how often an offline client checks whether the server is back (first wait;
 *     it grows to {@code itemRetry.max()})
 * @param pollInterval how often an idle background service looks for new work
 */
public record SyncSettings(
    URI central,
    TokenSource tokens,
    TlsSettings tls,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxReplyBytes,
    int parallelUploads,
    Backoff requestRetry,
    Backoff itemRetry,
    Duration longestRetryAfter,
    Duration probeInterval,
    Duration pollInterval) {

  public SyncSettings {
    Objects.requireNonNull(central, "central");
    String scheme = central.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "the central system's address must start with https:// (or http:// for a test): "
              + central);
    }
    if (parallelUploads < 1 || maxReplyBytes < 1024) {
      throw new IllegalArgumentException("parallelUploads >= 1 and maxReplyBytes >= 1024");
    }
  }

  /** Production defaults for that address. */
  public static SyncSettings defaults(URI central) {
    return new SyncSettings(
        central,
        null,
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofMinutes(30),
        1 << 20,
        3,
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 6),
        new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 1),
        Duration.ofMinutes(10),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  public SyncSettings withTokens(TokenSource t) {
    return new SyncSettings(
        central,
        t,
        tls,
        connectTimeout,
        readTimeout,
        callTimeout,
        maxReplyBytes,
        parallelUploads,
        requestRetry,
        itemRetry,
        longestRetryAfter,
        probeInterval,
        pollInterval);
  }

  public SyncSettings withTls(TlsSettings t) {
    return new SyncSettings(
        central,
        tokens,
        t,
        connectTimeout,
        readTimeout,
        callTimeout,
        maxReplyBytes,
        parallelUploads,
        requestRetry,
        itemRetry,
        longestRetryAfter,
        probeInterval,
        pollInterval);
  }

  /** Short waits everywhere: for tests and demos on loopback. */
  public SyncSettings fast() {
    return new SyncSettings(
        central,
        tokens,
        tls,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofMinutes(2),
        maxReplyBytes,
        parallelUploads,
        new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 8),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 1),
        Duration.ofSeconds(2),
        Duration.ofMillis(100),
        Duration.ofMillis(100));
  }

  public SyncSettings withParallelUploads(int n) {
    return new SyncSettings(
        central,
        tokens,
        tls,
        connectTimeout,
        readTimeout,
        callTimeout,
        maxReplyBytes,
        n,
        requestRetry,
        itemRetry,
        longestRetryAfter,
        probeInterval,
        pollInterval);
  }

  public SyncSettings withMaxReplyBytes(int n) {
    return new SyncSettings(
        central,
        tokens,
        tls,
        connectTimeout,
        readTimeout,
        callTimeout,
        n,
        parallelUploads,
        requestRetry,
        itemRetry,
        longestRetryAfter,
        probeInterval,
        pollInterval);
  }
}
