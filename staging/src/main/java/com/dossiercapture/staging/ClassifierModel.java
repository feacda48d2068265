package com.dossiercapture.staging;

import java.time.Instant;

/**
 * A trained document-type classifier, versioned in the store.
 *
 * @param bytes the serialised model (format owned by the classifier)
 * @param metricsJson what training measured (held-out accuracy...), as JSON
 */
public record ClassifierModel(
    int version,
    String sha256,
    byte[] bytes,
    int trainingPages,
    String metricsJson,
    String actor,
    Instant createdAt) {}
