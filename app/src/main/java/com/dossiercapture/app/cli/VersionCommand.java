package com.dossiercapture.app.cli;

import com.dossiercapture.app.AppInfo;
import com.dossiercapture.app.i18n.Messages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code version}: the product version and the platform it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class VersionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println(Messages.get("version.product", AppInfo.version()));
    out.println(
        Messages.get(
            "version.runtime",
            Runtime.version().toString(),
            System.getProperty("java.vendor"),
            System.getProperty("os.name")
                + " "
                + System.getProperty("os.version")
                + " "
                + System.getProperty("os.arch")));
    out.println(Messages.get("version.store", AppInfo.defaultStore()));
    out.flush();
    return 0;
  }
}
