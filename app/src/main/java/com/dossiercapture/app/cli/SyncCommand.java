package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.dossiercapture.sync.RunSummary;
import com.dossiercapture.sync.StaticTokenSource;
import com.dossiercapture.sync.SyncException;
import com.dossiercapture.sync.SyncService;
import com.dossiercapture.sync.SyncSettings;
import com.dossiercapture.sync.SyncStatus;
import com.dossiercapture.sync.TlsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sync --store DIR --central URL [--once] [--token-file F]}: sends approved dossier versions
 * to the central case system. With {@code --once} one pass (exit 0 when the outbox is empty, 1 when
 * a version was rejected, 3 when the server cannot be reached, 4 when versions wait for a retry);
 * without it, runs until stopped, resuming by itself when the network comes back.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, resourceBundle = SyncMessages.BUNDLE)
public final class SyncCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "DIR", descriptionKey = "sync.store")
  Path store;

  @Option(names = "--central", required = true, paramLabel = "URL", descriptionKey = "sync.central")
  URI central;

  @Option(names = "--once", descriptionKey = "sync.once")
  boolean once;

  @Option(names = "--token-file", paramLabel = "FILE", descriptionKey = "sync.tokenFile")
  Path tokenFile;

  @Option(names = "--court-ca", paramLabel = "PEM", descriptionKey = "sync.courtCa")
  Path courtCa;

  @Option(names = "--client-cert", paramLabel = "P12", descriptionKey = "sync.clientCert")
  Path clientCert;

  @Option(
      names = "--client-cert-password-file",
      paramLabel = "FILE",
      descriptionKey = "sync.clientCertPassword")
  Path clientCertPassword;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(store.resolve("staging.db"))) {
      err.println(SyncMessages.get("sync.notAStore", store));
      return 2;
    }
    SyncSettings settings;
    try {
      settings = SyncSettings.defaults(central);
      if (tokenFile != null) {
        settings = settings.withTokens(StaticTokenSource.fromFile(tokenFile));
      }
      if (courtCa != null || clientCert != null) {
        char[] pw =
            clientCertPassword == null
                ? new char[0]
                : Files.readString(clientCertPassword, StandardCharsets.UTF_8)
                    .strip()
                    .toCharArray();
        settings = settings.withTls(new TlsSettings(courtCa, clientCert, pw));
      }
    } catch (IllegalArgumentException | SyncException | IOException e) {
      err.println(SyncMessages.get("sync.badSettings", e.getMessage()));
      return 2;
    }
    try (StagingStore s = StagingStore.open(store);
        SyncService sync = new SyncService(s, settings)) {
      if (once) {
        RunSummary r = sync.runOnce();
        SyncStatus st = sync.status();
        out.println(
            SyncMessages.get(
                "sync.summary",
                r.sent(),
                r.pagesUploaded(),
                r.bytesUploaded() / 1e6,
                r.retrying(),
                r.rejected()));
        for (String m : r.messages()) {
          out.println(SyncMessages.get("sync.message", m));
        }
        out.println(SyncMessages.get("sync.queued", st.queuedDossiers(), st.rejectedDossiers()));
        out.flush();
        if (st.connectivity() == SyncStatus.Connectivity.OFFLINE) {
          return 3;
        }
        if (r.rejected() > 0) {
          return 1;
        }
        return st.queuedDossiers() > 0 ? 4 : 0;
      }
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      sync.addListener(
          st -> {
            out.println(
                SyncMessages.get(
                    "sync.status",
                    SyncMessages.get("sync.connectivity." + st.connectivity().name()),
                    st.queuedDossiers(),
                    st.queuedPages(),
                    st.rejectedDossiers(),
                    st.lastError() == null ? "" : st.lastError()));
            out.flush();
          });
      sync.start();
      stop.await();
      return 0;
    } catch (StoreException e) {
      err.println(Messages.get("error.store." + e.kind().name(), e.getMessage()));
      return e.kind() == StoreException.Kind.LOCKED ? 2 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
