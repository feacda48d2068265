package com.dossiercapture.app.review;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.DossierDocument;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Groups a dossier's pages into documents by the rule batch assembly ({@code DossierAssembly})
 * uses: in scan order, a page that starts a document opens a document of its type (the first
 * content page always does); blank pages, separator sheets and unprocessed pages belong to no
 * document. A type the catalogue does not know becomes {@code evidence}, as in assembly.
 */
public final class DocumentGrouping {

  /** The catalogue type untitled material falls back to (as in assembly). */
  public static final String FALLBACK_TYPE = "evidence";

  private DocumentGrouping() {}

  /**
   * The documents the pages make.
   *
   * @param before the documents the pages were in before, to keep a document's own title and date
   *     when its first page still starts a document of the same type
   */
  public static List<Documents.Group> group(
      List<ReviewPage> pages, Catalogue catalogue, Map<Long, DossierDocument> before) {
    List<Documents.Group> out = new ArrayList<>();
    String type = null;
    String title = null;
    LocalDate date = null;
    List<Long> current = null;
    for (ReviewPage p : pages) {
      if (!p.content()) {
        continue;
      }
      if (current == null || p.documentStart()) {
        if (current != null) {
          out.add(new Documents.Group(type, title, date, current));
        }
        type = typeOf(p.docType(), catalogue);
        String catalogueTitle = catalogue.entry(type).map(e -> e.title()).orElse(type);
        DossierDocument old = before.get(p.id());
        boolean same = old != null && type.equals(old.docType());
        title = same && old.title() != null ? old.title() : catalogueTitle;
        date = same ? old.date() : null;
        current = new ArrayList<>();
      }
      current.add(p.id());
    }
    if (current != null) {
      out.add(new Documents.Group(type, title, date, current));
    }
    return out;
  }

  static String typeOf(String docType, Catalogue catalogue) {
    return docType != null && catalogue.entry(docType).isPresent() ? docType : FALLBACK_TYPE;
  }
}
