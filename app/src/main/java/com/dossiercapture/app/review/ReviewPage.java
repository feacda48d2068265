package com.dossiercapture.app.review;

import com.dossiercapture.ocr.classify.FieldExtractor;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;

/**
 * A page of a dossier as the archivist sees it: the page, what processing found (or {@code null}
 * when it has not been processed), whether an archivist has checked it, and the document it is in.
 *
 * @param documentId the document holding the page, or {@code null} (blank, unprocessed, unassigned)
 * @param fields parties and date read from the page's text (the store keeps only type and case
 *     number)
 */
public record ReviewPage(
    Page page, PageResult result, boolean reviewed, Long documentId, FieldExtractor.Fields fields) {

  public long id() {
    return page.id();
  }

  public boolean blank() {
    return result != null && Boolean.TRUE.equals(result.blank());
  }

  public boolean separator() {
    return result != null && Boolean.TRUE.equals(result.separator());
  }

  /** Processed without an error. */
  public boolean processed() {
    return result != null && result.error() == null;
  }

  public String docType() {
    return result == null ? null : result.docType();
  }

  /** The classifier's confidence in the type, or {@code null} when there is none. */
  public Double confidence() {
    return result == null ? null : result.docTypeConfidence();
  }

  public boolean documentStart() {
    return result != null && Boolean.TRUE.equals(result.documentStart());
  }

  /** Part of the dossier's documents: processed, not blank, not a separator sheet. */
  public boolean content() {
    return processed() && !blank() && !separator();
  }
}
