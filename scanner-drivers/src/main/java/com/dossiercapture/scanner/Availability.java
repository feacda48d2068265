package com.dossiercapture.scanner;

/**
 * Whether a driver can run here, and if not, why and what to install (e.g. {@code apt install
 * libsane1}).
 *
 * @param available true when the driver can be created
 * @param reason for an unavailable driver: what is missing and what the operator should do
 */
public record Availability(boolean available, String reason) {

  /** The driver can run. */
  public static Availability yes() {
    return new Availability(true, "");
  }

  /** The driver cannot run, with what is missing and what to do. */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
