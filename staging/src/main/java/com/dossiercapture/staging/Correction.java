package com.dossiercapture.staging;

import java.time.Instant;

/**
 * An archivist's correction of what the pipeline decided about a page; the training signal for the
 * classifier.
 *
 * @param field what was corrected, e.g. {@code docType}, {@code documentStart}, {@code blank}
 */
public record Correction(
    long id,
    long pageId,
    String field,
    String oldValue,
    String newValue,
    String actor,
    Instant at) {}
