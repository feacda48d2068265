package com.dossiercapture.scanner.twain;

import com.dossiercapture.scanner.Availability;
import com.dossiercapture.scanner.OperatingSystem;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerDriverProvider;
import com.dossiercapture.scanner.ScannerException;
import java.util.Set;

/** Offers the TWAIN driver on Windows when the TWAIN DSM loads. */
public final class TwainDriverProvider implements ScannerDriverProvider {

  @Override
  public String id() {
    return TwainDriver.ID;
  }

  @Override
  public Set<OperatingSystem> operatingSystems() {
    return Set.of(OperatingSystem.WINDOWS);
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Availability availability() {
    try {
      TwainDriver.loadDsm(null);
      return Availability.yes();
    } catch (ScannerException e) {
      return Availability.no(e.getMessage());
    }
  }

  @Override
  public ScannerDriver create() {
    try {
      return new TwainDriver(TwainDriver.loadDsm(null));
    } catch (ScannerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
