package com.dossiercapture.staging;

import java.util.Map;

/**
 * What processing found on a page (process-report.md field names). Fields the pipeline did not
 * produce are {@code null}.
 *
 * @param orientation how far the content was turned clockwise from upright: 0, 90, 180 or 270
 * @param skewDegrees residual skew after orientation, positive = counter-clockwise
 * @param docType a catalogue code, {@code blank} or {@code separator}
 * @param caseNumber the normalised case number printed on the page
 * @param ms per-stage milliseconds
 * @param error why processing failed, or {@code null}
 */
public record PageResult(
    Integer orientation,
    Double skewDegrees,
    Boolean blank,
    Boolean separator,
    String barcode,
    String docType,
    Double docTypeConfidence,
    Boolean documentStart,
    String caseNumber,
    String caseNumberPrinted,
    String text,
    String wordsJson,
    String warningsJson,
    Map<String, Long> ms,
    String error) {

  public PageResult {
    ms = ms == null ? Map.of() : Map.copyOf(ms);
  }

  /** A result that records only a failure. */
  public static PageResult failed(String error, Map<String, Long> ms) {
    return new PageResult(
        null, null, null, null, null, null, null, null, null, null, null, null, null, ms, error);
  }
}
