package com.dossiercapture.domain;

import java.util.Optional;

/**
 * The payload of a batch separator sheet's barcode. The product prints {@code DC-SEP:} followed by
 * the case number; a court's case system may print the bare case number. Either starts a new
 * dossier in the batch.
 */
public final class SeparatorCode {

  /** Prefix of the product's own separator payloads. */
  public static final String PREFIX = "DC-SEP:";

  private SeparatorCode() {}

  /** The payload the product prints for a dossier. */
  public static String payload(CaseNumber caseNumber) {
    return PREFIX + caseNumber.normalised();
  }

  /** The case number a scanned separator names, or empty when the barcode is not a separator. */
  public static Optional<CaseNumber> parse(String payload) {
    if (payload == null) {
      return Optional.empty();
    }
    String p = payload.strip();
    if (p.startsWith(PREFIX)) {
      p = p.substring(PREFIX.length());
    }
    return CaseNumber.parse(p);
  }
}
