package com.dossiercapture.ocr.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.Catalogue;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyTest {

  private final DocumentClassifier classifier = new DocumentClassifier(Catalogue.loadDefault());

  @Test
  void titleLinesDecide() {
    var c = classifier.classify(List.of("湖南省岳阳市岳阳楼区人民法院", "民 事 判 决 书", "（2024）湘0602民初1234号"));
    assertThat(c.docType()).isEqualTo("judgment");
    assertThat(c.confidence()).isGreaterThan(0.9);
    // Traditional characters are folded; one OCR error is tolerated.
    assertThat(classifier.classify(List.of("民事判決書")).docType()).isEqualTo("judgment");
    assertThat(classifier.classify(List.of("受理案件通知丰")).docType()).isEqualTo("acceptance_notice");
  }

  @Test
  void aTitleBeatsKeywordsInsideLongerLines() {
    var c =
        classifier.classify(List.of("福建省厦门市思明区人民法院", "送达回证", "（2018）闽0203民初1425号", "送达文书 民事判决书"));
    assertThat(c.docType()).isEqualTo("service_receipt");
    // A speck read as a full-width full stop before the title does not let a later line win.
    var speck =
        classifier.classify(List.of("上海市浦东新区人民法院", "．送达回证", "（2020）沪0115民初5161号", "送达文书", "民事判决书"));
    assertThat(speck.docType()).isEqualTo("service_receipt");
    assertThat(speck.confidence()).isGreaterThan(0.9);
    var weak = classifier.classify(List.of("本院受理原告诉被告一案，现发送起诉状副本一份。"));
    assertThat(weak.confidence()).isLessThan(0.8);
  }

  @Test
  void longerTitlesMayShowMoreOcrErrors() {
    assertThat(DocumentClassifier.errorBudget("传票")).isZero();
    assertThat(DocumentClassifier.errorBudget("民事判决书")).isEqualTo(1);
    assertThat(DocumentClassifier.errorBudget("交纳诉讼费用通知书")).isEqualTo(2);
    // Two errors in a nine-character title still start a document (>= 0.8)...
    var c = classifier.classify(List.of("湖南省岳阳市岳阳楼区人民法院", "交纳诉讼费周通和书"));
    assertThat(c.docType()).isEqualTo("fee_notice");
    assertThat(c.confidence()).isBetween(0.8, 0.85);
    // ...three do not match at all, and a five-character title allows only one.
    assertThat(classifier.classify(List.of("交纳诉讼贵周通和书")).docType()).isNull();
    assertThat(DocumentClassifier.match("民事裁定书", "民事判决书")).isZero();
    assertThat(classifier.classify(List.of("民事裁定书")).docType()).isEqualTo("ruling");
    // Short keywords must be exact.
    assertThat(DocumentClassifier.match("传单", "传票")).isZero();
  }

  @Test
  void garbledTitlesAreNoticedButNotGuessed() {
    // Tesseract's reading of 交纳诉讼费用通知书 on a damaged page: too garbled to match...
    assertThat(classifier.classify(List.of("父胞诉俭菇用通因书")).docType()).isNull();
    // ...but enough like a title to be worth reading again.
    assertThat(classifier.titleLikeness("父胞诉俭菇用通因书")).isGreaterThanOrEqualTo(0.4);
    assertThat(classifier.titleLikeness("民事判决书")).isZero();
    assertThat(classifier.titleLikeness("借款到期后，原告多次催讨，被告均以各种理由推托。")).isZero();
    assertThat(classifier.titleLikeness("湖南省岳阳市岳阳楼区人民法院")).isLessThan(0.4);
    assertThat(classifier.titleQuality("民事判决书")).isEqualTo(0.97);
    assertThat(classifier.titleQuality("父胞诉俭菇用通因书")).isZero();
  }

  @Test
  void noTitleNoType() {
    assertThat(classifier.classify(List.of("借款到期后，原告多次催讨，被告均以各种理由推托。")).docType()).isNull();
    assertThat(classifier.classify(List.of()).docType()).isNull();
  }

  @Test
  void fields() {
    String text =
        "福建省厦门市思明区人民法院\n民事判决书\n(2018)阔0203民初1425号\n原告：白波桂，住厦门市建设路16号。\n"
            + "被告：厦门金诚科技有限公司。\n审判员　夏婷\n二〇一八年十二月二十三日";
    var f = FieldExtractor.extract(text);
    // The misread province character is repaired from the court's name (福建 → 闽).
    assertThat(f.caseNumber().normalised()).isEqualTo("（2018）闽0203民初1425号");
    assertThat(f.plaintiffs()).containsExactly("白波桂");
    assertThat(f.defendants()).containsExactly("厦门金诚科技有限公司");
    assertThat(f.documentDate()).isEqualTo(LocalDate.of(2018, 12, 23));
    assertThat(FieldExtractor.extract("（2024）湘0602民初1234號").caseNumber().normalised())
        .isEqualTo("（2024）湘0602民初1234号");
    assertThat(FieldExtractor.extract("借款到期后未还").caseNumber()).isNull();
  }
}
