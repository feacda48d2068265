package com.dossiercapture.scanner;

import java.util.Objects;

/**
 * A device a driver found.
 *
 * @param id globally unique id, {@code driverId + ":" + local id} (e.g. {@code sane:test:0})
 * @param driverId the driver that owns the device
 * @param name what the operator sees
 * @param vendor maker, may be empty
 * @param model model, may be empty
 * @param test true for test/simulated devices (SANE test backend, simulated ADF)
 */
public record DeviceInfo(
    String id, String driverId, String name, String vendor, String model, boolean test)
    implements java.io.Serializable {

  public DeviceInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(driverId, "driverId");
    if (!id.startsWith(driverId + ":")) {
      throw new IllegalArgumentException(
          "device id " + id + " must start with its driver id " + driverId + ":");
    }
    name = name == null ? id : name;
    vendor = vendor == null ? "" : vendor;
    model = model == null ? "" : model;
  }

  /** The part of the id after {@code driverId:} (the backend's own device name). */
  public String localId() {
    return id.substring(driverId.length() + 1);
  }

  /** The driver id in a device id, or the whole id when it has no colon. */
  public static String driverIdOf(String deviceId) {
    int colon = deviceId.indexOf(':');
    return colon < 0 ? deviceId : deviceId.substring(0, colon);
  }
}
