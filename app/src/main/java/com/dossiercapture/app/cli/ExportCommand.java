package com.dossiercapture.app.cli;

import com.dossiercapture.app.AppInfo;
import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.dossiercapture.staging.export.ArchivalPdfExporter;
import com.dossiercapture.staging.export.ExportException;
import com.dossiercapture.staging.export.ExportOptions;
import com.dossiercapture.staging.export.ExportResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export --store DIR --dossier CASE --out FILE.pdf [--per-document DIR] [--jpeg DIR]}: the
 * archival PDF/A volume of a dossier, optionally one PDF per document and one JPEG per page. Exit 0
 * when written, 1 when the export failed (damaged page, no documents, no font), 2 for bad arguments
 * (no such store or dossier, unwritable output).
 */
@Command(name = "export", mixinStandardHelpOptions = true, resourceBundle = ExportCommand.BUNDLE)
public final class ExportCommand implements Callable<Integer> {

  /** The bundle of the export and package commands (Chinese base, English _en). */
  static final String BUNDLE = "com.dossiercapture.app.export_messages";

  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "DIR", descriptionKey = "export.store")
  Path store;

  @Option(
      names = "--dossier",
      required = true,
      paramLabel = "CASE",
      descriptionKey = "export.dossier")
  String dossier;

  @Option(names = "--out", required = true, paramLabel = "FILE.pdf", descriptionKey = "export.out")
  Path out;

  @Option(names = "--per-document", paramLabel = "DIR", descriptionKey = "export.perDocument")
  Path perDocument;

  @Option(names = "--jpeg", paramLabel = "DIR", descriptionKey = "export.jpeg")
  Path jpeg;

  @Option(names = "--jpeg-quality", paramLabel = "Q", descriptionKey = "export.quality")
  float quality = ExportOptions.DEFAULT_JPEG_QUALITY;

  @Option(names = "--parties", paramLabel = "A;B", descriptionKey = "export.parties")
  String parties;

  @Option(names = "--actor", paramLabel = "NAME", descriptionKey = "export.actor")
  String actor = System.getProperty("user.name", "export");

  /** Text from the export bundle in the language chosen with --lang / DC_LANG. */
  static String text(String key, Object... args) {
    return Messages.from(BUNDLE, key, args);
  }

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = store != null ? store : AppInfo.defaultStore();
    if (!Files.isRegularFile(dir.resolve("staging.db"))) {
      err.println(text("export.notAStore", dir));
      return 2;
    }
    ExportOptions options;
    try {
      options =
          ExportOptions.defaults()
              .withJpegQuality(quality)
              .withActor(actor)
              .withParties(
                  parties == null
                      ? List.of()
                      : Arrays.stream(parties.split("[;；]"))
                          .map(String::strip)
                          .filter(s -> !s.isEmpty())
                          .toList());
    } catch (ExportException e) {
      err.println(text("export.error." + e.kind().name(), e.getMessage()));
      return 2;
    }
    try (StagingStore st = StagingStore.open(dir)) {
      ArchivalPdfExporter exporter = new ArchivalPdfExporter(st);
      st.findDossier(dossier)
          .filter(d -> !"approved".equals(d.status()) && !"synced".equals(d.status()))
          .map(Dossier::caseNumber)
          .ifPresent(c -> o.println(text("export.notApproved", c)));
      ExportResult r = exporter.exportDossier(dossier, out, options);
      report(o, r);
      if (perDocument != null) {
        report(o, exporter.exportDocuments(dossier, perDocument, options));
      }
      if (jpeg != null) {
        report(o, exporter.exportPageJpegs(dossier, jpeg, options));
      }
      o.flush();
      return 0;
    } catch (ExportException e) {
      err.println(text("export.error." + e.kind().name(), e.getMessage()));
      return switch (e.kind()) {
        case NOT_FOUND, OUTPUT, INVALID_OPTION -> 2;
        default -> 1;
      };
    } catch (StoreException e) {
      err.println(Messages.get("error.store." + e.kind().name(), e.getMessage()));
      return e.kind() == StoreException.Kind.LOCKED ? 2 : 1;
    }
  }

  private static void report(PrintWriter o, ExportResult r) {
    Path first = r.files().get(0);
    o.println(
        text(
            "export.done",
            r.files().size() == 1 ? first : first.getParent(),
            r.files().size(),
            r.scannedPages(),
            r.numberedPages(),
            r.bytes() / 1e6,
            r.millis() / 1000.0));
    for (String w : r.warnings()) {
      o.println(text("export.warning", w));
    }
  }
}
