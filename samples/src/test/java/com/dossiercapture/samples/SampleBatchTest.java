package com.dossiercapture.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleBatchTest {

  @Test
  void theCommittedBatchMatchesItsGroundTruthAndIsSmall(@TempDir Path dir) throws Exception {
    List<JsonNode> truth = SampleBatch.truth();
    assertThat(truth).hasSizeBetween(20, 30);
    assertThat(truth.getFirst().path("separator").asBoolean()).isTrue();
    assertThat(truth).anyMatch(t -> t.path("blank").asBoolean());
    assertThat(truth).anyMatch(t -> t.path("kind").asText().equals("near_empty"));
    assertThat(truth).anyMatch(t -> t.path("orientation").asInt() != 0);
    assertThat(truth).anyMatch(t -> t.path("script").asText().equals("traditional"));
    BufferedImage first = SampleBatch.page(truth.getFirst().path("source").asText());
    assertThat(first.getWidth()).isBetween(1650, 1660); // A4 at 200 dpi

    SampleBatch.extractTo(dir);
    long total = 0;
    for (JsonNode t : truth) {
      Path f = dir.resolve(t.path("source").asText());
      assertThat(f).exists();
      total += Files.size(f);
    }
    assertThat(total).as("committed batch stays small").isLessThan(6_000_000L);
  }
}
