package com.dossiercapture.ocr.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.CaseNumber;
import org.junit.jupiter.api.Test;

/**
 * Tolerant case-number reading on OCR output as Tesseract produced it for generated court pages
 * (the lines are copied from process reports of the synthetic corpus).
 */
class CaseNumberReaderTest {

  private static String read(String text) {
    CaseNumber c = FieldExtractor.caseNumber(text);
    return c == null ? null : c.normalised();
  }

  private static String read(String text, String dossier) {
    CaseNumber c = CaseNumberReader.read(text, CaseNumber.parse(dossier).orElseThrow());
    return c == null ? null : c.normalised();
  }

  @Test
  void wellFormedNumbersAreReadAsBefore() {
    assertThat(read("湖南省岳阳市岳阳楼区人民法院\n民事判决书\n（2024）湘0602民初1234号")).isEqualTo("（2024）湘0602民初1234号");
    assertThat(read("(2024) 湘 0602 民初 1234 号")).isEqualTo("（2024）湘0602民初1234号");
  }

  @Test
  void bracketsAndHaoMisreadAreTolerated() {
    // 〈 for （, 叨 for 号, a lost opening bracket, 號 from a traditional page.
    assertThat(read("河南省郑州市金水区人民法院\n传票\n(2022)豫0105民初8233叨")).isEqualTo("（2022）豫0105民初8233号");
    // A speck before 號 read as a dot (traditional page, held-out corpus).
    assertThat(read("湖南省岳陽市岳陽樓區人民法院\n受理案件通知書\n（2022）湘0602民初693.號")).isEqualTo("（2022）湘0602民初693号");
    assertThat(read("湖南省岳阳市岳阳楼区人民法院\n應訴通知書\n2024)湘0602民初514號")).isEqualTo("（2024）湘0602民初514号");
    assertThat(read("湖南省岳阳市岳阳楼区人民法院\n送达回证\n《2023)湘0602民初7734号")).isEqualTo("（2023）湘0602民初7734号");
  }

  @Test
  void aMisreadProvinceIsRepairedFromTheCourt() {
    assertThat(read("河南省郑州市金水区人民法院\n民事判决书\n〈2022)驳0105民初8233号")).isEqualTo("（2022）豫0105民初8233号");
    assertThat(read("福建省廈門市思明區人民法院\n立案审批表\n(2025)國0203民初11482舉")).isEqualTo("（2025）闽0203民初11482号");
  }

  @Test
  void aStrayCharacterIsDropped() {
    assertThat(read("山东省济南市历下区人民法院\n举证通知书\n(2019)和鲁0102民初3235号")).isEqualTo("（2019）鲁0102民初3235号");
    assertThat(read("湖南省岳阳市岳阳楼区人民法院\n受理案件通知书\n(2023)湘0602民和初7734号"))
        .isEqualTo("（2023）湘0602民初7734号");
  }

  @Test
  void theDossierNumberRepairsPagesWithoutACourtName() {
    String dossier = "（2016）鄂0102民初618号";
    assertThat(read("送达回证\n(2016)骂0102民初618号\n送达地点|武汉市和平街193号", dossier)).isEqualTo(dossier);
    assertThat(read("《2016)哪0102民初618号\n2016年6月16日", dossier)).isEqualTo(dossier);
    // Without the dossier's number, an unknown province character is not guessed.
    assertThat(read("送达回证\n(2016)骂0102民初618号")).isNull();
  }

  @Test
  void moreOcrConfusionsSeenOnHeldOutPages() {
    // g for 9 in the year, 呈 / 听 for 号, a digit inserted in the sequence.
    assertThat(read("江苏省南京市鼓楼区人民法院\n送达回证\n(201g)苏0106民初5753号")).isEqualTo("（2019）苏0106民初5753号");
    assertThat(read("上海市浦东新区人民法院\n民事判决书\n《2021 )沪0115民初3994呈")).isEqualTo("（2021）沪0115民初3994号");
    assertThat(read("舉證通知書\n(2020)豫0105民初31听", "（2020）豫0105民初31号")).isEqualTo("（2020）豫0105民初31号");
    assertThat(read("民事判决性\n(2022)湘0104民初92225号", "（2022）湘0104民初9225号"))
        .isEqualTo("（2022）湘0104民初9225号");
    // The last stroke of 川 read as a 1: five court digits, one too many.
    assertThat(read("四川省成都市武侯区人民法院\n传票\n(2025）川10107民初301号")).isEqualTo("（2025）川0107民初301号");
    assertThat(read("四川省成都市中级人民法院\n民事判决书\n(2025）川101民终31号")).isEqualTo("（2025）川01民终31号");
    assertThat(read("四川省成都市武侯区人民法院\n传票\n(2025）川1107民初301号")).isEqualTo("（2025）川1107民初301号");
    // An unknown character after the number is not taken for 号 without the dossier's number.
    assertThat(read("送达回证\n(2020)豫0105民初31拉")).isNull();
  }

  @Test
  void noFalsePositives() {
    String dossier = "（2016）鄂0102民初618号";
    // Addresses, account numbers and dates look like digits followed by 号, but are not numbers.
    assertThat(read("原告:高文，住郑州市和平街213号。\n账号1967226918\n2022年8月15日", dossier)).isNull();
    assertThat(read("民事起诉状\n原告：张三，住岳阳市建设路82号\n此致\n岳阳楼区人民法院\n2024年3月2日")).isNull();
    // A different case cited on the page keeps its own number: the digits differ.
    assertThat(read("（2015）鄂0102民初77号", dossier)).isEqualTo("（2015）鄂0102民初77号");
  }
}
