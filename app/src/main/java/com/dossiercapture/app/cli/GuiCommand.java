package com.dossiercapture.app.cli;

import com.dossiercapture.app.AppInfo;
import com.dossiercapture.app.gui.WorkstationApp;
import com.dossiercapture.app.i18n.Messages;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gui [--store DIR]}: the workstation window (also what runs with no command). */
@Command(name = "gui", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class GuiCommand implements Callable<Integer> {

  @Option(names = "--store", paramLabel = "DIR", descriptionKey = "gui.store")
  Path store;

  @Override
  public Integer call() {
    WorkstationApp.launchWith(store != null ? store : AppInfo.defaultStore());
    return 0;
  }
}
