package com.dossiercapture.app.review;

import com.dossiercapture.staging.DossierDocument;
import java.time.LocalDate;
import java.util.List;

/**
 * A document of the dossier under review with its pages (ids, in document order).
 *
 * @param firstPage 1-based position of its first page in the dossier's page sequence
 * @param lastPage 1-based position of its last page
 * @param confidence the lowest type confidence of its pages, or {@code null} when none is known
 * @param date the document's date, else the last date read on its pages, else {@code null}
 */
public record ReviewDocument(
    DossierDocument document,
    List<Long> pageIds,
    int firstPage,
    int lastPage,
    Double confidence,
    LocalDate date) {

  public ReviewDocument {
    pageIds = List.copyOf(pageIds);
  }
}
