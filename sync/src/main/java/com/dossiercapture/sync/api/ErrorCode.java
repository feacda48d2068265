package com.dossiercapture.sync.api;

import java.util.Optional;

/**
 * Machine-readable codes of the {@code code} member of an error reply. A client decides what to do
 * from the code, never from the wording of the message.
 */
public enum ErrorCode {
  /** The case number is not known to the central system (or is not a case number). */
  UNKNOWN_CASE(true),
  /** The manifest breaks the contract; the reply's {@code problems} list says how. */
  INVALID_MANIFEST(true),
  /** The same dossier version was already committed with a different manifest. */
  VERSION_CONFLICT(true),
  /** A page larger than the server accepts. */
  PAGE_TOO_LARGE(true),
  /** The uploaded bytes do not hash to the SHA-256 that names them (corrupted in transit). */
  HASH_MISMATCH(false),
  /** The manifest names pages the server does not hold yet; upload them and commit again. */
  MISSING_PAGES(false),
  /** The dossier version has not been committed (status query). */
  VERSION_NOT_FOUND(false),
  /** Missing or refused credentials. */
  UNAUTHORIZED(false),
  /** Too many requests: wait for Retry-After. */
  RATE_LIMITED(false),
  /** The service is temporarily unavailable: wait for Retry-After. */
  UNAVAILABLE(false),
  /** The request is malformed (not a manifest problem). */
  BAD_REQUEST(false),
  /** No such resource. */
  NOT_FOUND(false),
  /** An error inside the server. */
  INTERNAL(false);

  private final boolean needsPerson;

  ErrorCode(boolean needsPerson) {
    this.needsPerson = needsPerson;
  }

  /** True when retrying cannot help: a person must fix the dossier or the server's records. */
  public boolean needsPerson() {
    return needsPerson;
  }

  /** The code with that name, if it is one. */
  public static Optional<ErrorCode> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (ErrorCode c : values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
