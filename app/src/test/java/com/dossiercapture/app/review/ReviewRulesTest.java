package com.dossiercapture.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.CatalogueEntry;
import com.dossiercapture.domain.Side;
import com.dossiercapture.ocr.classify.FieldExtractor;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Pure rules of the review station: type-ahead, grouping, word boxes, page ranges. */
class ReviewRulesTest {

  private static final Catalogue CATALOGUE = Catalogue.loadDefault();
  private final TypeAhead ahead = new TypeAhead(CATALOGUE);

  private String first(String query) {
    return ahead.match(query).getFirst().code();
  }

  @Test
  void typeAheadMatchesChineseTitlesPinyinInitialsEnglishAndCodes() {
    assertThat(first("qsz")).isEqualTo("complaint");
    assertThat(first("msqsz")).isEqualTo("complaint");
    assertThat(first("dbz")).isEqualTo("defence");
    assertThat(first("答辩")).isEqualTo("defence");
    assertThat(first("判决")).isEqualTo("judgment");
    assertThat(first("pjs")).isEqualTo("judgment");
    assertThat(first("tjbl")).isEqualTo("mediation_record"); // 调 read tiao
    assertThat(first("sdhz")).isEqualTo("service_receipt");
    assertThat(first("judg")).isEqualTo("judgment");
    assertThat(first("power")).isEqualTo("power_of_attorney");
    assertThat(ahead.match("")).hasSize(23).extracting(CatalogueEntry::order).isSorted();
    assertThat(ahead.match("zzzzzz")).isEmpty();
    assertThat(TypeAhead.initials("调解笔录")).contains("tjbl", "djbl");
    assertThat(TypeAhead.initials("起诉状")).containsExactly("qsz");
  }

  private static Page page(long id) {
    return new Page(
        id,
        1,
        (int) id,
        Side.FRONT,
        null,
        "sha" + id,
        "png",
        1,
        10,
        10,
        150,
        null,
        "test",
        "processed",
        "active",
        Instant.EPOCH,
        id,
        0,
        null);
  }

  private static ReviewPage rp(long id, String type, Boolean start, boolean blank) {
    PageResult r =
        new PageResult(
            0, 0.0, blank, false, null, type, 0.9, start, null, null, null, null, null, Map.of(),
            null);
    return new ReviewPage(page(id), r, false, null, FieldExtractor.extract(null));
  }

  @Test
  void groupingFollowsDocumentStartsSkipsBlankPagesAndFallsBackToEvidence() {
    List<Documents.Group> groups =
        DocumentGrouping.group(
            List.of(
                rp(1, "nonsense", false, false),
                rp(2, "complaint", true, false),
                rp(3, "blank", false, true),
                rp(4, "complaint", null, false),
                rp(5, "judgment", true, false)),
            CATALOGUE,
            Map.of());
    assertThat(groups)
        .extracting(Documents.Group::docType)
        .containsExactly("evidence", "complaint", "judgment");
    assertThat(groups)
        .extracting(Documents.Group::pageIds)
        .containsExactly(List.of(1L), List.of(2L, 4L), List.of(5L));
    assertThat(groups.get(1).title()).isEqualTo("民事起诉状");
  }

  @Test
  void wordBoxesReadTheShapesTheExportAccepts() {
    WordBoxes lines =
        WordBoxes.parse(
            "{\"width\":800,\"height\":1000,\"lines\":[{\"text\":\"民事 判决书\",\"words\":["
                + "{\"text\":\"民事\",\"box\":{\"x\":10,\"y\":20,\"width\":30,\"height\":10}},"
                + "{\"text\":\"判决书\",\"box\":{\"x\":50,\"y\":20,\"width\":40,\"height\":10}}]},"
                + "{\"text\":\"x\",\"words\":[{\"text\":\"x\",\"bbox\":[10,40,20,50]}]}]}");
    assertThat(lines.imageWidth()).isEqualTo(800);
    assertThat(lines.words()).extracting(WordBoxes.Word::text).containsExactly("民事", "判决书", "x");
    assertThat(lines.words()).extracting(WordBoxes.Word::line).containsExactly(0, 0, 1);
    assertThat(lines.wordAt(60, 25)).isEqualTo(1);
    assertThat(lines.wordAt(15, 45)).isEqualTo(2);
    assertThat(lines.wordAt(500, 500)).isEqualTo(-1);
    WordBoxes bare =
        WordBoxes.parse(
            "[{\"text\":\"a\",\"x\":0,\"y\":0,\"w\":5,\"h\":5},{\"text\":\"b\",\"x\":10,\"y\":0,\"w\":5,\"h\":5},"
                + "{\"text\":\"c\",\"x\":0,\"y\":20,\"w\":5,\"h\":5}]");
    assertThat(bare.words()).extracting(WordBoxes.Word::line).containsExactly(0, 0, 1);
    assertThat(WordBoxes.parse("not json").words()).isEmpty();
    assertThat(WordBoxes.parse(null).words()).isEmpty();
  }

  @Test
  void pageRangesAreShort() {
    assertThat(ApprovalChecks.pages(new TreeSet<>(List.of(1, 2, 3, 7, 9, 10))))
        .isEqualTo("1–3, 7, 9–10");
  }

  @Test
  void uprightTurnsTheImageBack() {
    var img = new java.awt.image.BufferedImage(4, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xFF0000); // top-left red
    var turned = PageImages.upright(img, 90); // content was turned clockwise: turn it back
    assertThat(turned.getWidth()).isEqualTo(2);
    assertThat(turned.getHeight()).isEqualTo(4);
    assertThat(turned.getRGB(0, 3) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(PageImages.upright(img, 180).getRGB(3, 1) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(PageImages.upright(img, 270).getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
  }
}
