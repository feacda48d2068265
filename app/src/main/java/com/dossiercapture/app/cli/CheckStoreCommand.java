package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.staging.CheckReport;
import com.dossiercapture.staging.Incident;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-store DIR}: SQLite integrity, every page hash, the audit chain. Exit 0 only when all
 * is well, 1 when a problem was found, 2 when the folder is not a store.
 */
@Command(name = "check-store", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class CheckStoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", descriptionKey = "check-store.dir")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(dir.resolve("staging.db"))) {
      err.println(Messages.get("check-store.notAStore", dir));
      return 2;
    }
    try (StagingStore store = StagingStore.open(dir)) {
      var rec = store.recovery();
      if (rec.uncleanShutdown()) {
        out.println(Messages.get("check-store.unclean", rec.pagesVerified()));
      }
      for (Incident i : rec.quarantined()) {
        out.println(Messages.get("check-store.quarantined", i.path(), i.detail()));
      }
      for (Incident i : rec.damaged()) {
        out.println(Messages.get("check-store.damaged", i.detail()));
      }
      CheckReport r = store.check();
      out.println(Messages.get("check-store.integrity", r.integrity()));
      out.println(
          Messages.get("check-store.pages", r.pagesChecked(), r.bytesChecked() / (1 << 20)));
      out.println(Messages.get("check-store.audit", r.auditEntries()));
      if (r.quarantinedFiles() > 0) {
        out.println(
            Messages.get(
                "check-store.quarantineCount", r.quarantinedFiles(), dir.resolve("quarantine")));
      }
      for (String p : r.problems()) {
        out.println(Messages.get("check-store.problem", p));
      }
      out.println(
          r.ok()
              ? Messages.get("check-store.ok")
              : Messages.get("check-store.notOk", r.problems().size()));
      out.flush();
      return r.ok() ? 0 : 1;
    } catch (StoreException e) {
      err.println(Messages.get("error.store." + e.kind().name(), e.getMessage()));
      return e.kind() == StoreException.Kind.LOCKED ? 2 : 1;
    }
  }
}
