package com.dossiercapture.ocr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrWord;
import com.dossiercapture.ocr.image.SealFinder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealLinesTest {

  private static OcrLine line(String text, int x, int y, int w) {
    Box b = new Box(x, y, w, 60);
    return new OcrLine(text, b, 0.9, List.of(new OcrWord(text, b, 0.9)));
  }

  /** A seal of radius 240 around (1700, 1300), its square 1436..1964 x 1036..1564. */
  private static final SealFinder.Seal SEAL = new SealFinder.Seal(1700, 1300, 240, 120, 40);

  @Test
  void linesAtTheSealAreExchangedForTheReadingWithTheSealLifted() {
    List<OcrLine> page =
        List.of(
            line("特此通知。", 400, 900, 300),
            line("联系人：覃生，联系电话：0730", 400, 1000, 1100), // reaches the square, not read again
            line("民法", 1650, 1150, 100), // the seal's own text, inside its circle
            line("月3日", 1970, 1330, 80), // what was left of the date, right of the square
            line("第二页", 1100, 3000, 200));
    List<OcrLine> again =
        List.of(
            line("特此通知。", 400, 905, 300), // beside the band's seal, but not at it: ignored
            line("民法", 1680, 1100, 50), // the seal's legend, read again: not body text
            line("2022年3月13日", 1600, 1330, 400));

    List<OcrLine> merged = SealLines.merge(page, again, SEAL);

    assertThat(merged)
        .extracting(OcrLine::text)
        .containsExactly("特此通知。", "联系人：覃生，联系电话：0730", "2022年3月13日", "第二页");
    assertThat(merged.get(0)).isSameAs(page.get(0));
  }

  @Test
  void aPageLineAtTheSealThatTheNewReadingMissedStaysUnlessItIsTheSealsLegend() {
    List<OcrLine> page = List.of(line("审判员龚梅", 1500, 1040, 300), line("民", 1700, 1200, 60));
    List<OcrLine> merged = SealLines.merge(page, List.of(), SEAL);
    assertThat(merged).extracting(OcrLine::text).containsExactly("审判员龚梅");
    // A long lying line through the middle of the seal is a date, not the legend.
    OcrLine date = line("2018年11月3日", 1550, 1280, 400);
    assertThat(SealLines.sealText(SEAL, date)).isFalse();
    assertThat(SealLines.sealText(SEAL, line("民法", 1650, 1150, 100))).isTrue();
    assertThat(SealLines.sealText(SEAL, line("人民法院", 1750, 1100, 50))).as("standing").isTrue();
  }

  private static OcrLine line(String text, int x, int y, int w, double conf) {
    Box b = new Box(x, y, w, 60);
    return new OcrLine(text, b, conf, List.of(new OcrWord(text, b, conf)));
  }

  @Test
  void theReadingWithTheSealDroppedOutWinsUnlessTheOtherIsClearlySurer() {
    List<OcrLine> lifted =
        List.of(
            line("2022年3月13日", 1600, 1330, 380, 0.99), // as scanned: 「2022年月13日」, as sure
            line("一（：1月3日", 1600, 1500, 380, 0.72)); // the drop-out erased thin strokes
    List<OcrLine> asScanned =
        List.of(
            line("2022年月13日", 1605, 1332, 370, 1.00),
            line("20181 11月3日", 1600, 1500, 380, 0.99),
            line("审判员", 1600, 1100, 200, 0.95)); // only read as scanned
    assertThat(SealLines.better(lifted, asScanned))
        .extracting(OcrLine::text)
        .containsExactly("2022年3月13日", "20181 11月3日", "审判员");
  }

  @Test
  void linesReadInTheBandAreMovedToPageCoordinates() {
    List<OcrLine> moved = SealLines.moved(List.of(line("2022年3月13日", 10, 20, 300)), 0, 1000);
    assertThat(moved.getFirst().box()).isEqualTo(new Box(10, 1020, 300, 60));
    assertThat(moved.getFirst().words().getFirst().box()).isEqualTo(new Box(10, 1020, 300, 60));
  }

  @Test
  void sameLineMeansOverlappingByHalfTheLowerHeight() {
    assertThat(SealLines.overlap(new Box(0, 0, 100, 60), new Box(50, 29, 100, 60))).isTrue();
    assertThat(SealLines.overlap(new Box(0, 0, 100, 60), new Box(50, 31, 100, 60))).isFalse();
    assertThat(SealLines.overlap(new Box(0, 0, 100, 60), new Box(100, 0, 100, 60))).isFalse();
  }
}
