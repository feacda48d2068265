package com.dossiercapture.scanner;

import java.util.Set;

/**
 * Service-provider entry for one driver (listed in {@code
 * META-INF/services/com.dossiercapture.scanner.ScannerDriverProvider}). The loader keeps the
 * providers whose operating systems include the current one and which report themselves available,
 * ordered by {@link #priority()} (higher first); the pattern of Cryptomator's {@code
 * IntegrationsLoader}.
 */
public interface ScannerDriverProvider {

  /** The driver id ({@link ScannerDriver#id()}). */
  String id();

  /** Operating systems this driver serves. */
  Set<OperatingSystem> operatingSystems();

  /** Higher runs first in device lists; real hardware drivers above simulations. */
  int priority();

  /**
   * Whether the driver can work here (for native drivers: is the library loadable). Must be cheap
   * and must not throw.
   */
  Availability availability();

  /** Creates the driver; called only when {@link #availability()} said yes. */
  ScannerDriver create();
}
