package com.dossiercapture.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.domain.ColourMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanProfilesTest {

  @Test
  void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
    ScanProfile judgments =
        new ScanProfile(
            "判决书 300dpi 灰度双面",
            "sane:fujitsu:fi-7160",
            new ScanOptions(
                ScanSource.ADF_DUPLEX,
                300,
                ColourMode.GREY,
                PageSize.A4,
                10,
                -5,
                0,
                Map.of("swdeskew", "yes")));
    ScanProfile photos =
        new ScanProfile("照片 彩色", "", ScanOptions.defaults().withColourMode(ColourMode.COLOUR));
    Path file = dir.resolve("profiles.json");
    ScanProfiles.save(file, List.of(judgments, photos));
    List<ScanProfile> back = ScanProfiles.load(file);
    assertThat(back).containsExactly(judgments, photos);
    assertThat(Files.readString(file)).contains("\"source\" : \"ADF_DUPLEX\"");
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).containsExactly(file); // no temp file left behind
    }
    assertThat(ScanProfiles.byName(back, "照片 彩色")).contains(photos);
    assertThat(ScanProfiles.load(dir.resolve("absent.json"))).isEmpty();
  }

  @Test
  void invalidFilesAreExplained() {
    assertThatThrownBy(() -> ScanProfiles.fromJson("[{\"name\":\"x\",\"options\":{\"dpi\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid")
        .hasMessageContaining("no profile was changed");
    assertThatThrownBy(
            () ->
                ScanProfiles.fromJson(
                    "[{\"name\":\"x\",\"options\":{\"source\":\"ADF_FRONT\",\"dpi\":5,"
                        + "\"colourMode\":\"GREY\"}}]"))
        .hasMessageContaining("dpi 5 is outside");
    String one = ScanProfiles.toJson(List.of(new ScanProfile("a", "", ScanOptions.defaults())));
    String twice = "[" + one.substring(1, one.length() - 1) + "," + one.substring(1);
    assertThatThrownBy(() -> ScanProfiles.fromJson(twice)).hasMessageContaining("unique");
  }

  @Test
  void codesParse() {
    assertThat(ScanSource.fromCode("adf-duplex")).isEqualTo(ScanSource.ADF_DUPLEX);
    assertThat(ScanSource.fromCode("ADF")).isEqualTo(ScanSource.ADF_FRONT);
    assertThatThrownBy(() -> ScanSource.fromCode("tray")).hasMessageContaining("use flatbed");
    assertThat(PageSize.fromCode("a4").widthMm()).isEqualTo(210);
  }
}
