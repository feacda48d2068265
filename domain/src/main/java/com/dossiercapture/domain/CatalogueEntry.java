package com.dossiercapture.domain;

import java.util.List;
import java.util.Locale;

/**
 * One document type of the dossier catalogue.
 *
 * @param order position in the standard order (1-based)
 * @param code stable identifier, e.g. {@code judgment}
 * @param title what people see, in Chinese
 * @param titleEn English title
 * @param numbered whether its pages get page numbers in the archival dossier
 * @param keywords phrases a page of this type says (titles and their variants)
 */
public record CatalogueEntry(
    int order, String code, String title, String titleEn, boolean numbered, List<String> keywords) {

  public CatalogueEntry {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }

  /** The title in the given locale's language (Chinese unless English is asked for). */
  public String title(Locale locale) {
    return "en".equals(locale.getLanguage()) && titleEn != null ? titleEn : title;
  }
}
