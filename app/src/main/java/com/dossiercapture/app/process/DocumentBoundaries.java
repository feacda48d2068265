package com.dossiercapture.app.process;

import com.dossiercapture.staging.PageResult;

/** Decides, page by page in batch order, where documents start (stateful: one per batch). */
public interface DocumentBoundaries {

  /** Whether this page starts a new document, given the pages seen before it. */
  boolean startsDocument(PageResult page);
}
