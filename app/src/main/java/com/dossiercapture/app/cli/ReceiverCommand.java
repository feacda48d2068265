package com.dossiercapture.app.cli;

import com.dossiercapture.sync.receiver.Faults;
import com.dossiercapture.sync.receiver.ReceiverMain;
import com.dossiercapture.sync.receiver.ReceiverOptions;
import com.dossiercapture.sync.receiver.ReceiverServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code receiver --port P --data DIR [fault flags]}: runs the reference receiver of the central
 * case system contract until stopped (for demos, tests, and a court's IT to compare its own
 * endpoint with).
 */
@Command(name = "receiver", mixinStandardHelpOptions = true, resourceBundle = SyncMessages.BUNDLE)
public final class ReceiverCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8480",
      paramLabel = "P",
      descriptionKey = "receiver.port")
  int port;

  @Option(names = "--data", required = true, paramLabel = "DIR", descriptionKey = "receiver.data")
  Path data;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      descriptionKey = "receiver.bind")
  String bind;

  @Option(
      names = "--failure-rate",
      defaultValue = "0",
      paramLabel = "0..1",
      descriptionKey = "receiver.failureRate")
  double failureRate;

  @Option(names = "--faults", split = ",", paramLabel = "KIND", descriptionKey = "receiver.faults")
  List<String> faults;

  @Option(
      names = "--latency-ms",
      defaultValue = "0",
      paramLabel = "MS",
      descriptionKey = "receiver.latency")
  long latencyMs;

  @Option(
      names = "--retry-after",
      defaultValue = "1",
      paramLabel = "S",
      descriptionKey = "receiver.retryAfter")
  int retryAfter;

  @Option(
      names = "--slow-read-bps",
      defaultValue = "0",
      paramLabel = "N",
      descriptionKey = "receiver.slowRead")
  long slowReadBps;

  @Option(names = "--token-file", paramLabel = "FILE", descriptionKey = "receiver.tokenFile")
  Path tokenFile;

  @Option(names = "--client-id", paramLabel = "ID", descriptionKey = "receiver.clientId")
  String clientId;

  @Option(
      names = "--client-secret-file",
      paramLabel = "FILE",
      descriptionKey = "receiver.clientSecret")
  Path clientSecretFile;

  @Option(names = "--known-cases", paramLabel = "FILE", descriptionKey = "receiver.knownCases")
  Path knownCases;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", descriptionKey = "receiver.seed")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReceiverOptions options;
    try {
      Set<Faults.Kind> kinds = EnumSet.noneOf(Faults.Kind.class);
      if (faults != null) {
        for (String f : faults) {
          kinds.add(Faults.Kind.parse(f));
        }
      }
      options =
          new ReceiverOptions(
              InetAddress.getByName(bind),
              port,
              data,
              new Faults(failureRate, Duration.ofMillis(latencyMs), kinds, retryAfter, slowReadBps),
              tokenFile == null ? null : ReceiverMain.readSecret(tokenFile),
              clientId,
              clientSecretFile == null ? null : ReceiverMain.readSecret(clientSecretFile),
              knownCases == null ? null : ReceiverMain.knownCases(knownCases),
              0,
              seed);
    } catch (IllegalArgumentException | IOException e) {
      err.println(SyncMessages.get("receiver.badOptions", e.getMessage()));
      return 2;
    }
    try (ReceiverServer server = ReceiverServer.start(options)) {
      out.println(SyncMessages.get("receiver.listening", server.baseUri(), data.toAbsolutePath()));
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
      return 0;
    } catch (IOException e) {
      err.println(SyncMessages.get("receiver.cannotStart", port, e.getMessage()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
