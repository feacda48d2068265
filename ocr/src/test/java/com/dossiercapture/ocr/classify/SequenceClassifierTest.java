package com.dossiercapture.ocr.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.domain.Catalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model combined with the title rules and the page sequence, on page texts. */
class SequenceClassifierTest {

  private static DocTypeModel model;
  private static final Catalogue CATALOGUE = Catalogue.loadDefault();

  @BeforeAll
  static void load() {
    model = DocTypeModel.shipped();
  }

  private SequenceClassifier fresh() {
    SequenceClassifier sc = new SequenceClassifier(CATALOGUE, model, ClassifierSettings.defaults());
    sc.next(new SequenceClassifier.Page("", false, true, null, "（2024）湘0602民初934号"));
    return sc;
  }

  private static SequenceClassifier.Page page(String text) {
    return new SequenceClassifier.Page(text, false, false, null, null);
  }

  static final String SUMMONS_GARBLED =
      "湖南省岳阳市岳阳楼区人民法院\n传标\n(2024)湘0602民初934号\n条由离婚纠纷\n被传唤人岳阳安\n"
          + "工作单位或住址岳阳市滨江路248号\n传唤事由开庭\n应到时间2024年3月4日上午9时00分\n应到处所本院第3审判庭\n"
          + "注意事项\n1.被传唤人必须准时到达，不得迟到\n2.本票由被传唤人携带来院报到";

  static final String JUDGMENT_FIRST =
      "湖南省岳阳市岳阳楼区人民法院\n民事判决书\n（2024）湘0602民初934号\n原告：张伟，住岳阳市滨江路248号。\n"
          + "被告：李娜，住岳阳市建设路82号。\n原告张伟与被告李娜民间借贷纠纷一案，本院于2024年2月1日立案后，"
          + "依法适用简易程序，公开开庭进行了审理。";

  static final String JUDGMENT_BODY =
      "本院认为，合法的借贷关系受法律保护。被告向原告借款，有借条及银行转账记录为证，事实清楚。\n"
          + "被告未按约定归还借款，应承担还款责任。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：\n"
          + "一、被告李娜于本判决生效之日起十日内偿还原告张伟借款50000元；\n"
          + "案件受理费减半收取计525元，由被告负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，"
          + "上诉于湖南省岳阳市中级人民法院。";

  @Test
  void aStrongTitleDecidesAndStartsADocument() {
    SequenceClassifier sc = fresh();
    SequenceClassifier.Decision d = sc.next(page(JUDGMENT_FIRST));
    assertThat(d.docType()).isEqualTo("judgment");
    assertThat(d.documentStart()).isTrue();
    assertThat(d.confidence()).isGreaterThan(0.9);
    assertThat(d.review()).isFalse();
  }

  @Test
  void theModelDecidesWhenTheTitleIsGarbled() {
    // 传票 read as 传标: no title rule matches, the body says summons.
    assertThat(
            new DocumentClassifier(CATALOGUE)
                .classify(List.of(SUMMONS_GARBLED.split("\n")))
                .docType())
        .isNotEqualTo("summons");
    SequenceClassifier.Decision d = fresh().next(page(SUMMONS_GARBLED));
    assertThat(d.docType()).isEqualTo("summons");
    assertThat(d.documentStart()).isTrue();
  }

  @Test
  void aContinuationPageTakesTheOpenDocument() {
    SequenceClassifier sc = fresh();
    sc.next(page(JUDGMENT_FIRST));
    SequenceClassifier.Decision d = sc.next(page(JUDGMENT_BODY));
    assertThat(d.docType()).isEqualTo("judgment");
    assertThat(d.documentStart()).isFalse();
  }

  @Test
  void aTableOfContentsIsNotTheFirstTitleItLists() {
    String contents =
        "卷内目录\n序号文件名称页号\n1民事起诉状1\n2受理案件通知书3\n3应诉通知书5\n4举证通知书8\n5证据材料11\n6庭审笔录15\n7民事判决书19";
    // Garbled 卷内目录 and an exact 民事起诉状 line: the rules alone say complaint...
    String garbled = contents.replace("卷内目录", "郑内目录").replace("1民事起诉状1", "民事起诉状");
    assertThat(new DocumentClassifier(CATALOGUE).classify(List.of(garbled.split("\n"))).docType())
        .isEqualTo("complaint");
    // ...the model knows a list of titles when it sees one.
    assertThat(fresh().next(page(garbled)).docType()).isEqualTo("contents");
  }

  @Test
  void separatorsSetTheDossierCaseNumber() {
    SequenceClassifier sc = fresh();
    SequenceClassifier.Decision d = sc.next(page("送达回证\n(2024)驳0602民初934号\n受送达人张伟"));
    assertThat(d.caseNumber()).isEqualTo("（2024）湘0602民初934号");
    assertThat(d.docType()).isEqualTo("service_receipt");
  }

  @Test
  void confidenceIsCalibratedMonotonically() {
    Random r = new Random(7);
    List<Calibration.Observation> obs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double raw = r.nextDouble();
      // Over-confident raw scores: the truth rate is raw squared.
      obs.add(new Calibration.Observation(raw, r.nextDouble() < raw * raw));
    }
    Calibration c = Calibration.fit(obs);
    double prev = 0;
    for (double x = 0; x <= 1.0; x += 0.01) {
      double y = c.apply(x);
      assertThat(y).isGreaterThanOrEqualTo(prev - 1e-9);
      prev = y;
    }
    assertThat(c.apply(0.5)).isCloseTo(0.25, org.assertj.core.api.Assertions.within(0.08));
    assertThat(c.apply(0.95)).isCloseTo(0.9, org.assertj.core.api.Assertions.within(0.08));
    // The shipped model's own map never decreases either.
    prev = 0;
    for (double x = 0; x <= 1.0; x += 0.01) {
      assertThat(model.calibration().apply(x)).isGreaterThanOrEqualTo(prev - 1e-9);
      prev = model.calibration().apply(x);
    }
  }

  @Test
  void aModelSurvivesItsBytesAndTrainingLearns() {
    DocTypeModel again = DocTypeModel.read(model.bytes());
    assertThat(again.predict(JUDGMENT_BODY).types())
        .isEqualTo(model.predict(JUDGMENT_BODY).types());
    List<DocTypeModel.Example> ex = new ArrayList<>();
    OcrNoise noise = new OcrNoise(1);
    for (int i = 0; i < 30; i++) {
      ex.add(new DocTypeModel.Example(noise.apply(JUDGMENT_FIRST), "judgment", true));
      ex.add(new DocTypeModel.Example(noise.apply(SUMMONS_GARBLED), "summons", true));
    }
    DocTypeModel small = DocTypeModel.train(ex, 50, 1);
    assertThat(small.predict(JUDGMENT_FIRST).best()).isEqualTo("judgment");
    assertThat(small.predict(SUMMONS_GARBLED).best()).isEqualTo("summons");
  }
}
