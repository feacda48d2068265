package com.dossiercapture.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules every module checks against its own production classes (architecture.md,
 * style.md item 9). Each module has a small test that imports its classes and calls the rules that
 * apply to it.
 */
public final class ArchitectureRules {

  private ArchitectureRules() {}

  /** The production classes of the module under test, below {@code rootPackage}. */
  public static JavaClasses productionClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(rootPackage);
  }

  /** Domain modules (drivers, ocr, staging, sync, domain, samples) never touch JavaFX. */
  public static final ArchRule NO_JAVAFX =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "org.testfx..", "atlantafx..", "org.kordamp.ikonli..")
          .because("only the app module may use JavaFX (architecture.md, layering)");

  /** Only JNA binding packages import com.sun.jna; everyone else calls their wrappers. */
  public static final ArchRule JNA_ONLY_IN_BINDINGS =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "..jna..", "..sane..", "..twain..", "..tesseract..", "..nativeutil..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.sun.jna..")
          .because("JNA lives in the binding packages only (style.md item 4)")
          .allowEmptyShould(true);

  /** No cycles between the sub-packages of a module. */
  public static ArchRule noPackageCycles(String rootPackage) {
    return slices()
        .matching(rootPackage + ".(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true);
  }

  /** A module that must not reach the storage layer (drivers, ocr). */
  public static final ArchRule NO_STORAGE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.dossiercapture.staging..", "java.sql..", "org.sqlite..")
          .because("drivers and OCR are pure: only staging owns storage (architecture.md)");

  /** Modules below the app never reach the app (no upward dependency). */
  public static final ArchRule NO_APP =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.dossiercapture.app..")
          .because("app wires the other modules; nothing depends on it");

  /**
   * Checks a module that must stay pure (domain, drivers, OCR, samples): no JavaFX, no storage, no
   * app, JNA only in binding packages, no package cycles. Fails when the module has no classes at
   * all, so a wrong package name cannot make the check pass vacuously.
   */
  public static void assertPureModule(String rootPackage) {
    JavaClasses classes = nonEmpty(rootPackage);
    NO_JAVAFX.check(classes);
    NO_STORAGE.check(classes);
    NO_APP.check(classes);
    JNA_ONLY_IN_BINDINGS.check(classes);
    noPackageCycles(rootPackage).check(classes);
  }

  /** Checks a module that may use storage (staging, sync): everything else as for pure modules. */
  public static void assertStorageModule(String rootPackage) {
    JavaClasses classes = nonEmpty(rootPackage);
    NO_JAVAFX.check(classes);
    NO_APP.check(classes);
    JNA_ONLY_IN_BINDINGS.check(classes);
    noPackageCycles(rootPackage).check(classes);
  }

  /** The module's production classes; an assertion error when there are none. */
  public static JavaClasses nonEmpty(String rootPackage) {
    JavaClasses classes = productionClasses(rootPackage);
    if (classes.isEmpty()) {
      throw new AssertionError("no production classes found below " + rootPackage);
    }
    return classes;
  }
}
