package com.dossiercapture.app;

import com.dossiercapture.app.cli.ApproveCommand;
import com.dossiercapture.app.cli.BenchmarkCommand;
import com.dossiercapture.app.cli.CheckStoreCommand;
import com.dossiercapture.app.cli.ClassifierCommand;
import com.dossiercapture.app.cli.CorpusCommand;
import com.dossiercapture.app.cli.DevicesCommand;
import com.dossiercapture.app.cli.ExportCommand;
import com.dossiercapture.app.cli.GuiCommand;
import com.dossiercapture.app.cli.PackageCommand;
import com.dossiercapture.app.cli.ProcessCommand;
import com.dossiercapture.app.cli.ReceiverCommand;
import com.dossiercapture.app.cli.ScanCommand;
import com.dossiercapture.app.cli.SeparatorCommand;
import com.dossiercapture.app.cli.SyncCommand;
import com.dossiercapture.app.cli.VersionCommand;
import com.dossiercapture.app.i18n.Messages;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of the workstation. With no command it starts the GUI. Every command has {@code
 * --help}; texts are in Chinese unless {@code --lang en} (or {@code DC_LANG=en}) asks for English.
 */
@Command(
    name = "dossier-capture",
    mixinStandardHelpOptions = true,
    resourceBundle = Messages.BUNDLE,
    versionProvider = Main.Version.class,
    subcommands = {
      GuiCommand.class,
      VersionCommand.class,
      DevicesCommand.class,
      ScanCommand.class,
      ProcessCommand.class,
      CheckStoreCommand.class,
      SeparatorCommand.class,
      ApproveCommand.class,
      ExportCommand.class,
      SyncCommand.class,
      ReceiverCommand.class,
      CorpusCommand.class,
      ClassifierCommand.class,
      BenchmarkCommand.class,
      PackageCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {

  @Option(
      names = "--lang",
      paramLabel = "zh|en",
      scope = CommandLine.ScopeType.INHERIT,
      descriptionKey = "option.lang")
  String lang;

  @Override
  public Integer call() throws Exception {
    return new GuiCommand().call();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (for tests: no System.exit). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The configured command line, with the language chosen before any help text is built. */
  public static CommandLine commandLine(String... args) {
    int i = Arrays.asList(args).indexOf("--lang");
    if (i >= 0 && i + 1 < args.length) {
      Messages.setLocale(Messages.parse(args[i + 1]));
    } else {
      Arrays.stream(args)
          .filter(a -> a.startsWith("--lang="))
          .findFirst()
          .ifPresentOrElse(
              a -> Messages.setLocale(Messages.parse(a.substring(7))),
              () -> Messages.setLocale(Messages.locale()));
    }
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine
              .getErr()
              .println(Messages.get("error.unexpected", String.valueOf(ex.getMessage())));
          ex.printStackTrace(commandLine.getErr());
          return 1;
        });
    return cl;
  }

  /** Prints the product version for {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Dossier Capture " + AppInfo.version()};
    }
  }
}
