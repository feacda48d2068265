package com.dossiercapture.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.ocr.classify.ClassifierSettings;
import com.dossiercapture.ocr.classify.DocTypeModel;
import com.dossiercapture.ocr.classify.SequenceClassifier;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining from archivists' corrections, on a real staging store: a local form the shipped model
 * does not know (诉讼风险提示书), filed by this court with the 卷内备考表, is corrected by hand on a few pages;
 * after retraining, a new page of the same form is classified as the archivists said.
 */
class ClassifierRetrainingTest {

  @TempDir Path dir;

  private static final String[] NAMES = {"张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆"};

  /** The form's text with the party's name and the date varied. */
  static String riskNotice(int i) {
    return "湖南省岳阳市岳阳楼区人民法院\n诉讼风险提示书\n"
        + NAMES[i]
        + "：\n为方便当事人依法行使诉讼权利，避免因不了解诉讼风险而遭受损失，现将常见诉讼风险提示如下：\n"
        + "一、起诉不符合条件的风险\n二、诉讼请求不适当的风险\n三、逾期改变诉讼请求的风险\n"
        + "四、超过诉讼时效的风险\n五、授权不明的风险\n六、不按时交纳诉讼费用的风险\n"
        + "本提示书于2024年"
        + (i + 2)
        + "月"
        + (i + 10)
        + "日送达。";
  }

  private static SequenceClassifier classifier(DocTypeModel model) {
    SequenceClassifier sc =
        new SequenceClassifier(Catalogue.loadDefault(), model, ClassifierSettings.defaults());
    sc.next(new SequenceClassifier.Page("", false, true, null, "（2024）湘0602民初934号"));
    return sc;
  }

  private static String decide(DocTypeModel model, String text) {
    return classifier(model)
        .next(new SequenceClassifier.Page(text, false, false, null, null))
        .docType();
  }

  @Test
  void correctionsChangeTheDecisionOnALikePage() throws Exception {
    String unseen = riskNotice(5);
    String before = decide(DocTypeModel.shipped(), unseen);
    assertThat(before).as("the shipped model does not know the form").isNotEqualTo("remarks");

    try (StagingStore store = StagingStore.open(dir.resolve("store"))) {
      assertThatThrownBy(() -> ClassifierTrainingService.defaults().retrain(store, "t"))
          .isInstanceOf(IllegalStateException.class);
      long batch = store.createBatch(BatchSpec.of("archivist")).id();
      for (int i = 0; i < 5; i++) {
        BufferedImage img = new BufferedImage(200, 280, BufferedImage.TYPE_BYTE_GRAY);
        Page p =
            store.ingestRaster(
                batch, img, new PageMeta(null, null, null, 72, ColourMode.GREY, "p" + i + ".png"));
        store.saveResult(
            p.id(),
            new PageResult(
                0,
                0.0,
                false,
                false,
                null,
                before,
                0.5,
                true,
                null,
                null,
                riskNotice(i),
                null,
                null,
                Map.of(),
                null));
        store.recordCorrection(p.id(), "docType", before, "remarks", "archivist");
      }
      assertThat(ClassifierTrainingService.correctedPages(store)).hasSize(5);

      ClassifierTrainingService.Retrained r =
          ClassifierTrainingService.defaults().retrain(store, "archivist");
      assertThat(r.saved().version()).isEqualTo(1);
      assertThat(r.corrected()).isEqualTo(5);
      var metrics = new ObjectMapper().readTree(r.saved().metricsJson());
      assertThat(metrics.path("correctedPages").asInt()).isEqualTo(5);
      assertThat(metrics.path("docTypeAccuracy").asDouble()).isGreaterThan(0.9);

      // The pipeline now uses the store's model, and it follows the archivists.
      DocTypeModel latest = ClassifierTrainingService.modelFor(store);
      assertThat(latest.bytes()).isEqualTo(store.latestClassifierModel().orElseThrow().bytes());
      assertThat(decide(latest, unseen)).isEqualTo("remarks");
      // Other documents are still classified as before.
      assertThat(decide(latest, SequenceClassifierTexts.JUDGMENT)).isEqualTo("judgment");
    }
  }

  /** A judgment's first page as OCR reads it. */
  static final class SequenceClassifierTexts {
    static final String JUDGMENT =
        "湖南省岳阳市岳阳楼区人民法院\n民事判决书\n（2024）湘0602民初934号\n原告：张伟，住岳阳市滨江路248号。\n"
            + "被告：李娜，住岳阳市建设路82号。\n原告张伟与被告李娜民间借贷纠纷一案，本院于2024年2月1日立案后，"
            + "依法适用简易程序，公开开庭进行了审理。";
  }
}
