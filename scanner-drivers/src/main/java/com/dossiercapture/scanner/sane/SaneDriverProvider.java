package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.Availability;
import com.dossiercapture.scanner.OperatingSystem;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerDriverProvider;
import java.util.Set;

/** Offers the SANE driver on Linux when libsane loads. */
public final class SaneDriverProvider implements ScannerDriverProvider {

  @Override
  public String id() {
    return SaneDriver.ID;
  }

  @Override
  public Set<OperatingSystem> operatingSystems() {
    return Set.of(OperatingSystem.LINUX);
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Availability availability() {
    try {
      SaneRuntime.shared();
      return Availability.yes();
    } catch (SaneException e) {
      return Availability.no(e.getMessage());
    }
  }

  @Override
  public ScannerDriver create() {
    // libsane runs in a child process unless asked otherwise (ADR 0009): a wedged or crashing
    // backend must not take the workstation down.
    if (!"false".equals(System.getProperty(IsolatedSaneDriver.ISOLATED_PROPERTY))) {
      return IsolatedSaneDriver.system();
    }
    try {
      return SaneDriver.system();
    } catch (SaneException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
