package com.dossiercapture.sync;

import com.dossiercapture.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes =
      ArchitectureRules.productionClasses("com.dossiercapture.sync");

  @Test
  void layering() {
    ArchitectureRules.NO_JAVAFX.check(classes);
    ArchitectureRules.NO_APP.check(classes);
    ArchitectureRules.JNA_ONLY_IN_BINDINGS.check(classes);
    ArchitectureRules.noPackageCycles("com.dossiercapture.sync").check(classes);
  }
}
