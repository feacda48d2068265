package com.dossiercapture.staging.export;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.CatalogueEntry;
import com.dossiercapture.staging.AuditEntry;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.StagingStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What goes into a dossier's export, in order: its documents in catalogue order with their pages,
 * page numbers (numbered document types only, consecutively from 1) and labels, and who verified
 * it. Built from the store before anything is written.
 */
record DossierPlan(
    Dossier dossier,
    List<Doc> documents,
    int numberedPages,
    String verifiedBy,
    Instant verifiedAt,
    LocalDate firstDate,
    LocalDate lastDate,
    List<String> warnings) {

  /**
   * A document and where its pages go.
   *
   * @param title what the contents and the bookmark call it
   * @param numbered whether its pages are numbered
   * @param firstNumber the first page number, or 0 when not numbered
   */
  record Doc(
      DossierDocument document,
      CatalogueEntry entry,
      String title,
      boolean numbered,
      int firstNumber,
      List<Page> pages) {

    int lastNumber() {
      return numbered ? firstNumber + pages.size() - 1 : 0;
    }

    /** 页号 column: "3" or "3–7", empty when not numbered. */
    String pageRange() {
      if (!numbered) {
        return "";
      }
      return pages.size() == 1 ? Integer.toString(firstNumber) : firstNumber + "–" + lastNumber();
    }
  }

  int scannedPages() {
    return documents.stream().mapToInt(d -> d.pages().size()).sum();
  }

  static DossierPlan build(StagingStore store, Catalogue catalogue, String caseNumber) {
    Optional<CaseNumber> cn = CaseNumber.parse(caseNumber == null ? "" : caseNumber);
    if (cn.isEmpty()) {
      throw new ExportException(
          ExportException.Kind.NOT_FOUND,
          "'" + caseNumber + "' is not a case number such as （2024）湘0602民初1234号");
    }
    Dossier d =
        store
            .findDossier(caseNumber)
            .orElseThrow(
                () ->
                    new ExportException(
                        ExportException.Kind.NOT_FOUND,
                        "the store "
                            + store.directory()
                            + " has no dossier "
                            + cn.get().normalised()));
    Documents documents = new Documents(store, catalogue);
    List<Doc> docs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int next = 1;
    LocalDate first = null;
    LocalDate last = null;
    for (DossierDocument doc : documents.list(d.id())) {
      List<Page> pages = new ArrayList<>();
      for (Page p : documents.pages(doc.id())) {
        if ("deleted".equals(p.state()) || "replaced".equals(p.state())) {
          warnings.add(
              "page " + p.seq() + " of batch " + p.batchId() + " is " + p.state() + ": left out");
        } else {
          pages.add(p);
        }
      }
      if (pages.isEmpty()) {
        warnings.add("document " + doc.ordinal() + " (" + doc.docType() + ") has no pages");
        continue;
      }
      CatalogueEntry entry = catalogue.entry(doc.docType()).orElse(null);
      boolean numbered = entry == null || entry.numbered();
      String title =
          doc.title() != null && !doc.title().isBlank()
              ? doc.title()
              : entry != null ? entry.title() : doc.docType();
      docs.add(new Doc(doc, entry, title, numbered, numbered ? next : 0, List.copyOf(pages)));
      if (numbered) {
        next += pages.size();
      }
      if (doc.date() != null) {
        first = first == null || doc.date().isBefore(first) ? doc.date() : first;
        last = last == null || doc.date().isAfter(last) ? doc.date() : last;
      }
    }
    if (docs.isEmpty()) {
      throw new ExportException(
          ExportException.Kind.NO_DOCUMENTS,
          "the dossier "
              + d.caseNumber()
              + " has no documents with pages yet: assign its pages to documents first");
    }
    String by = null;
    Instant at = null;
    for (AuditEntry e : store.auditLog()) {
      if ("dossier.approve".equals(e.action())
          && "dossier".equals(e.entityType())
          && Long.toString(d.id()).equals(e.entityId())) {
        by = e.actor();
        at = e.at();
      }
    }
    return new DossierPlan(d, List.copyOf(docs), next - 1, by, at, first, last, warnings);
  }
}
