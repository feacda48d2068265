package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerDrivers;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scan --device ID [--source adf-duplex] [--dpi 300] [--mode grey] [--pages N] [--case CASE]
 * --store DIR}: one scan session straight into the staging store, one line per acknowledged
 * (durable) page. Ctrl+C cancels cleanly: pages already stored stay stored. Exit 0 when the session
 * completed, was cancelled or hit the page limit; 3 when a device fault stopped it; 1 for a scanner
 * or store error; 2 for bad arguments.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class ScanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--device", required = true, paramLabel = "ID", descriptionKey = "scan.device")
  String device;

  @Option(names = "--source", paramLabel = "SRC", descriptionKey = "scan.source")
  String source = "adf-duplex";

  @Option(names = "--dpi", paramLabel = "N", descriptionKey = "scan.dpi")
  int dpi = 300;

  @Option(names = "--mode", paramLabel = "MODE", descriptionKey = "scan.mode")
  String mode = "grey";

  @Option(names = "--page-size", paramLabel = "SIZE", descriptionKey = "scan.pageSize")
  String pageSize = "a4";

  @Option(names = "--pages", paramLabel = "N", descriptionKey = "scan.pages")
  int pages;

  @Option(names = "--case", paramLabel = "CASE", descriptionKey = "scan.case")
  String caseNumber;

  @Option(names = "--court", paramLabel = "NAME", descriptionKey = "scan.court")
  String court = "";

  @Option(names = "--store", required = true, paramLabel = "DIR", descriptionKey = "scan.store")
  Path store;

  @Option(names = "--operator", paramLabel = "NAME", descriptionKey = "scan.operator")
  String operator = System.getProperty("user.name", "operator");

  @Option(names = "--on-fault", paramLabel = "stop|resume", descriptionKey = "scan.onFault")
  String onFault = "stop";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScanOptions options;
    try {
      options =
          new ScanOptions(
              ScanSource.fromCode(source),
              dpi,
              ColourMode.fromCode(mode.replace("gray", "grey").replace("color", "colour")),
              PageSize.fromCode(pageSize),
              0,
              0,
              pages,
              Map.of());
      if (!onFault.equals("stop") && !onFault.equals("resume")) {
        throw new IllegalArgumentException(Messages.get("scan.badOnFault"));
      }
    } catch (IllegalArgumentException e) {
      err.println(Messages.get("scan.badArgument", e.getMessage()));
      return 2;
    }
    ScannerDrivers drivers = ScannerDrivers.load();
    DeviceInfo dev;
    try {
      dev = drivers.resolve(device, new DiscoveryOptions(true, List.of()));
    } catch (ScannerException e) {
      err.println(e.getMessage());
      return 2;
    }
    ScanCancellation cancel = new ScanCancellation();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cancel.cancel();
              try {
                finished.await(10, TimeUnit.SECONDS); // let stored pages and the store close
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            },
            "scan-cancel-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    try (StagingStore st = StagingStore.open(store)) {
      Long dossierId = caseNumber == null ? null : st.openDossier(caseNumber, court, operator).id();
      Batch batch =
          st.createBatch(new BatchSpec(dossierId, operator, BatchSpec.hostName(), dev.id(), null));
      out.println(Messages.get("scan.batch", batch.id(), dev.name()));
      out.flush();
      ScanEvents events =
          new ScanEvents() {
            @Override
            public void page(ScannedPage p) {
              Page stored =
                  st.ingestRaster(
                      batch.id(),
                      p.image(),
                      new PageMeta(null, p.side(), p.sheet(), p.dpi(), p.colourMode(), dev.id()));
              out.println(
                  Messages.get(
                      "scan.page",
                      stored.seq(),
                      p.sheet(),
                      p.side().code(),
                      stored.width(),
                      stored.height(),
                      p.dpi(),
                      stored.sha256()));
              out.flush();
            }

            @Override
            public void event(ScanEvent e) {
              switch (e) {
                case ScanEvent.FaultRaised f ->
                    err.println(Messages.get("scan.fault", f.fault().message()));
                case ScanEvent.AdfEmpty a -> err.println(Messages.get("scan.feederEmpty"));
                case ScanEvent.Cancelled c -> err.println(Messages.get("scan.cancelled"));
                case ScanEvent.InputRejected r ->
                    err.println(Messages.get("scan.rejected", r.file(), r.reason()));
                default -> {}
              }
              err.flush();
            }

            @Override
            public FaultAction fault(ScanFault f) {
              return onFault.equals("resume") ? FaultAction.RESUME : FaultAction.STOP;
            }
          };
      ScanResult r =
          drivers.driver(dev.driverId()).orElseThrow().scan(dev, options, events, cancel);
      out.println(
          Messages.get(
              "scan.stored",
              r.pagesDelivered(),
              r.end().name().toLowerCase(java.util.Locale.ROOT)));
      out.flush();
      return r.end() == ScanResult.End.STOPPED_ON_FAULT ? 3 : 0;
    } catch (ScannerException e) {
      err.println(e.getMessage());
      return 1;
    } catch (StoreException e) {
      err.println(Messages.get("error.store." + e.kind().name(), e.getMessage()));
      return e.kind() == StoreException.Kind.LOCKED ? 2 : 1;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for 'finished'
      }
    }
  }
}
