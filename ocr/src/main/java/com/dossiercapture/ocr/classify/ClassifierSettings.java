package com.dossiercapture.ocr.classify;

/**
 * Settings of the page-sequence classification.
 *
 * @param reviewBelow pages whose calibrated type confidence is below this are marked for an
 *     archivist's review (0 marks none)
 * @param sameTypeStart a page of the same type as the open document starts a new one (without a
 *     title) when the model says it looks like a first page with at least this probability
 */
public record ClassifierSettings(double reviewBelow, double sameTypeStart) {

  public ClassifierSettings {
    if (reviewBelow < 0 || reviewBelow > 1 || sameTypeStart < 0 || sameTypeStart > 1) {
      throw new IllegalArgumentException("thresholds are between 0 and 1");
    }
  }

  /** Review below 0.6; a same-type page starts a document at 0.7. */
  public static ClassifierSettings defaults() {
    return new ClassifierSettings(0.6, 0.7);
  }
}
