package com.dossiercapture.app.review;

import java.util.List;

/**
 * A check a dossier failed before approval, as a message key of the review bundle and its arguments
 * (the view says it in the chosen language).
 *
 * @param code what failed: {@code noDocuments}, {@code unclassified}, {@code unassigned}, {@code
 *     lowConfidence}, {@code caseNumber}, {@code refused}
 * @param args the message arguments: page positions, case numbers, the store's reason
 */
public record ApprovalCheck(String code, List<Object> args) {

  public ApprovalCheck {
    args = List.copyOf(args);
  }

  /** The key of the message in {@code review_messages}. */
  public String messageKey() {
    return "review.check." + code;
  }
}
