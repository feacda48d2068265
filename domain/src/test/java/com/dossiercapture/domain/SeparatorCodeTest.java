package com.dossiercapture.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeparatorCodeTest {
  @Test
  void roundTripsAndAcceptsBareCaseNumbers() {
    CaseNumber cn = CaseNumber.parse("(2024)湘0602民初1234号").orElseThrow();
    String payload = SeparatorCode.payload(cn);
    assertThat(payload).isEqualTo("DC-SEP:（2024）湘0602民初1234号");
    assertThat(SeparatorCode.parse(payload))
        .contains(CaseNumber.parse("（2024）湘0602民初1234号").orElseThrow());
    assertThat(SeparatorCode.parse("（2023）京01民终7号"))
        .map(CaseNumber::normalised)
        .contains("（2023）京01民终7号");
    assertThat(SeparatorCode.parse("https://example.org/x")).isEmpty();
    assertThat(SeparatorCode.parse("DC-SEP:nonsense")).isEmpty();
    assertThat(SeparatorCode.parse(null)).isEmpty();
  }
}
