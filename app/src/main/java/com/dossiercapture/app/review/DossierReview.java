package com.dossiercapture.app.review;

import com.dossiercapture.staging.Dossier;
import java.util.List;
import java.util.Optional;

/**
 * A dossier loaded for review: its pages in scan order (blank pages included, so they can be
 * restored) and its documents in catalogue order.
 */
public record DossierReview(
    Dossier dossier, List<ReviewPage> pages, List<ReviewDocument> documents) {

  public DossierReview {
    pages = List.copyOf(pages);
    documents = List.copyOf(documents);
  }

  public Optional<ReviewPage> page(long pageId) {
    return pages.stream().filter(p -> p.id() == pageId).findFirst();
  }

  /** 0-based position of a page in the sequence, or -1. */
  public int indexOf(long pageId) {
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).id() == pageId) {
        return i;
      }
    }
    return -1;
  }

  public Optional<ReviewDocument> documentOf(long pageId) {
    return documents.stream().filter(d -> d.pageIds().contains(pageId)).findFirst();
  }
}
