package com.dossiercapture.scanner.sane;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.ScanSource;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The source/mode mapping data file (sane-names.json), against names real backends use. */
class SaneNamesTest {

  private final SaneNames names = SaneNames.bundled();

  @Test
  void realBackendSourceListsMapToOurSources() {
    // fujitsu
    List<String> fujitsu = List.of("ADF Front", "ADF Back", "ADF Duplex");
    assertThat(names.pick(ScanSource.ADF_FRONT, fujitsu)).contains("ADF Front");
    assertThat(names.pick(ScanSource.ADF_DUPLEX, fujitsu)).contains("ADF Duplex");
    assertThat(names.pick(ScanSource.FLATBED, fujitsu)).isEmpty();
    assertThat(names.sourceOf("ADF Back")).isEmpty(); // back-only is never chosen
    // test backend, many HP/Canon/Epson backends
    List<String> test = List.of("Flatbed", "Automatic Document Feeder");
    assertThat(names.pick(ScanSource.ADF_FRONT, test)).contains("Automatic Document Feeder");
    assertThat(names.pick(ScanSource.FLATBED, test)).contains("Flatbed");
    // epson2 / brother style, case differences
    assertThat(names.pick(ScanSource.ADF_DUPLEX, List.of("Flatbed", "ADF", "duplex")))
        .contains("duplex");
    assertThat(names.pick(ScanSource.ADF_FRONT, List.of("flatbed", "adf"))).contains("adf");
  }

  @Test
  void modesMapIncludingVendorSpellings() {
    assertThat(names.pick(ColourMode.GREY, List.of("Lineart", "Gray", "Color"))).contains("Gray");
    assertThat(names.pick(ColourMode.BLACK_AND_WHITE, List.of("Binary", "True Gray")))
        .contains("Binary");
    assertThat(names.pick(ColourMode.COLOUR, List.of("24bit Color", "Black & White")))
        .contains("24bit Color");
    assertThat(names.modeOf("Grayscale")).contains(ColourMode.GREY);
  }

  @Test
  void noBackendNameMeansTwoThings() {
    Set<String> seen = new HashSet<>();
    for (ScanSource s : ScanSource.values()) {
      assertThat(names.namesFor(s)).isNotEmpty();
      for (String n : names.namesFor(s)) {
        assertThat(seen.add(n.toLowerCase(Locale.ROOT))).as("duplicate %s", n).isTrue();
      }
    }
    seen.clear();
    for (ColourMode m : ColourMode.values()) {
      assertThat(names.namesFor(m)).isNotEmpty();
      for (String n : names.namesFor(m)) {
        assertThat(seen.add(n.toLowerCase(Locale.ROOT))).as("duplicate %s", n).isTrue();
      }
    }
  }
}
