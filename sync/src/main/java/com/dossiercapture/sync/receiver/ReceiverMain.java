package com.dossiercapture.sync.receiver;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the reference receiver as its own process until it is stopped (Ctrl+C or a kill).
 *
 * <pre>
 * java -cp … com.dossiercapture.sync.receiver.ReceiverMain --port 8480 --data ./received
 *     [--bind 127.0.0.1] [--failure-rate 0.3] [--faults 500,503,429,drop-request,drop-reply]
 *     [--latency 20ms] [--retry-after 1] [--slow-read-bps 100000] [--token-file F]
 *     [--client-id ID --client-secret-file F] [--known-cases FILE] [--max-page-bytes N] [--seed N]
 * </pre>
 *
 * Once listening it prints one line {@code receiver listening on http://127.0.0.1:PORT} to standard
 * output.
 */
public final class ReceiverMain {

  private ReceiverMain() {}

  public static void main(String[] args) throws Exception {
    ReceiverOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("receiver: " + e.getMessage());
      System.exit(2);
      return;
    }
    ReceiverServer server = ReceiverServer.start(options);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stop.countDown();
                }));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("receiver listening on " + server.baseUri());
    stop.await();
  }

  /**
   * Parses the command line into options.
   *
   * @throws IllegalArgumentException naming the option that is wrong
   */
  public static ReceiverOptions parse(String[] args) throws IOException {
    int port = 8480;
    Path data = null;
    InetAddress bind = InetAddress.getLoopbackAddress();
    double rate = 0;
    Set<Faults.Kind> kinds = EnumSet.noneOf(Faults.Kind.class);
    Duration latency = Duration.ZERO;
    int retryAfter = 1;
    long slow = 0;
    String token = null;
    String clientId = null;
    String clientSecret = null;
    Set<String> known = null;
    long maxPage = 0;
    long seed = System.nanoTime();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      i++;
      switch (a) {
        case "--port" -> port = Integer.parseInt(v);
        case "--data" -> data = Path.of(v);
        case "--bind" -> bind = InetAddress.getByName(v);
        case "--failure-rate" -> rate = Double.parseDouble(v);
        case "--faults" -> {
          for (String k : v.split(",")) {
            kinds.add(Faults.Kind.parse(k));
          }
        }
        case "--latency" -> latency = ReceiverServer.parseDuration(v);
        case "--retry-after" -> retryAfter = Integer.parseInt(v);
        case "--slow-read-bps" -> slow = Long.parseLong(v);
        case "--token-file" -> token = readSecret(Path.of(v));
        case "--client-id" -> clientId = v;
        case "--client-secret-file" -> clientSecret = readSecret(Path.of(v));
        case "--known-cases" -> known = knownCases(Path.of(v));
        case "--max-page-bytes" -> maxPage = Long.parseLong(v);
        case "--seed" -> seed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (data == null) {
      throw new IllegalArgumentException("--data DIR is required (where received files are kept)");
    }
    return new ReceiverOptions(
        bind,
        port,
        data,
        new Faults(rate, latency, kinds, retryAfter, slow),
        token,
        clientId,
        clientSecret,
        known,
        maxPage,
        seed);
  }

  /** Reads a secret from a file (trimmed); the message never contains the secret. */
  public static String readSecret(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("the secret file " + file + " is empty");
    }
    return s;
  }

  /** One case number per line; blank lines and lines starting with # are skipped. */
  public static Set<String> knownCases(Path file) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      out.add(
          com.dossiercapture.domain.CaseNumber.parse(t)
              .orElseThrow(
                  () -> new IllegalArgumentException(file + ": '" + t + "' is not a case number"))
              .normalised());
    }
    return out;
  }
}
