package com.dossiercapture.app.process;

import java.util.function.Supplier;

/**
 * Wires the page pipeline of the {@code ocr} module into batch processing. Until that pipeline is
 * part of the build, processing stages pages durably and reports what staging knows (source, index,
 * hash, timings) and nothing it would have to invent.
 */
public final class Pipelines {

  private Pipelines() {}

  /** One analyzer per worker, or {@code null} when no page pipeline is available. */
  public static Supplier<PageAnalyzer> analyzers() {
    return null;
  }

  /** The batch's document boundary decider, or {@code null}. */
  public static Supplier<DocumentBoundaries> boundaries() {
    return null;
  }
}
