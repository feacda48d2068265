package com.dossiercapture.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.dossiercapture.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes = ArchitectureRules.nonEmpty("com.dossiercapture.app");

  @Test
  void onlyTheGuiPackageUsesJavaFx() {
    noClasses()
        .that()
        .resideOutsideOfPackages("com.dossiercapture.app.gui..")
        .and()
        .doNotHaveFullyQualifiedName("com.dossiercapture.app.cli.GuiCommand")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..")
        .because("views stay thin: command line and processing work without a screen")
        .check(classes);
  }

  @Test
  void layering() {
    ArchitectureRules.JNA_ONLY_IN_BINDINGS.check(classes);
    ArchitectureRules.noPackageCycles("com.dossiercapture.app").check(classes);
  }
}
