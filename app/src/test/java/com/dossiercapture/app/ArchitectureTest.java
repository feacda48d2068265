package com.dossiercapture.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

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
  void theRulesSeeTheWholeApp() {
    // The import found the command line, the window and the processing code, so the rules below
    // check real classes rather than passing on an empty set.
    assertThat(classes.contain(Main.class)).isTrue();
    assertThat(classes.contain(com.dossiercapture.app.gui.WorkstationApp.class)).isTrue();
    assertThat(classes.contain(com.dossiercapture.app.process.BatchProcessor.class)).isTrue();
  }

  @Test
  void layering() {
    ArchitectureRules.JNA_ONLY_IN_BINDINGS.check(classes);
    ArchitectureRules.noPackageCycles("com.dossiercapture.app").check(classes);
  }
}
