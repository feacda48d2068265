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
import java.util.Locale;
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
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "列出扫描仪 / List the scanners the drivers can reach.")
public final class DevicesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "JSON 输出 / Print JSON.")
  boolean json;

  @Option(
      names = "--include-test",
      description =
          "包括测试设备（SANE test、模拟进纸器）/ Also offer the SANE test device and the simulated"
              + " ADF (the demo default when no scanner is attached).")
  boolean includeTest;

  @Option(
      names = "--hot-folder",
      paramLabel = "DIR",
      description = "网络扫描仪的热文件夹 / A folder a network scanner writes into.")
  List<Path> hotFolders = new ArrayList<>();

  static String t(String zh, String en) {
    return Messages.locale().getLanguage().equals(Locale.ENGLISH.getLanguage()) ? en : zh;
  }

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
        out.println(
            t(
                "没有找到扫描仪。请检查电源和连线；演示时可加 --include-test。",
                "No scanner found. Check power and cable; for a demo add --include-test."));
      }
      for (DeviceInfo d : devices) {
        out.println(d.id() + "\t" + d.name());
      }
      for (ScannerDrivers.Unavailable u : drivers.unavailable()) {
        err.println(t("驱动不可用 ", "driver unavailable ") + u.id() + ": " + u.reason());
      }
      for (String e : errors) {
        err.println(t("列出设备失败 ", "listing failed ") + e);
      }
    }
    out.flush();
    return errors.isEmpty() ? 0 : 1;
  }
}
