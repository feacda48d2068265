package com.dossiercapture.app.process;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.SeparatorCode;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a processed batch into dossiers and documents in the staging store, as the pipeline decided
 * them: a separator sheet opens the dossier its barcode names (otherwise the batch's own dossier,
 * or the first case number printed on a page); a page that starts a document opens a document of
 * its type; blank pages and separators belong to the batch, not to the dossier. Pages that no
 * dossier claims are reported, never dropped (they stay in the batch for the archivist).
 */
public final class DossierAssembly {

  /**
   * What assembly did.
   *
   * @param dossiers dossiers the batch's pages went into
   * @param documents documents created
   * @param pagesAssigned pages put into documents
   * @param unassigned pages left in the batch because no dossier was known for them
   */
  public record Summary(List<Dossier> dossiers, int documents, int pagesAssigned, int unassigned) {}

  private final StagingStore store;
  private final Catalogue catalogue;

  public DossierAssembly(StagingStore store, Catalogue catalogue) {
    this.store = store;
    this.catalogue = catalogue;
  }

  /** Assembles a batch whose pages have been processed. Run once per batch. */
  public Summary assemble(long batchId, String actor) {
    Batch batch = store.batch(batchId);
    Documents documents = new Documents(store, catalogue);
    Dossier dossier = batch.dossierId() == null ? null : store.dossier(batch.dossierId());
    Map<Long, Dossier> touched = new LinkedHashMap<>();
    Map<DossierDocument, List<Long>> pagesOf = new LinkedHashMap<>();
    List<Page> waiting = new ArrayList<>(); // pages seen before any dossier is known
    DossierDocument current = null;
    int unassigned = 0;
    for (Page page : store.pages(batchId)) {
      if (!page.isActive()) {
        continue;
      }
      Optional<PageResult> result = store.result(page.id());
      if (result.isEmpty() || result.get().error() != null) {
        unassigned++;
        continue;
      }
      PageResult r = result.get();
      if (Boolean.TRUE.equals(r.separator())) {
        Optional<CaseNumber> named = SeparatorCode.parse(r.barcode());
        if (named.isEmpty() && r.caseNumber() != null) {
          named = CaseNumber.parse(r.caseNumber());
        }
        if (named.isPresent()) {
          dossier = store.openDossier(named.get().normalised(), null, actor);
          current = null;
        }
        continue;
      }
      if (Boolean.TRUE.equals(r.blank())) {
        continue;
      }
      if (dossier == null && r.caseNumber() != null) {
        dossier = store.openDossier(r.caseNumber(), null, actor);
      }
      if (dossier == null) {
        waiting.add(page);
        continue;
      }
      if (current == null || Boolean.TRUE.equals(r.documentStart())) {
        current = open(documents, dossier, r.docType(), actor);
        pagesOf.put(current, new ArrayList<>());
        touched.put(dossier.id(), dossier);
      }
      if (!waiting.isEmpty()) {
        // Pages before the first case number belong to the dossier found after them.
        waiting.forEach(p -> pagesOf.values().iterator().next().add(p.id()));
        waiting.clear();
      }
      pagesOf.get(current).add(page.id());
    }
    unassigned += waiting.size();
    int assigned = 0;
    for (var e : pagesOf.entrySet()) {
      try {
        documents.assignPages(e.getKey().id(), e.getValue(), actor);
        assigned += e.getValue().size();
      } catch (StoreException ex) {
        unassigned += e.getValue().size(); // e.g. a page an archivist already placed elsewhere
      }
    }
    return new Summary(List.copyOf(touched.values()), pagesOf.size(), assigned, unassigned);
  }

  private DossierDocument open(Documents documents, Dossier dossier, String docType, String actor) {
    String type = docType != null && catalogue.entry(docType).isPresent() ? docType : "evidence";
    String title = catalogue.entry(type).map(e -> e.title()).orElse(type);
    return documents.create(dossier.id(), type, title, null, actor);
  }
}
