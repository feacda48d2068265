package com.dossiercapture.ocr.pipeline;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.tesseract.TesseractEngine;
import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link PagePipeline} works.
 *
 * @param tessdata folder of Tesseract's {@code .traineddata} files
 * @param languages OCR languages to choose from per page, the default first (e.g. chi_sim, chi_tra)
 * @param catalogue the catalogue pages are classified into
 * @param separatorPrefixes barcode payload prefixes that mark a separator sheet
 * @param maxSkewDegrees largest skew searched for
 * @param ocr whether to run OCR at all (off: geometry, blank and barcode only)
 */
public record PipelineSettings(
    Path tessdata,
    List<String> languages,
    Catalogue catalogue,
    List<String> separatorPrefixes,
    double maxSkewDegrees,
    boolean ocr) {

  public PipelineSettings {
    languages = List.copyOf(languages);
    separatorPrefixes = List.copyOf(separatorPrefixes);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("at least one OCR language is needed");
    }
  }

  /** Simplified and traditional Chinese, the default catalogue, {@code DC-SEP:} separators. */
  public static PipelineSettings defaults() {
    return new PipelineSettings(
        TesseractEngine.Settings.defaultDatapath(),
        List.of("chi_sim", "chi_tra"),
        Catalogue.loadDefault(),
        List.of("DC-SEP:"),
        15,
        true);
  }

  /** The same settings with other OCR languages. */
  public PipelineSettings withLanguages(List<String> langs) {
    return new PipelineSettings(tessdata, langs, catalogue, separatorPrefixes, maxSkewDegrees, ocr);
  }
}
