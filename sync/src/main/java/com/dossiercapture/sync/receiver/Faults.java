package com.dossiercapture.sync.receiver;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Faults the reference receiver injects, to prove a client copes with a bad network and a busy
 * server. Health checks are never failed (only delayed), so a client can tell "up but flaky" from
 * "down".
 *
 * @param failureRate probability (0..1) that a request gets one of {@code kinds}
 * @param latency added before every request is handled
 * @param kinds which faults may be drawn
 * @param retryAfterSeconds the Retry-After sent with 429 and 503
 * @param slowReadBytesPerSecond page bodies are read no faster than this (0 = full speed)
 */
public record Faults(
    double failureRate,
    Duration latency,
    Set<Kind> kinds,
    int retryAfterSeconds,
    long slowReadBytesPerSecond) {

  /** A fault. */
  public enum Kind {
    /** HTTP 500 with a structured error, before anything is done. */
    ERROR_500,
    /** HTTP 503 with Retry-After, before anything is done. */
    UNAVAILABLE_503,
    /** HTTP 429 with Retry-After, before anything is done. */
    RATE_LIMITED_429,
    /** The connection is closed halfway through reading the request body; nothing is done. */
    DROP_REQUEST,
    /** The request takes effect, then the connection is closed halfway through the reply. */
    DROP_REPLY;

    /** Parses 500, 503, 429, drop-request, drop-reply (or the enum names). */
    public static Kind parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "500", "error_500" -> ERROR_500;
        case "503", "unavailable_503" -> UNAVAILABLE_503;
        case "429", "rate_limited_429" -> RATE_LIMITED_429;
        case "drop-request", "drop_request" -> DROP_REQUEST;
        case "drop-reply", "drop_reply" -> DROP_REPLY;
        default ->
            throw new IllegalArgumentException(
                "unknown fault '" + s + "' (use 500, 503, 429, drop-request, drop-reply)");
      };
    }
  }

  public Faults {
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException("the failure rate must be between 0 and 1");
    }
    latency = latency == null ? Duration.ZERO : latency;
    kinds = kinds == null || kinds.isEmpty() ? EnumSet.allOf(Kind.class) : Set.copyOf(kinds);
    if (retryAfterSeconds < 0 || slowReadBytesPerSecond < 0) {
      throw new IllegalArgumentException("Retry-After and read speed cannot be negative");
    }
  }

  /** No faults at all. */
  public static Faults none() {
    return new Faults(0, Duration.ZERO, null, 1, 0);
  }

  /** Every kind of fault at that rate, Retry-After 1 s. */
  public static Faults rate(double failureRate) {
    return new Faults(failureRate, Duration.ZERO, null, 1, 0);
  }
}
