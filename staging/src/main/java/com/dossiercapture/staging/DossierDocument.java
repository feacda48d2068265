package com.dossiercapture.staging;

import java.time.LocalDate;

/**
 * A document of a dossier (one entry of the 卷内目录): a catalogue type and its pages.
 *
 * @param docType a catalogue code, e.g. {@code judgment}
 * @param title the document's own title, or {@code null} to use the catalogue title
 * @param date the document's date, or {@code null} when unknown
 * @param ordinal 1-based position in the dossier, in catalogue order
 * @param pageCount how many pages are assigned to it
 */
public record DossierDocument(
    long id,
    long dossierId,
    String docType,
    String title,
    LocalDate date,
    int ordinal,
    int pageCount) {}
