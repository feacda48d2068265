package com.dossiercapture.app.process;

import com.dossiercapture.staging.PageResult;

/**
 * Groups pages into documents, page by page in batch order (stateful: one per batch). Settles each
 * page's final type, confidence and whether it starts a document, given the pages before it.
 */
public interface DocumentBoundaries {

  /** The page's result with docType, docTypeConfidence and documentStart decided. */
  PageResult assemble(PageResult page);
}
