package com.dossiercapture.app.review;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a dossier must satisfy before an archivist may approve it, on top of the store's own checks
 * ({@code Approval}): it has documents; every content page is classified into the catalogue and in
 * a document; no page below the confidence threshold is left unchecked; every case number read on a
 * page is the dossier's. The catalogue marks no type as required, so no type is demanded.
 */
public final class ApprovalChecks {

  private final Catalogue catalogue;
  private final double threshold;

  /**
   * @param threshold a page whose type confidence is below it must be checked by an archivist
   */
  public ApprovalChecks(Catalogue catalogue, double threshold) {
    this.catalogue = catalogue;
    this.threshold = threshold;
  }

  public double threshold() {
    return threshold;
  }

  /** Whether a page still needs an archivist's look: unchecked and not sure enough. */
  public boolean needsReview(ReviewPage p) {
    if (p.reviewed() || p.separator()) {
      return false;
    }
    if (!p.processed()) {
      return true;
    }
    Double c = p.confidence();
    return c == null ? !p.blank() : c < threshold;
  }

  /** The failed checks, empty when the dossier may be approved. Page numbers are 1-based. */
  public List<ApprovalCheck> check(DossierReview d) {
    List<ApprovalCheck> out = new ArrayList<>();
    if (d.documents().isEmpty()) {
      out.add(new ApprovalCheck("noDocuments", List.of()));
    }
    TreeSet<Integer> unclassified = new TreeSet<>();
    TreeSet<Integer> unassigned = new TreeSet<>();
    TreeSet<Integer> low = new TreeSet<>();
    TreeSet<Integer> mismatched = new TreeSet<>();
    TreeSet<String> otherNumbers = new TreeSet<>();
    String expected = d.dossier().caseNumber();
    for (int i = 0; i < d.pages().size(); i++) {
      ReviewPage p = d.pages().get(i);
      int n = i + 1;
      if (p.separator()) {
        continue;
      }
      if (!p.processed()) {
        unclassified.add(n);
      } else if (!p.blank()) {
        if (p.docType() == null || catalogue.entry(p.docType()).isEmpty()) {
          unclassified.add(n);
        }
        if (p.documentId() == null) {
          unassigned.add(n);
        }
      }
      if (needsReview(p)) {
        low.add(n);
      }
      if (p.processed() && !p.blank() && p.result().caseNumber() != null) {
        Optional<CaseNumber> cn = CaseNumber.parse(p.result().caseNumber());
        String normalised = cn.map(CaseNumber::normalised).orElse(p.result().caseNumber());
        if (!normalised.equals(expected)) {
          mismatched.add(n);
          otherNumbers.add(normalised);
        }
      }
    }
    for (ReviewDocument doc : d.documents()) {
      if (catalogue.entry(doc.document().docType()).isEmpty()) {
        out.add(
            new ApprovalCheck(
                "unknownType", List.of(doc.document().ordinal(), doc.document().docType())));
      }
    }
    if (!unclassified.isEmpty()) {
      out.add(new ApprovalCheck("unclassified", List.of(pages(unclassified))));
    }
    if (!unassigned.isEmpty()) {
      out.add(new ApprovalCheck("unassigned", List.of(pages(unassigned))));
    }
    if (!low.isEmpty()) {
      out.add(
          new ApprovalCheck(
              "lowConfidence", List.of(pages(low), Math.round(threshold * 100) + "%")));
    }
    if (!mismatched.isEmpty()) {
      out.add(
          new ApprovalCheck(
              "caseNumber", List.of(pages(mismatched), String.join("、", otherNumbers), expected)));
    }
    return out;
  }

  /** 1, 2, 3, 7 → "1–3, 7". */
  static String pages(TreeSet<Integer> numbers) {
    StringBuilder sb = new StringBuilder();
    Integer start = null;
    Integer prev = null;
    for (int n : numbers) {
      if (prev != null && n == prev + 1) {
        prev = n;
        continue;
      }
      if (start != null) {
        append(sb, start, prev);
      }
      start = n;
      prev = n;
    }
    if (start != null) {
      append(sb, start, prev);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, int from, int to) {
    if (!sb.isEmpty()) {
      sb.append(", ");
    }
    sb.append(from == to ? Integer.toString(from) : from + "–" + to);
  }
}
