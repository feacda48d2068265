package com.dossiercapture.samples;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The ground truth of one synthetic page, one line of {@code ground-truth.jsonl}. The field names
 * are those of the page report (process-report.md), so a report and its truth can be compared field
 * by field; {@code script}, {@code dpi} and {@code kind} are extra.
 *
 * @param source file name relative to the batch folder
 * @param index 0-based position in the batch
 * @param orientation how far the content was turned clockwise (0, 90, 180, 270)
 * @param skewDegrees skew applied after orientation, positive = counter-clockwise on screen
 * @param blank whether the page is empty (signature-only and seal-only pages are not)
 * @param separator whether the page is a batch control sheet
 * @param barcode the QR payload on the page, or null
 * @param docType catalogue code, {@code blank} or {@code separator}
 * @param documentStart whether the page begins a new document
 * @param caseNumber the case number printed on the page (canonical form), or null
 * @param text the printed text, lines joined by {@code \n}
 * @param script {@code simplified} or {@code traditional}
 * @param dpi resolution of the image
 * @param kind {@code content}, {@code near_empty}, {@code separator} or {@code blank}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "source",
  "index",
  "orientation",
  "skewDegrees",
  "blank",
  "separator",
  "barcode",
  "docType",
  "documentStart",
  "caseNumber",
  "text",
  "script",
  "dpi",
  "kind"
})
public record PageTruth(
    String source,
    int index,
    int orientation,
    double skewDegrees,
    boolean blank,
    boolean separator,
    String barcode,
    String docType,
    boolean documentStart,
    String caseNumber,
    String text,
    String script,
    int dpi,
    String kind) {}
