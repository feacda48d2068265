package com.dossiercapture.app.cli;

import com.dossiercapture.app.AppInfo;
import com.dossiercapture.app.gui.WorkstationApp;
import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.sync.receiver.ReceiverOptions;
import com.dossiercapture.sync.receiver.ReceiverServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gui [--store DIR] [--central URL | --no-demo-central]}: the workstation window (also what
 * runs with no command). Without a central system it starts the reference receiver on loopback as a
 * stand-in, so a new user sees a dossier go from paper to the "central system".
 */
@Command(name = "gui", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class GuiCommand implements Callable<Integer> {

  @Option(names = "--store", paramLabel = "DIR", descriptionKey = "gui.store")
  Path store;

  @Option(names = "--central", paramLabel = "URL", descriptionKey = "gui.central")
  URI central;

  @Option(names = "--no-demo-central", descriptionKey = "gui.noDemoCentral")
  boolean noDemoCentral;

  @Override
  public Integer call() throws Exception {
    Path dir = store != null ? store : AppInfo.defaultStore();
    URI target = central;
    if (target == null && System.getenv("DC_CENTRAL") != null) {
      target = URI.create(System.getenv("DC_CENTRAL"));
    }
    ReceiverServer demo = null;
    if (target == null && !noDemoCentral) {
      Path data = dir.toAbsolutePath().getParent().resolve("demo-central");
      demo = ReceiverServer.start(ReceiverOptions.loopback(0, data));
      target = demo.baseUri();
      System.err.println(Messages.get("gui.demoCentral", target, data));
    }
    try {
      WorkstationApp.launchWith(dir, target);
    } finally {
      if (demo != null) {
        demo.close();
      }
    }
    return 0;
  }
}
