package com.dossiercapture.scanner.folder;

import com.dossiercapture.scanner.Availability;
import com.dossiercapture.scanner.OperatingSystem;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerDriverProvider;
import java.util.EnumSet;
import java.util.Set;

/** Offers the hot-folder driver everywhere. */
public final class HotFolderProvider implements ScannerDriverProvider {

  @Override
  public String id() {
    return HotFolderDriver.ID;
  }

  @Override
  public Set<OperatingSystem> operatingSystems() {
    return EnumSet.allOf(OperatingSystem.class);
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  @Override
  public ScannerDriver create() {
    return new HotFolderDriver();
  }
}
