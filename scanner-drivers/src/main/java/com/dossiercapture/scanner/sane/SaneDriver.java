package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SANE driver: libsane through JNA. Device ids are {@code sane:<backend device name>} ({@code
 * sane:test:0}, {@code sane:fujitsu:libusb:001:004}).
 *
 * <p>Configuration: with a fixed {@link SaneSetup} (tests, benchmark) that one is always used.
 * Otherwise the system configuration, switching to "system backends plus the {@code test} backend"
 * in a private directory when discovery asks for test devices (the demo default).
 */
public final class SaneDriver implements ScannerDriver {

  /** The driver id and device-id prefix. */
  public static final String ID = "sane";

  private final SaneRuntime runtime;
  private final SaneLibrary api;
  private final SaneSetup fixedSetup;
  private final SaneOptionMapper mapper = new SaneOptionMapper(SaneNames.bundled());
  private SaneSetup demoSetup;

  /**
   * @param runtime the process's libsane
   * @param api the library handle-level calls go through: {@code runtime.library()}, or a wrapper
   *     around it
   * @param fixedSetup the configuration to always use, or null for system/demo switching
   */
  public SaneDriver(SaneRuntime runtime, SaneLibrary api, SaneSetup fixedSetup) {
    this.runtime = runtime;
    this.api = api;
    this.fixedSetup = fixedSetup;
  }

  /** The driver over the system's libsane with system/demo configuration switching. */
  public static SaneDriver system() throws SaneException {
    SaneRuntime rt = SaneRuntime.shared();
    return new SaneDriver(rt, rt.library(), null);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "SANE (Linux scanners)";
  }

  private synchronized SaneSetup setupFor(boolean needTest) {
    if (fixedSetup != null) {
      return fixedSetup;
    }
    SaneSetup active = runtime.active();
    if (!needTest) {
      return active != null && active.providesTest() ? active : SaneSetup.system();
    }
    if (demoSetup == null) {
      try {
        Path dir = Files.createTempDirectory("dossier-capture-sane-");
        dir.toFile().deleteOnExit();
        demoSetup = SaneSetup.systemPlusTest(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a private SANE configuration", e);
      }
    }
    return demoSetup;
  }

  @Override
  public List<DeviceInfo> devices(DiscoveryOptions options) throws ScannerException {
    runtime.ensure(setupFor(options.includeTest()));
    List<DeviceInfo> out = new ArrayList<>();
    for (SaneRuntime.Device d : runtime.devices(false)) {
      boolean test = d.name().startsWith("test:");
      if (test && !options.includeTest()) {
        continue;
      }
      String label =
          test
              ? "SANE test device " + d.name() + " (A4, 300 dpi, no hardware)"
              : (d.vendor() + " " + d.model()).strip() + " (" + d.name() + ")";
      out.add(new DeviceInfo(ID + ":" + d.name(), ID, label, d.vendor(), d.model(), test));
    }
    return out;
  }

  @Override
  public DeviceCapabilities capabilities(DeviceInfo device) throws ScannerException {
    runtime.ensure(setupFor(device.test()));
    try (SaneHandle h = runtime.open(device.localId(), api)) {
      return mapper.capabilities(h);
    }
  }

  /** Opens a device directly (tools and tests that need the option level). */
  public SaneHandle open(DeviceInfo device) throws ScannerException {
    runtime.ensure(setupFor(device.test()));
    return runtime.open(device.localId(), api);
  }

  @Override
  public ScanResult scan(
      DeviceInfo device, ScanOptions options, ScanEvents events, ScanCancellation cancel)
      throws ScannerException {
    runtime.ensure(setupFor(device.test()));
    List<ScanFault> openFaults = new ArrayList<>();
    SaneHandle h = null;
    while (h == null) {
      if (cancel.isCancelled()) {
        events.event(new ScanEvent.Cancelled(0));
        return new ScanResult(0, ScanResult.End.CANCELLED, openFaults);
      }
      try {
        h = runtime.open(device.localId(), api);
      } catch (SaneException e) {
        if (e.status().fault() == null || !e.status().resumable()) {
          throw e;
        }
        ScanFault f = new ScanFault(e.status().fault(), 0, true, e.getMessage());
        openFaults.add(f);
        events.event(new ScanEvent.FaultRaised(f));
        if (events.fault(f) != FaultAction.RESUME) {
          return new ScanResult(0, ScanResult.End.STOPPED_ON_FAULT, openFaults);
        }
        events.event(new ScanEvent.FaultCleared(f));
      }
    }
    try (SaneHandle open = h) {
      int dpi = mapper.apply(open, options);
      ScanResult r = new SaneSession(open, options, dpi, events, cancel).run();
      if (openFaults.isEmpty()) {
        return r;
      }
      List<ScanFault> all = new ArrayList<>(openFaults);
      all.addAll(r.faults());
      return new ScanResult(r.pagesDelivered(), r.end(), all);
    }
  }
}
