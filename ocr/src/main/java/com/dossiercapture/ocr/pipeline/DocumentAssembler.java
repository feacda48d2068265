package com.dossiercapture.ocr.pipeline;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.ocr.classify.DocumentClassifier.Classification;
import com.dossiercapture.ocr.classify.SequenceClassifier;

/**
 * Groups pages, in batch order, into documents: a separator starts one (and a new dossier), a blank
 * page never does, a page with a clear title starts one (even of the same type: two receipts in a
 * row are two documents), and a page without a title continues the current document and takes its
 * type. Feed pages one at a time, in order; one assembler per batch.
 *
 * <p>With a {@link SequenceClassifier} (what the product uses), the statistical document-type model
 * and the sequence decide pages without a strong title, and the case number is read again with the
 * dossier's (from its separator) in mind; without one, titles alone decide, as above.
 */
public final class DocumentAssembler {

  /**
   * The decision for one page.
   *
   * @param docType catalogue code, {@code blank} or {@code separator}
   * @param docTypeConfidence 0..1
   * @param documentStart whether the page begins a new document
   */
  public record Decision(
      String docType,
      double docTypeConfidence,
      boolean documentStart,
      String caseNumber,
      boolean review) {
    /** A decision without a case number, not marked for review. */
    public Decision(String docType, double docTypeConfidence, boolean documentStart) {
      this(docType, docTypeConfidence, documentStart, null, false);
    }
  }

  /** Titles at least this sure start a document; weaker ones only when nothing is open. */
  static final double TITLE_STARTS = 0.8;

  /** Untitled material at the start of a dossier is most likely evidence. */
  static final String UNTITLED = "evidence";

  private String currentType;
  private double currentConfidence;
  private final SequenceClassifier sequence;

  /** Titles alone decide. */
  public DocumentAssembler() {
    this(null);
  }

  /** The sequence classifier decides (title rules, statistical model, sequence prior). */
  public DocumentAssembler(SequenceClassifier sequence) {
    this.sequence = sequence;
  }

  /** Decides the next page of the batch. */
  public Decision next(PageAnalysis page) {
    if (sequence != null) {
      SequenceClassifier.Decision d =
          sequence.next(
              new SequenceClassifier.Page(
                  page.text(),
                  page.blank(),
                  page.separator(),
                  page.separator() || page.blank()
                      ? null
                      : new Classification(page.docType(), page.docTypeConfidence(), null),
                  page.caseNumber()));
      return new Decision(
          d.docType(), d.confidence(), d.documentStart(), d.caseNumber(), d.review());
    }
    if (page.separator()) {
      currentType = null;
      return new Decision(
          Catalogue.SEPARATOR,
          Math.max(page.docTypeConfidence(), 0.9),
          true,
          page.caseNumber(),
          false);
    }
    if (page.blank()) {
      return new Decision(Catalogue.BLANK, Math.max(page.docTypeConfidence(), 0.9), false);
    }
    String type = page.docType();
    if (type != null && (page.docTypeConfidence() >= TITLE_STARTS || currentType == null)) {
      currentType = type;
      currentConfidence = page.docTypeConfidence();
      return new Decision(type, page.docTypeConfidence(), true, page.caseNumber(), false);
    }
    if (currentType == null) {
      currentType = UNTITLED;
      currentConfidence = 0.3;
      return new Decision(UNTITLED, 0.3, true, page.caseNumber(), false);
    }
    // A continuation page: a little less sure than the document's first page.
    return new Decision(currentType, currentConfidence * 0.9, false, page.caseNumber(), false);
  }
}
