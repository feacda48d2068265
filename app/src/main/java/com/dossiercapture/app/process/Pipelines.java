package com.dossiercapture.app.process;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.ClassifierSettings;
import com.dossiercapture.ocr.classify.DocTypeModel;
import com.dossiercapture.ocr.classify.SequenceClassifier;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.pipeline.DocumentAssembler;
import com.dossiercapture.ocr.pipeline.PageAnalysis;
import com.dossiercapture.ocr.pipeline.PagePipeline;
import com.dossiercapture.ocr.pipeline.PipelineSettings;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Wires the page pipeline of the {@code ocr} module (orientation, deskew, blank and separator
 * detection, Tesseract OCR, classification, document assembly) into batch processing.
 */
public final class Pipelines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Pipelines() {}

  /** One analyzer per worker thread (OCR handles are not shared), default OCR engine choice. */
  public static Supplier<PageAnalyzer> analyzers() {
    return analyzers(PipelineSettings.defaults().ocrEngine());
  }

  /** One analyzer per worker thread, reading with the given OCR engine choice. */
  public static Supplier<PageAnalyzer> analyzers(PipelineSettings.EngineChoice engine) {
    return () -> new OcrPageAnalyzer(PipelineSettings.defaults().withOcrEngine(engine));
  }

  /** One analyzer per worker with other pipeline settings (e.g. OCR off). */
  public static Supplier<PageAnalyzer> analyzers(PipelineSettings settings) {
    return () -> new OcrPageAnalyzer(settings);
  }

  /** The default settings with OCR switched off: geometry, blank and barcode detection only. */
  public static PipelineSettings withoutOcr() {
    PipelineSettings d = PipelineSettings.defaults();
    return new PipelineSettings(
        d.tessdata(),
        d.languages(),
        d.catalogue(),
        d.separatorPrefixes(),
        d.maxSkewDegrees(),
        false);
  }

  /** The batch's document grouping, with the shipped document-type model. */
  public static Supplier<DocumentBoundaries> boundaries() {
    return boundaries(null);
  }

  /**
   * The batch's document grouping, with the store's latest document-type model (retrained from its
   * archivists' corrections) when it has one, else the shipped model.
   */
  public static Supplier<DocumentBoundaries> boundaries(StagingStore store) {
    DocTypeModel model = ClassifierTrainingService.modelFor(store);
    Catalogue catalogue = Catalogue.loadDefault();
    return () ->
        new OcrBoundaries(
            new DocumentAssembler(
                new SequenceClassifier(catalogue, model, ClassifierSettings.defaults())));
  }

  /** Adapts {@link PagePipeline} to the batch processor. */
  static final class OcrPageAnalyzer implements PageAnalyzer {
    private final PagePipeline pipeline;

    OcrPageAnalyzer(PipelineSettings settings) {
      this.pipeline = new PagePipeline(settings);
    }

    @Override
    public PageResult analyze(BufferedImage page, int dpi) {
      return analyze(page, dpi, null);
    }

    @Override
    public PageResult analyze(BufferedImage page, int dpi, Progress progress) {
      PageAnalysis a =
          pipeline.analyze(
              page,
              dpi,
              progress == null
                  ? PagePipeline.Progress.NONE
                  : new PagePipeline.Progress() {
                    @Override
                    public void typed(String docType, double confidence) {
                      progress.typed(docType, confidence);
                    }

                    @Override
                    public void between() {
                      progress.between();
                    }
                  });
      return new PageResult(
          a.orientation(),
          Math.round(a.skewDegrees() * 100) / 100.0,
          a.blank(),
          a.separator(),
          a.barcode(),
          a.docType(),
          a.docTypeConfidence(),
          null,
          a.caseNumber(),
          a.caseNumberPrinted(),
          a.text(),
          wordsJson(a),
          json(a.warnings()),
          a.ms(),
          null);
    }

    @Override
    public void close() {
      pipeline.close();
    }
  }

  /**
   * Word boxes as the export's text layer reads them: lines in reading order, upright image size.
   */
  static String wordsJson(PageAnalysis a) {
    if (a.lines().isEmpty()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (a.corrected() != null) {
      m.put("width", a.corrected().getWidth());
      m.put("height", a.corrected().getHeight());
    }
    List<OcrLine> lines = a.lines();
    m.put("lines", lines);
    return json(m);
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise OCR output", e);
    }
  }

  /** Adapts {@link DocumentAssembler}, which needs only the page kind, type and confidence. */
  static final class OcrBoundaries implements DocumentBoundaries {
    private final DocumentAssembler assembler;

    OcrBoundaries(DocumentAssembler assembler) {
      this.assembler = assembler;
    }

    @Override
    public PageResult assemble(PageResult r) {
      PageAnalysis view =
          new PageAnalysis(
              r.orientation() == null ? 0 : r.orientation(),
              r.skewDegrees() == null ? 0 : r.skewDegrees(),
              Boolean.TRUE.equals(r.blank()),
              Boolean.TRUE.equals(r.separator()),
              r.barcode(),
              r.docType(),
              r.docTypeConfidence() == null ? 0 : r.docTypeConfidence(),
              r.caseNumber(),
              r.caseNumberPrinted(),
              List.of(),
              List.of(),
              null,
              null,
              r.text(),
              List.of(),
              List.of(),
              List.of(),
              null,
              Map.of());
      DocumentAssembler.Decision d = assembler.next(view);
      return new PageResult(
          r.orientation(),
          r.skewDegrees(),
          r.blank(),
          r.separator(),
          r.barcode(),
          d.docType(),
          Math.round(d.docTypeConfidence() * 100) / 100.0,
          d.documentStart(),
          d.caseNumber(),
          Objects.equals(d.caseNumber(), r.caseNumber()) ? r.caseNumberPrinted() : d.caseNumber(),
          r.text(),
          r.wordsJson(),
          r.warningsJson(),
          r.ms(),
          r.error());
    }
  }
}
