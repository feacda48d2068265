package com.dossiercapture.domain;

import com.dossiercapture.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module's layering rules (architecture.md; ADR 0002). */
class ArchitectureTest {

  @Test
  void layering() {
    ArchitectureRules.assertPureModule("com.dossiercapture.domain");
  }
}
