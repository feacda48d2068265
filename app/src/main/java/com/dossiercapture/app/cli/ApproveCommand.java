package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code approve --store DIR (--dossier CASE | --all) [--actor NAME]}: approves dossiers, which
 * queues a new version of each for the central case system. Exit 0 when every dossier asked for was
 * approved, 1 when one could not be (the reason is printed), 2 for bad arguments.
 */
@Command(name = "approve", mixinStandardHelpOptions = true, resourceBundle = SyncMessages.BUNDLE)
public final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "DIR", descriptionKey = "approve.store")
  Path store;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--dossier", paramLabel = "CASE", descriptionKey = "approve.dossier")
    String caseNumber;

    @Option(names = "--all", descriptionKey = "approve.all")
    boolean all;
  }

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      descriptionKey = "approve.actor",
      defaultValue = "${sys:user.name}")
  String actor;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(store.resolve("staging.db"))) {
      err.println(SyncMessages.get("sync.notAStore", store));
      return 2;
    }
    try (StagingStore s = StagingStore.open(store)) {
      List<Dossier> targets = new ArrayList<>();
      if (which.all) {
        for (Dossier d : s.dossiers()) {
          if (d.status().equals("open") || d.status().equals("submitted")) {
            targets.add(d);
          }
        }
      } else {
        var d = s.findDossier(which.caseNumber);
        if (d.isEmpty()) {
          err.println(SyncMessages.get("approve.noSuchDossier", which.caseNumber));
          return 1;
        }
        targets.add(d.get());
      }
      Approval approval = new Approval(s);
      int failed = 0;
      for (Dossier d : targets) {
        try {
          Approval.Approved a = approval.approve(d.id(), actor);
          out.println(
              SyncMessages.get(
                  a.alreadyApproved() ? "approve.already" : "approve.done",
                  d.caseNumber(),
                  a.dossier().version()));
        } catch (StoreException e) {
          failed++;
          err.println(SyncMessages.get("approve.failed", d.caseNumber(), e.getMessage()));
        }
      }
      if (targets.isEmpty()) {
        out.println(SyncMessages.get("approve.nothing"));
      }
      out.flush();
      return failed == 0 ? 0 : 1;
    } catch (StoreException e) {
      err.println(Messages.get("error.store." + e.kind().name(), e.getMessage()));
      return e.kind() == StoreException.Kind.LOCKED ? 2 : 1;
    }
  }
}
