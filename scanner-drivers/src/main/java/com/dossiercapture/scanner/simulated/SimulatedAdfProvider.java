package com.dossiercapture.scanner.simulated;

import com.dossiercapture.scanner.Availability;
import com.dossiercapture.scanner.OperatingSystem;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerDriverProvider;
import java.util.EnumSet;
import java.util.Set;

/** Offers the simulated ADF everywhere (it needs nothing native). */
public final class SimulatedAdfProvider implements ScannerDriverProvider {

  @Override
  public String id() {
    return SimulatedAdfDriver.ID;
  }

  @Override
  public Set<OperatingSystem> operatingSystems() {
    return EnumSet.allOf(OperatingSystem.class);
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  @Override
  public ScannerDriver create() {
    return new SimulatedAdfDriver();
  }
}
