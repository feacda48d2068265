package com.dossiercapture.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.ocr.pipeline.PipelineSettings.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ocr-engine} of {@code process} and {@code benchmark ocr}. */
class OcrEngineOptionTest extends CliTestBase {

  @TempDir Path tmp;

  @Test
  void namesMapToChoicesAndBack() {
    assertThat(OcrEngineOption.parse("auto")).isEqualTo(EngineChoice.AUTO);
    assertThat(OcrEngineOption.parse("PP-OCR")).isEqualTo(EngineChoice.PP_OCR);
    assertThat(OcrEngineOption.parse(" tesseract ")).isEqualTo(EngineChoice.TESSERACT);
    assertThat(OcrEngineOption.parse("easyocr")).isNull();
    for (EngineChoice c : EngineChoice.values()) {
      assertThat(OcrEngineOption.parse(OcrEngineOption.name(c))).isEqualTo(c);
    }
  }

  @Test
  void anUnknownEngineIsABadArgument() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    int code =
        run(
            "process",
            "--input",
            in.toString(),
            "--report",
            tmp.resolve("r.jsonl").toString(),
            "--ocr-engine",
            "easyocr");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("easyocr").contains("pp-ocr");
    assertThat(run("benchmark", "ocr", "--engines", "tesseract,nope")).isEqualTo(2);
  }

  @Test
  void helpListsTheOption() {
    assertThat(run("--lang", "en", "process", "--help")).isZero();
    assertThat(out.toString()).contains("--ocr-engine");
  }
}
