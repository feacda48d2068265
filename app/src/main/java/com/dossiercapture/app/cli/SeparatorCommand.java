package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.app.separator.SeparatorSheet;
import com.dossiercapture.domain.CaseNumber;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code separator --case CASE --out sheet.pdf|sheet.png [--court NAME]}: a batch separator sheet.
 */
@Command(name = "separator", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class SeparatorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, paramLabel = "CASE", descriptionKey = "separator.case")
  String caseNumber;

  @Option(names = "--out", required = true, paramLabel = "FILE", descriptionKey = "separator.out")
  Path out;

  @Option(names = "--court", paramLabel = "NAME", descriptionKey = "separator.court")
  String court;

  @Override
  public Integer call() throws Exception {
    Optional<CaseNumber> cn = CaseNumber.parse(caseNumber);
    if (cn.isEmpty()) {
      spec.commandLine().getErr().println(Messages.get("separator.badCase", caseNumber));
      return 2;
    }
    if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      ImageIO.write(SeparatorSheet.render(cn.get(), court), "png", out.toFile());
    } else {
      SeparatorSheet.writePdf(cn.get(), court, out);
    }
    spec.commandLine()
        .getOut()
        .println(Messages.get("separator.written", cn.get().normalised(), out));
    return 0;
  }
}
