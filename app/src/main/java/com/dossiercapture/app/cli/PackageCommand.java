package com.dossiercapture.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code package [--type app-image|deb|all] [--out DIR]}: builds the installers from this source
 * checkout with {@code installer/package.sh} (Linux) or {@code
 * installer/src/main/packaging/windows/package.ps1} (Windows .msi). Exit code of the script; 2 when
 * not run from a source checkout.
 */
@Command(name = "package", mixinStandardHelpOptions = true, resourceBundle = ExportCommand.BUNDLE)
public final class PackageCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--type", paramLabel = "TYPE", descriptionKey = "package.type")
  String type = "app-image";

  @Option(names = "--out", paramLabel = "DIR", descriptionKey = "package.out")
  Path out;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Path home = Path.of(System.getProperty("dc.home", ".")).toAbsolutePath().normalize();
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    Path script =
        windows
            ? home.resolve("installer/src/main/packaging/windows/package.ps1")
            : home.resolve("installer/package.sh");
    if (!Files.isRegularFile(script)) {
      err.println(ExportCommand.text("package.noCheckout", script));
      return 2;
    }
    List<String> cmd = new ArrayList<>();
    if (windows) {
      cmd.addAll(List.of("powershell", "-ExecutionPolicy", "Bypass", "-File", script.toString()));
      if (out != null) {
        cmd.addAll(List.of("-Out", out.toString()));
      }
    } else {
      cmd.addAll(List.of("bash", script.toString(), "--type", type));
      cmd.addAll(List.of("--dist", home.resolve("app/target/dist/lib").toString()));
      if (out != null) {
        cmd.addAll(List.of("--out", out.toString()));
      }
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).inheritIO();
    pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
    int rc = pb.start().waitFor();
    if (rc != 0) {
      err.println(ExportCommand.text("package.failed", rc));
    }
    return rc;
  }
}
