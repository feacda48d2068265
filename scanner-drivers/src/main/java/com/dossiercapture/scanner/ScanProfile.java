package com.dossiercapture.scanner;

import java.util.Objects;

/**
 * A named set of scan options an administrator saves ("判决书 300dpi 灰度双面"), optionally tied to a
 * device id. Stored as JSON by {@link ScanProfiles}.
 *
 * @param name unique name shown to operators
 * @param deviceId preferred device, or empty for any
 * @param options the options
 */
public record ScanProfile(String name, String deviceId, ScanOptions options) {

  public ScanProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a scan profile needs a name");
    }
    deviceId = deviceId == null ? "" : deviceId;
  }
}
