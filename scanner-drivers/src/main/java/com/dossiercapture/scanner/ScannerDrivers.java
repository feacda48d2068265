package com.dossiercapture.scanner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the drivers that can run here: every {@link ScannerDriverProvider} on the class path,
 * filtered by operating system and availability, ordered by priority. No backend is named here;
 * adding a driver means adding a provider and its service entry.
 */
public final class ScannerDrivers {

  private static final Logger LOG = LoggerFactory.getLogger(ScannerDrivers.class);

  private final List<ScannerDriver> drivers;
  private final List<Unavailable> unavailable;

  /** A provider that was skipped, and why. */
  public record Unavailable(String id, String reason) {}

  private ScannerDrivers(List<ScannerDriver> drivers, List<Unavailable> unavailable) {
    this.drivers = List.copyOf(drivers);
    this.unavailable = List.copyOf(unavailable);
  }

  /** Loads the providers registered through {@code META-INF/services}. */
  public static ScannerDrivers load() {
    List<ScannerDriverProvider> providers = new ArrayList<>();
    ServiceLoader.load(ScannerDriverProvider.class, ScannerDrivers.class.getClassLoader())
        .forEach(providers::add);
    return from(providers, OperatingSystem.current());
  }

  /** Selects from the given providers for the given OS (tests use this directly). */
  public static ScannerDrivers from(List<ScannerDriverProvider> providers, OperatingSystem os) {
    List<ScannerDriverProvider> sorted = new ArrayList<>(providers);
    sorted.sort(
        Comparator.comparingInt(ScannerDriverProvider::priority)
            .reversed()
            .thenComparing(ScannerDriverProvider::id));
    List<ScannerDriver> ok = new ArrayList<>();
    List<Unavailable> skipped = new ArrayList<>();
    for (ScannerDriverProvider p : sorted) {
      if (!p.operatingSystems().contains(os)) {
        skipped.add(new Unavailable(p.id(), "not for " + os));
        continue;
      }
      Availability a;
      try {
        a = p.availability();
      } catch (RuntimeException | LinkageError e) {
        a = Availability.no("availability check failed: " + e);
      }
      if (!a.available()) {
        LOG.info("scanner driver {} unavailable: {}", p.id(), a.reason());
        skipped.add(new Unavailable(p.id(), a.reason()));
        continue;
      }
      ok.add(p.create());
    }
    return new ScannerDrivers(ok, skipped);
  }

  /** Usable drivers, highest priority first. */
  public List<ScannerDriver> drivers() {
    return drivers;
  }

  /** Providers that were skipped, with the reason (shown by {@code devices}). */
  public List<Unavailable> unavailable() {
    return unavailable;
  }

  /** The driver with this id. */
  public Optional<ScannerDriver> driver(String id) {
    return drivers.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /**
   * Devices from all usable drivers. A driver that fails is logged and skipped, so one broken
   * backend does not hide the others; its error is added to {@code errors} when given.
   */
  public List<DeviceInfo> devices(DiscoveryOptions options, List<String> errors) {
    List<DeviceInfo> all = new ArrayList<>();
    for (ScannerDriver d : drivers) {
      try {
        all.addAll(d.devices(options));
      } catch (ScannerException | RuntimeException e) {
        LOG.warn("device discovery failed in driver {}", d.id(), e);
        if (errors != null) {
          errors.add(d.id() + ": " + e.getMessage());
        }
      }
    }
    return all;
  }

  /**
   * Finds a device by id among the devices the owning driver lists (for ids the driver can resolve
   * without a listing, such as {@code folder:/path} or {@code simulated:builtin?jam=3}, the
   * driver's {@link DeviceResolver} is used).
   */
  public DeviceInfo resolve(String deviceId, DiscoveryOptions options) throws ScannerException {
    String driverId = DeviceInfo.driverIdOf(deviceId);
    ScannerDriver d =
        driver(driverId)
            .orElseThrow(
                () ->
                    new ScannerException(
                        "no usable driver '"
                            + driverId
                            + "' for device "
                            + deviceId
                            + unavailableHint(driverId)
                            + ". Run 'devices' to see the available devices."));
    if (d instanceof DeviceResolver r) {
      Optional<DeviceInfo> direct = r.resolve(deviceId);
      if (direct.isPresent()) {
        return direct.get();
      }
    }
    Supplier<String> known =
        () -> {
          try {
            return d.devices(options).stream().map(DeviceInfo::id).toList().toString();
          } catch (ScannerException e) {
            return "(listing failed: " + e.getMessage() + ")";
          }
        };
    for (DeviceInfo info : d.devices(options)) {
      if (info.id().equals(deviceId)) {
        return info;
      }
    }
    throw new ScannerException(
        "device "
            + deviceId
            + " was not found; driver "
            + driverId
            + " offers "
            + known.get()
            + ". Check that it is switched on and connected.");
  }

  private String unavailableHint(String driverId) {
    return unavailable.stream()
        .filter(u -> u.id().equals(driverId))
        .findFirst()
        .map(u -> " (" + u.reason() + ")")
        .orElse("");
  }
}
