package com.dossiercapture.sync.receiver;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * How the reference receiver runs.
 *
 * @param bind address to listen on (loopback unless an administrator chooses otherwise)
 * @param port TCP port, 0 for any free one
 * @param dataDir where pages and manifests are kept
 * @param faults faults to inject
 * @param bearerToken a fixed token every request must carry, or {@code null}
 * @param clientId OAuth2 client id for the token endpoint, or {@code null} for no token endpoint
 * @param clientSecret the secret that goes with {@code clientId}
 * @param knownCases normalised case numbers the court knows; {@code null} accepts any valid one
 * @param maxPageBytes largest page accepted
 * @param seed seed of the fault dice (repeatable runs)
 */
public record ReceiverOptions(
    InetAddress bind,
    int port,
    Path dataDir,
    Faults faults,
    String bearerToken,
    String clientId,
    String clientSecret,
    Set<String> knownCases,
    long maxPageBytes,
    long seed) {

  /** Default largest page: 256 MiB. */
  public static final long DEFAULT_MAX_PAGE_BYTES = 256L << 20;

  public ReceiverOptions {
    bind = bind == null ? InetAddress.getLoopbackAddress() : bind;
    Objects.requireNonNull(dataDir, "dataDir");
    faults = faults == null ? Faults.none() : faults;
    knownCases = knownCases == null ? null : Set.copyOf(knownCases);
    maxPageBytes = maxPageBytes <= 0 ? DEFAULT_MAX_PAGE_BYTES : maxPageBytes;
    if (clientId != null && (clientSecret == null || clientSecret.isEmpty())) {
      throw new IllegalArgumentException("a client id needs a client secret");
    }
  }

  /** Loopback, that port, that folder, no faults, no authentication. */
  public static ReceiverOptions loopback(int port, Path dataDir) {
    return new ReceiverOptions(null, port, dataDir, null, null, null, null, null, 0, 1);
  }

  public ReceiverOptions withFaults(Faults f) {
    return new ReceiverOptions(
        bind,
        port,
        dataDir,
        f,
        bearerToken,
        clientId,
        clientSecret,
        knownCases,
        maxPageBytes,
        seed);
  }

  public ReceiverOptions withBearerToken(String token) {
    return new ReceiverOptions(
        bind, port, dataDir, faults, token, clientId, clientSecret, knownCases, maxPageBytes, seed);
  }

  public ReceiverOptions withClient(String id, String secret) {
    return new ReceiverOptions(
        bind, port, dataDir, faults, bearerToken, id, secret, knownCases, maxPageBytes, seed);
  }

  public ReceiverOptions withKnownCases(Set<String> cases) {
    return new ReceiverOptions(
        bind,
        port,
        dataDir,
        faults,
        bearerToken,
        clientId,
        clientSecret,
        cases,
        maxPageBytes,
        seed);
  }

  public ReceiverOptions withMaxPageBytes(long max) {
    return new ReceiverOptions(
        bind, port, dataDir, faults, bearerToken, clientId, clientSecret, knownCases, max, seed);
  }
}
