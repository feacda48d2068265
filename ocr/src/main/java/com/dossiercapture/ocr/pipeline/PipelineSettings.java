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
 * @param ocrEngine which engine reads the page text (ADR 0009)
 */
public record PipelineSettings(
    Path tessdata,
    List<String> languages,
    Catalogue catalogue,
    List<String> separatorPrefixes,
    double maxSkewDegrees,
    boolean ocr,
    EngineChoice ocrEngine) {

  /** Which OCR engine reads the page text. */
  public enum EngineChoice {
    /**
     * PP-OCR for Chinese pages, with traditional characters taken from Tesseract chi_tra where the
     * two readings agree; Tesseract alone when no Chinese language is configured.
     */
    AUTO,
    /** PP-OCR alone for the page text (traditional pages come out in simplified forms). */
    PP_OCR,
    /** Tesseract alone. */
    TESSERACT
  }

  /** Settings with the default engine choice ({@link EngineChoice#AUTO}). */
  public PipelineSettings(
      Path tessdata,
      List<String> languages,
      Catalogue catalogue,
      List<String> separatorPrefixes,
      double maxSkewDegrees,
      boolean ocr) {
    this(tessdata, languages, catalogue, separatorPrefixes, maxSkewDegrees, ocr, EngineChoice.AUTO);
  }

  public PipelineSettings {
    languages = List.copyOf(languages);
    separatorPrefixes = List.copyOf(separatorPrefixes);
    java.util.Objects.requireNonNull(ocrEngine, "ocrEngine");
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
        true,
        EngineChoice.AUTO);
  }

  /** The same settings with other OCR languages. */
  public PipelineSettings withLanguages(List<String> langs) {
    return new PipelineSettings(
        tessdata, langs, catalogue, separatorPrefixes, maxSkewDegrees, ocr, ocrEngine);
  }

  /** The same settings with another OCR engine choice. */
  public PipelineSettings withOcrEngine(EngineChoice choice) {
    return new PipelineSettings(
        tessdata, languages, catalogue, separatorPrefixes, maxSkewDegrees, ocr, choice);
  }
}
