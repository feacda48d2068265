package com.dossiercapture.scanner;

import java.util.Optional;

/**
 * Optional mix-in for drivers whose device ids carry their own configuration (a hot folder path, a
 * simulated ADF with faults), so the id alone describes the device.
 */
public interface DeviceResolver {

  /** The device this id describes, or empty if the id is not one of this driver's. */
  Optional<DeviceInfo> resolve(String deviceId) throws ScannerException;
}
