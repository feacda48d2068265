package com.dossiercapture.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerTest {

  private static final String TRUTH =
      """
      {"source":"a.png","orientation":0,"skewDegrees":2.0,"blank":false,"separator":true,"barcode":"DC-SEP:（2024）湘0602民初1234号","docType":"separator","documentStart":true,"caseNumber":"（2024）湘0602民初1234号","text":"卷宗分隔页（2024）湘0602民初1234号","script":"simplified"}
      {"source":"b.png","orientation":90,"skewDegrees":-1.0,"blank":false,"separator":false,"barcode":null,"docType":"judgment","documentStart":true,"caseNumber":"（2024）湘0602民初1234号","text":"民事判决书\\n原告张三与被告李四民间借贷纠纷一案","script":"simplified"}
      {"source":"c.png","orientation":0,"skewDegrees":0.5,"blank":false,"separator":false,"barcode":null,"docType":"judgment","documentStart":false,"caseNumber":null,"text":"本院認為當事人對自己提出的訴訟請求","script":"traditional"}
      {"source":"d.png","orientation":0,"skewDegrees":0,"blank":true,"separator":false,"barcode":null,"docType":"blank","documentStart":false,"caseNumber":null,"text":"","script":"simplified"}
      {"source":"e.png","orientation":0,"skewDegrees":0,"blank":false,"separator":false,"barcode":null,"docType":"judgment","documentStart":false,"caseNumber":null,"text":"","script":"simplified"}
      """;

  private static final String REPORT =
      """
      {"source":"a.png","orientation":0,"skewDegrees":2.1,"blank":false,"separator":true,"barcode":"DC-SEP:（2024）湘0602民初1234号","docType":"separator","documentStart":true,"caseNumber":"（2024）湘0602民初1234号","text":"x","ms":{"ocr":100}}
      {"source":"b.png","orientation":270,"skewDegrees":-1.0,"blank":false,"separator":false,"barcode":null,"docType":"judgment","documentStart":true,"caseNumber":"（2024）湘0602民初1235号","text":"民事判决书 原告张三与被告李四民间借贷纠纷一案","ms":{"ocr":300}}
      {"source":"c.png","orientation":0,"skewDegrees":0.3,"blank":false,"separator":false,"barcode":null,"docType":"ruling","documentStart":true,"caseNumber":null,"text":"本院認為當事人對自己提出的訴訟請","ms":{"ocr":200}}
      {"source":"d.png","orientation":0,"skewDegrees":0,"blank":true,"separator":false,"barcode":null,"docType":"blank","documentStart":false,"caseNumber":null,"text":""}
      {"source":"e.png","orientation":0,"skewDegrees":0,"blank":true,"separator":false,"barcode":null,"docType":"blank","documentStart":false,"caseNumber":null,"text":""}
      """;

  private static List<JsonNode> parse(String jsonl) throws Exception {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : jsonl.strip().split("\n")) {
      out.add(m.readTree(line));
    }
    return out;
  }

  @Test
  void computesEveryFigureFromHandWrittenReports() throws Exception {
    Scorer.Score s = Scorer.score(parse(TRUTH), parse(REPORT));

    assertThat(s.pages()).isEqualTo(5);
    assertThat(s.missing()).isZero();
    // Measurable pages: a, b, c. Errors 0.1, 0.0, 0.2.
    assertThat(s.skewMae()).isCloseTo(0.1, within(1e-9));
    assertThat(s.skewP95()).isCloseTo(0.2, within(1e-9));
    assertThat(s.orientationAccuracy()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(s.blankRecall()).isEqualTo(1.0);
    assertThat(s.contentCalledBlank())
        .as("the signature-only page e was called blank")
        .isEqualTo(1);
    assertThat(s.separators()).isEqualTo(1);
    assertThat(s.separatorsFound()).isEqualTo(1);
    assertThat(s.separatorsDecoded()).isEqualTo(1);
    // Right: a, b, d. Wrong: c (ruling), e (blank).
    assertThat(s.docTypeAccuracy()).isCloseTo(3 / 5.0, within(1e-9));
    assertThat(s.documentDocTypeAccuracy()).isCloseTo(1 / 3.0, within(1e-9));
    // tp = a, b; fp = c; fn = none: precision 2/3, recall 1.
    assertThat(s.documentStartF1()).isCloseTo(0.8, within(1e-9));
    assertThat(s.caseNumberPages()).isEqualTo(2);
    assertThat(s.caseNumberExact()).isEqualTo(1);
    assertThat(s.caseNumberFalsePositives()).isEqualTo(1);
    // Simplified: page b only (separators are not in CER); whitespace ignored: 0 errors.
    assertThat(s.cer().get("simplified")).isEqualTo(0.0);
    // Traditional: one character dropped out of 17.
    assertThat(s.cer().get("traditional")).isCloseTo(1 / 17.0, within(1e-9));
    assertThat(s.meanMs().get("ocr")).isEqualTo(200.0);
  }

  @Test
  void aMissingPageCountsAsWrong() throws Exception {
    List<JsonNode> report = parse(REPORT);
    report.remove(1);
    Scorer.Score s = Scorer.score(parse(TRUTH), report);
    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.orientationAccuracy()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(s.caseNumberExact()).isEqualTo(1);
    assertThat(s.cer().get("simplified")).isEqualTo(1.0);
  }

  @Test
  void editDistance() {
    assertThat(Scorer.editDistance("民事判决书", "民事判決书")).isEqualTo(1);
    assertThat(Scorer.editDistance("", "abc")).isEqualTo(3);
    assertThat(Scorer.editDistance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void commandLinePrintsTheFiguresAndRejectsBadArguments(@TempDir Path dir) throws Exception {
    Path truth = Files.writeString(dir.resolve("t.jsonl"), TRUTH, StandardCharsets.UTF_8);
    Path report = Files.writeString(dir.resolve("r.jsonl"), REPORT, StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Scorer.run(
            new String[] {"--truth", truth.toString(), "--report", report.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("skew MAE / p95").contains("documentStart F1           0.800");

    Path broken = Files.writeString(dir.resolve("b.jsonl"), "{not json\n");
    code =
        Scorer.run(
            new String[] {"--truth", truth.toString(), "--report", broken.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 1 is not JSON");
    assertThat(Scorer.run(new String[] {"--truth"}, System.out, new PrintStream(err))).isEqualTo(2);
  }
}
