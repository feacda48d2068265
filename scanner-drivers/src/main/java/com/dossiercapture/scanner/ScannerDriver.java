package com.dossiercapture.scanner;

import java.util.List;

/**
 * One scanner backend (SANE, TWAIN, simulated ADF, hot folder), shaped like NAPS2's {@code
 * IScanDriver}: list devices, read a device's capabilities, run a scan session.
 *
 * <p>Implementations are found by {@link ScannerDrivers} through {@link ScannerDriverProvider}
 * service entries, never by a switch. Everything that crosses this interface is a plain value
 * ({@link DeviceInfo}, {@link ScanOptions}, {@link ScannedPage}, {@link ScanEvent}) so that a
 * crash-prone native driver can later run in a child JVM behind the same interface (the seam NAPS2
 * keeps with its worker process): a proxy implementation would forward these calls and stream pages
 * back.
 */
public interface ScannerDriver {

  /** Short stable id, also the prefix of every device id this driver returns ({@code "sane"}). */
  String id();

  /** Human-readable name for settings screens and logs. */
  String displayName();

  /**
   * The devices this driver can reach now.
   *
   * @throws ScannerException when the backend itself fails (not when there are simply no devices)
   */
  List<DeviceInfo> devices(DiscoveryOptions options) throws ScannerException;

  /** What the device supports, read from the device (never hard-coded per model). */
  DeviceCapabilities capabilities(DeviceInfo device) throws ScannerException;

  /**
   * Runs one scan session on the calling thread (the acquisition thread) until the feeder is empty,
   * the requested page count is reached, the session is cancelled through {@code cancel} (from any
   * thread) or a fault ends it.
   *
   * <p>Pages go to {@link ScanEvents#page}; returning normally from it is the caller's
   * acknowledgement that the page is durable. Faults are reported through {@link ScanEvents#fault},
   * whose answer decides whether the session resumes after the operator cleared the fault. Pages
   * delivered before a fault are never withdrawn.
   *
   * @return how the session ended and how many pages were delivered
   * @throws ScannerException when the session cannot start or a non-resumable error ends it; pages
   *     delivered before remain delivered
   */
  ScanResult scan(
      DeviceInfo device, ScanOptions options, ScanEvents events, ScanCancellation cancel)
      throws ScannerException;
}
