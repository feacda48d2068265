package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.ScannerDrivers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devices [--json] [--include-test] [--hot-folder DIR]...}: the scanners every usable driver
 * finds (SANE, TWAIN, simulated ADF, hot folders), and the drivers that could not run with the
 * reason. Exit 0, or 1 when a driver failed while listing.
 */
@Command(name = "devices", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
public final class DevicesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", descriptionKey = "devices.json")
  boolean json;

  @Option(names = "--include-test", descriptionKey = "devices.includeTest")
  boolean includeTest;

  @Option(names = "--hot-folder", paramLabel = "DIR", descriptionKey = "devices.hotFolder")
  List<Path> hotFolders = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScannerDrivers drivers = ScannerDrivers.load();
    List<String> errors = new ArrayList<>();
    List<DeviceInfo> devices =
        drivers.devices(new DiscoveryOptions(includeTest, hotFolders), errors);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      List<Map<String, Object>> list = new ArrayList<>();
      for (DeviceInfo d : devices) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("driver", d.driverId());
        m.put("name", d.name());
        m.put("vendor", d.vendor());
        m.put("model", d.model());
        m.put("test", d.test());
        list.add(m);
      }
      doc.put("devices", list);
      List<Map<String, String>> skipped = new ArrayList<>();
      drivers
          .unavailable()
          .forEach(u -> skipped.add(Map.of("driver", u.id(), "reason", u.reason())));
      doc.put("unavailableDrivers", skipped);
      doc.put("errors", errors);
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } else {
      if (devices.isEmpty()) {
        out.println(Messages.get("devices.none"));
      }
      for (DeviceInfo d : devices) {
        out.println(d.id() + "\t" + d.name());
      }
      for (ScannerDrivers.Unavailable u : drivers.unavailable()) {
        err.println(Messages.get("devices.driverUnavailable", u.id(), u.reason()));
      }
      for (String e : errors) {
        err.println(Messages.get("devices.listingFailed", e));
      }
    }
    out.flush();
    return errors.isEmpty() ? 0 : 1;
  }
}
