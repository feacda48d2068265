package com.dossiercapture.sync;

/**
 * Where the bearer token for the central system comes from. Implementations never put the token
 * into exception messages or logs.
 */
public interface TokenSource {

  /** A token to send now (fetched or refreshed when needed). */
  String token();

  /** The server refused the last token: the next call to {@link #token()} gets a fresh one. */
  default void invalidate() {}
}
