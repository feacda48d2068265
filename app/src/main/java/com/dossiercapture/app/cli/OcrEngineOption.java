package com.dossiercapture.app.cli;

import com.dossiercapture.ocr.pipeline.PipelineSettings.EngineChoice;
import java.util.Locale;

/** The values of {@code --ocr-engine}: {@code auto}, {@code pp-ocr}, {@code tesseract}. */
final class OcrEngineOption {

  private OcrEngineOption() {}

  /** The engine choice named on the command line, or null when the name is not one. */
  static EngineChoice parse(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> EngineChoice.AUTO;
      case "pp-ocr", "ppocr", "paddle" -> EngineChoice.PP_OCR;
      case "tesseract" -> EngineChoice.TESSERACT;
      default -> null;
    };
  }

  /** The command-line name of a choice. */
  static String name(EngineChoice choice) {
    return switch (choice) {
      case AUTO -> "auto";
      case PP_OCR -> "pp-ocr";
      case TESSERACT -> "tesseract";
    };
  }
}
