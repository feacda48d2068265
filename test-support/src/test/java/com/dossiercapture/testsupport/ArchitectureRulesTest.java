package com.dossiercapture.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The shared rules do catch what they are meant to catch (on small fixture packages). */
class ArchitectureRulesTest {

  private static JavaClasses fixture(String sub) {
    return new ClassFileImporter().importPackages("com.dossiercapture.testsupport.fixture." + sub);
  }

  @Test
  void storageRuleRejectsJavaSql() {
    assertThatThrownBy(() -> ArchitectureRules.NO_STORAGE.check(fixture("sql")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.sql.Connection");
  }

  @Test
  void cycleRuleRejectsACycle() {
    JavaClasses both =
        new ClassFileImporter()
            .importPackages(
                "com.dossiercapture.testsupport.fixture.a",
                "com.dossiercapture.testsupport.fixture.b");
    assertThatThrownBy(
            () ->
                ArchitectureRules.noPackageCycles("com.dossiercapture.testsupport.fixture")
                    .check(both))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle");
  }

  @Test
  void jnaIsAllowedOnlyInBindingPackages() {
    assertThatCode(() -> ArchitectureRules.JNA_ONLY_IN_BINDINGS.check(fixture("jna")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ArchitectureRules.JNA_ONLY_IN_BINDINGS.check(fixture("plain")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("com.sun.jna.Pointer");
  }

  @Test
  void aModuleWithNoClassesFailsInsteadOfPassingVacuously() {
    assertThatThrownBy(() -> ArchitectureRules.assertPureModule("com.dossiercapture.nosuchmodule"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no production classes");
  }
}
