package com.dossiercapture.scanner;

import com.dossiercapture.domain.ColourMode;
import java.util.List;
import java.util.Set;

/**
 * What a device offers, read from the device.
 *
 * @param sources sources the device has
 * @param resolutions discrete resolutions offered (for a range: a representative list)
 * @param minDpi lowest resolution
 * @param maxDpi highest resolution
 * @param colourModes colour modes offered
 * @param maxWidthMm widest scan area, 0 when unknown
 * @param maxHeightMm longest scan area, 0 when unknown (feeders may allow long paper)
 * @param brightnessContrast whether brightness and contrast can be set
 * @param backendOptionNames the backend's own option names (for administrators)
 */
public record DeviceCapabilities(
    Set<ScanSource> sources,
    List<Integer> resolutions,
    int minDpi,
    int maxDpi,
    Set<ColourMode> colourModes,
    double maxWidthMm,
    double maxHeightMm,
    boolean brightnessContrast,
    List<String> backendOptionNames)
    implements java.io.Serializable {

  public DeviceCapabilities {
    sources = Set.copyOf(sources);
    resolutions = List.copyOf(resolutions);
    colourModes = Set.copyOf(colourModes);
    backendOptionNames = List.copyOf(backendOptionNames);
  }

  /** True when the device scans both sides. */
  public boolean duplex() {
    return sources.contains(ScanSource.ADF_DUPLEX);
  }
}
