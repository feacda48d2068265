package com.dossiercapture.sync;

import com.dossiercapture.sync.api.ErrorCode;
import java.time.Duration;

/**
 * Why a conversation with the central system failed, and so what to do next: {@link #kind()}
 * decides between waiting for the network, retrying later and asking a person. The message is meant
 * for the operator and never contains credentials.
 */
public class SyncException extends RuntimeException {

  /** What kind of failure it is. */
  public enum Kind {
    /** The server cannot be reached (no route, refused, DNS, TLS handshake cut): retry when up. */
    OFFLINE,
    /** A temporary failure (5xx, dropped connection, timeout, hash damaged in transit). */
    TRANSIENT,
    /** The server asked to wait (429 or 503 with Retry-After). */
    THROTTLED,
    /** The credentials were refused: retried later, an administrator should look. */
    AUTH,
    /** The reply breaks the contract (not JSON, too large, wrong hash acknowledged): refused. */
    BAD_REPLY,
    /** The server rejected the dossier for a reason a person must fix (see the code). */
    REJECTED,
    /** The dossier cannot be sent from this workstation (a page file is damaged or missing). */
    LOCAL
  }

  private final Kind kind;
  private final ErrorCode code;
  private final Duration retryAfter;

  public SyncException(Kind kind, String message) {
    this(kind, null, null, message, null);
  }

  public SyncException(Kind kind, String message, Throwable cause) {
    this(kind, null, null, message, cause);
  }

  public SyncException(
      Kind kind, ErrorCode code, Duration retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The server's error code, when it sent one. */
  public ErrorCode code() {
    return code;
  }

  /** How long the server asked to wait, or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** True when retrying later may succeed without a person doing anything. */
  public boolean retryable() {
    return kind != Kind.REJECTED && kind != Kind.LOCAL;
  }
}
