package com.dossiercapture.ocr.pipeline;

import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrWord;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the pipeline found on one page. Field meanings follow the page report
 * (process-report.md).
 *
 * @param orientation how far the content as scanned was turned clockwise (0, 90, 180, 270)
 * @param skewDegrees residual skew after orientation, positive = counter-clockwise; corrected
 * @param blank the page is empty
 * @param separator the page is a batch control sheet
 * @param barcode decoded barcode payload, or null
 * @param docType catalogue code, {@code blank}, {@code separator}, or null when the page shows no
 *     title (a continuation page: {@link DocumentAssembler} decides)
 * @param docTypeConfidence 0..1
 * @param caseNumber normalised case number printed on the page (or on the separator), or null
 * @param caseNumberPrinted the case number as read, or null
 * @param plaintiffs parties on the plaintiff side found on the page
 * @param defendants parties on the defendant side
 * @param documentDate the last date printed on the page, or null
 * @param language OCR language used, or null when no OCR ran
 * @param text OCR text, lines joined by {@code \n}, no spaces between CJK characters
 * @param lines OCR lines with boxes, in the coordinates of {@code corrected}
 * @param words OCR words with boxes and confidences
 * @param warnings quality warnings ({@code too_dark}, {@code too_light}, {@code blurred})
 * @param corrected the page upright, deskewed, borders cleaned (8-bit grey); the original is never
 *     changed
 * @param ms milliseconds per stage: orient, deskew, blank, barcode, ocr, classify
 */
public record PageAnalysis(
    int orientation,
    double skewDegrees,
    boolean blank,
    boolean separator,
    String barcode,
    String docType,
    double docTypeConfidence,
    String caseNumber,
    String caseNumberPrinted,
    List<String> plaintiffs,
    List<String> defendants,
    LocalDate documentDate,
    String language,
    String text,
    List<OcrLine> lines,
    List<OcrWord> words,
    List<String> warnings,
    BufferedImage corrected,
    Map<String, Long> ms) {

  public PageAnalysis {
    plaintiffs = List.copyOf(plaintiffs);
    defendants = List.copyOf(defendants);
    lines = List.copyOf(lines);
    words = List.copyOf(words);
    warnings = List.copyOf(warnings);
    ms = Map.copyOf(ms);
  }
}
