package com.dossiercapture.app.review;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.domain.SeparatorCode;
import com.dossiercapture.ocr.classify.FieldExtractor;
import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The archivist's verification work on the staging store (no JavaFX): the queue of dossiers, a
 * dossier's pages and documents, and every correction — accept, retype, split, merge, blank, fix
 * the case number — each recorded with {@link StagingStore#recordCorrection} (the classifier's
 * training signal), written into the page's result, and followed by regrouping the dossier's
 * documents by the rule batch assembly uses ({@link DocumentGrouping}). Approval runs {@link
 * ApprovalChecks} and then the same {@link Approval} the {@code approve} command uses.
 *
 * <p>Calls block on the store: call them off the FX thread. Not thread-safe: use one thread.
 */
public final class ReviewService {

  /** Default confidence below which a page must be checked before approval. */
  public static final double DEFAULT_THRESHOLD = 0.7;

  /** Correction field names (kept for retraining). */
  public static final String DOC_TYPE = "docType";

  public static final String DOCUMENT_START = "documentStart";
  public static final String BLANK = "blank";
  public static final String CASE_NUMBER = "caseNumber";

  /** A dossier in the archivist's queue. */
  public record QueueEntry(
      Dossier dossier, List<Long> batchIds, int pages, int documents, int toReview) {}

  /**
   * What a correction did.
   *
   * @param messageKey a review bundle key saying why nothing changed, or {@code null} when it was
   *     applied
   */
  public record Outcome(DossierReview review, String messageKey, List<Object> args) {
    public Outcome {
      args = List.copyOf(args);
    }

    public boolean applied() {
      return messageKey == null;
    }
  }

  /** What an approval attempt did: the failed checks, or the approval. */
  public record ApprovalOutcome(List<ApprovalCheck> failed, Approval.Approved approved) {
    public ApprovalOutcome {
      failed = List.copyOf(failed);
    }
  }

  private final StagingStore store;
  private final Catalogue catalogue;
  private final Documents documents;
  private final ApprovalChecks checks;

  public ReviewService(StagingStore store) {
    this(store, Catalogue.loadDefault(), DEFAULT_THRESHOLD);
  }

  public ReviewService(StagingStore store, Catalogue catalogue, double threshold) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.documents = new Documents(store, catalogue);
    this.checks = new ApprovalChecks(catalogue, threshold);
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public ApprovalChecks checks() {
    return checks;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** Dossiers to review (open and submitted first, then the others), with what is left to do. */
  public List<QueueEntry> queue() {
    Placement placement = placement();
    List<QueueEntry> out = new ArrayList<>();
    for (Dossier d : store.dossiers()) {
      DossierReview r = load(d, placement);
      int toReview = (int) r.pages().stream().filter(checks::needsReview).count();
      List<Long> batches =
          r.pages().stream().map(p -> p.page().batchId()).distinct().sorted().toList();
      out.add(new QueueEntry(d, batches, r.pages().size(), r.documents().size(), toReview));
    }
    out.sort(
        java.util.Comparator.comparingInt(
            (QueueEntry e) ->
                switch (e.dossier().status()) {
                  case "open", "submitted" -> 0;
                  default -> 1;
                }));
    return out;
  }

  /** A dossier's pages in scan order and its documents in catalogue order. */
  public DossierReview load(long dossierId) {
    return load(store.dossier(dossierId), placement());
  }

  /** The next page after {@code afterPageId} (wrapping round) that still needs a look. */
  public Optional<ReviewPage> nextToReview(DossierReview r, Long afterPageId) {
    int n = r.pages().size();
    int start = afterPageId == null ? -1 : r.indexOf(afterPageId);
    for (int k = 1; k <= n; k++) {
      ReviewPage p = r.pages().get(Math.floorMod(start + k, n));
      if (checks.needsReview(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The failed approval checks of a dossier, empty when it may be approved. */
  public List<ApprovalCheck> check(DossierReview r) {
    return checks.check(r);
  }

  // -------------------------------------------------------------------------------------------
  // Corrections

  /** Accepts a page as it is (marks it checked). */
  public Outcome accept(long dossierId, long pageId, String actor) {
    ReviewPage p = require(load(dossierId), pageId);
    if (p.result() == null) {
      return refused(dossierId, "review.refused.unprocessed");
    }
    store.markReviewed(pageId, true, actor);
    return applied(dossierId);
  }

  /**
   * Gives the document holding the page another catalogue type: every page of that document gets it
   * (a correction each where it changes). A page in no document changes alone.
   */
  public Outcome changeType(long dossierId, long pageId, String docType, String actor) {
    if (docType == null || catalogue.entry(docType).isEmpty()) {
      return refused(dossierId, "review.refused.unknownType", String.valueOf(docType));
    }
    DossierReview r = load(dossierId);
    ReviewPage p = require(r, pageId);
    if (!p.processed()) {
      return refused(dossierId, "review.refused.unprocessed");
    }
    List<Long> targets = r.documentOf(pageId).map(ReviewDocument::pageIds).orElse(List.of(pageId));
    for (long id : targets) {
      ReviewPage t = require(r, id);
      if (!docType.equals(t.docType())) {
        store.recordCorrection(id, DOC_TYPE, t.docType(), docType, actor);
        save(t, with(t.result(), docType, null, null, null, null), actor);
      }
    }
    store.markReviewed(pageId, true, actor);
    return regroup(dossierId, r, actor);
  }

  /** Starts a new document at this page (of the page's own type). */
  public Outcome split(long dossierId, long pageId, String actor) {
    DossierReview r = load(dossierId);
    ReviewPage p = require(r, pageId);
    if (!p.content()) {
      return refused(dossierId, "review.refused.notContent");
    }
    Optional<ReviewDocument> doc = r.documentOf(pageId);
    if (doc.isPresent() && doc.get().pageIds().getFirst() == pageId) {
      return refused(dossierId, "review.refused.alreadyStarts");
    }
    store.recordCorrection(
        pageId, DOCUMENT_START, String.valueOf(p.documentStart()), "true", actor);
    save(p, with(p.result(), null, true, null, null, null), actor);
    store.markReviewed(pageId, true, actor);
    return regroup(dossierId, r, actor);
  }

  /**
   * Merges the document holding the page into the document before it (in scan order); its pages
   * take that document's type.
   */
  public Outcome merge(long dossierId, long pageId, String actor) {
    DossierReview r = load(dossierId);
    ReviewPage p = require(r, pageId);
    Optional<ReviewDocument> doc = r.documentOf(pageId);
    if (!p.content() || doc.isEmpty()) {
      return refused(dossierId, "review.refused.notContent");
    }
    long first = doc.get().pageIds().getFirst();
    ReviewPage previous = null;
    for (int i = r.indexOf(first) - 1; i >= 0; i--) {
      ReviewPage q = r.pages().get(i);
      if (q.content() && q.documentId() != null) {
        previous = q;
        break;
      }
    }
    if (previous == null) {
      return refused(dossierId, "review.refused.firstDocument");
    }
    String type = r.documentOf(previous.id()).orElseThrow().document().docType();
    ReviewPage f = require(r, first);
    store.recordCorrection(
        first, DOCUMENT_START, String.valueOf(f.documentStart()), "false", actor);
    save(f, with(f.result(), null, false, null, null, null), actor);
    for (long id : doc.get().pageIds()) {
      ReviewPage t = require(r, id);
      if (!type.equals(t.docType())) {
        store.recordCorrection(id, DOC_TYPE, t.docType(), type, actor);
        save(t, with(store.result(id).orElseThrow(), type, null, null, null, null), actor);
      }
    }
    store.markReviewed(pageId, true, actor);
    return regroup(dossierId, r, actor);
  }

  /**
   * Marks a page blank (it leaves its document; the next page starts the document when this one
   * did) or restores a blank page into the documents.
   */
  public Outcome toggleBlank(long dossierId, long pageId, String actor) {
    DossierReview r = load(dossierId);
    ReviewPage p = require(r, pageId);
    if (!p.processed() || p.separator()) {
      return refused(dossierId, "review.refused.unprocessed");
    }
    boolean blank = !p.blank();
    store.recordCorrection(pageId, BLANK, String.valueOf(p.blank()), String.valueOf(blank), actor);
    if (blank) {
      Optional<ReviewDocument> doc = r.documentOf(pageId);
      if (doc.isPresent()
          && doc.get().pageIds().getFirst() == pageId
          && doc.get().pageIds().size() > 1) {
        long nextId = doc.get().pageIds().get(1);
        ReviewPage next = require(r, nextId);
        store.recordCorrection(
            nextId, DOCUMENT_START, String.valueOf(next.documentStart()), "true", actor);
        save(next, with(next.result(), null, true, null, null, null), actor);
      }
      save(p, with(p.result(), null, null, true, null, null), actor);
    } else {
      String type = p.docType();
      if (type == null || catalogue.entry(type).isEmpty()) {
        type = DocumentGrouping.FALLBACK_TYPE;
        for (int i = r.indexOf(pageId) - 1; i >= 0; i--) {
          ReviewPage q = r.pages().get(i);
          if (q.content()) {
            type = DocumentGrouping.typeOf(q.docType(), catalogue);
            break;
          }
        }
        store.recordCorrection(pageId, DOC_TYPE, p.docType(), type, actor);
      }
      save(p, with(p.result(), type, null, false, null, null), actor);
    }
    store.markReviewed(pageId, true, actor);
    return regroup(dossierId, r, actor);
  }

  /**
   * Sets the case number of a page, as typed (kept as printed) and normalised.
   *
   * @return refused with {@code review.refused.caseNumber} when the text is not a case number
   */
  public Outcome fixCaseNumber(long dossierId, long pageId, String typed, String actor) {
    Optional<CaseNumber> cn = CaseNumber.parse(typed == null ? "" : typed.strip());
    if (cn.isEmpty()) {
      return refused(dossierId, "review.refused.caseNumber", String.valueOf(typed));
    }
    DossierReview r = load(dossierId);
    ReviewPage p = require(r, pageId);
    if (!p.processed()) {
      return refused(dossierId, "review.refused.unprocessed");
    }
    String old = p.result().caseNumber();
    if (!cn.get().normalised().equals(old)) {
      store.recordCorrection(pageId, CASE_NUMBER, old, cn.get().normalised(), actor);
    }
    save(p, with(p.result(), null, null, null, cn.get().normalised(), cn.get().printed()), actor);
    store.markReviewed(pageId, true, actor);
    return applied(dossierId);
  }

  /**
   * Approves the dossier when every check passes, through the same {@link Approval} the {@code
   * approve} command uses (manifest, new version, outbox for sync).
   */
  public ApprovalOutcome approve(long dossierId, String actor) {
    List<ApprovalCheck> failed = checks.check(load(dossierId));
    if (!failed.isEmpty()) {
      return new ApprovalOutcome(failed, null);
    }
    try {
      return new ApprovalOutcome(
          List.of(), new Approval(store, catalogue).approve(dossierId, actor));
    } catch (StoreException e) {
      return new ApprovalOutcome(
          List.of(new ApprovalCheck("refused", List.of(e.getMessage()))), null);
    }
  }

  // -------------------------------------------------------------------------------------------

  private Outcome regroup(long dossierId, DossierReview before, String actor) {
    DossierReview now = load(dossierId);
    Map<Long, DossierDocument> old = new HashMap<>();
    for (ReviewDocument d : before.documents()) {
      old.put(d.pageIds().getFirst(), d.document());
    }
    documents.regroup(dossierId, DocumentGrouping.group(now.pages(), catalogue, old), actor);
    return new Outcome(load(dossierId), null, List.of());
  }

  private Outcome applied(long dossierId) {
    return new Outcome(load(dossierId), null, List.of());
  }

  private Outcome refused(long dossierId, String key, Object... args) {
    return new Outcome(load(dossierId), key, List.of(args));
  }

  private static ReviewPage require(DossierReview r, long pageId) {
    return r.page(pageId)
        .orElseThrow(
            () ->
                new StoreException(
                    StoreException.Kind.NOT_FOUND,
                    "page " + pageId + " is not in dossier " + r.dossier().caseNumber()));
  }

  /** Saves a corrected result; saving clears the reviewed mark, so it is set again. */
  private void save(ReviewPage p, PageResult corrected, String actor) {
    store.saveResult(p.id(), corrected);
    if (p.reviewed()) {
      store.markReviewed(p.id(), true, actor);
    }
  }

  /** A copy of a result with the given fields replaced (null keeps the old value). */
  static PageResult with(
      PageResult r,
      String docType,
      Boolean documentStart,
      Boolean blank,
      String caseNumber,
      String caseNumberPrinted) {
    String type = docType != null ? docType : r.docType();
    return new PageResult(
        r.orientation(),
        r.skewDegrees(),
        blank != null ? blank : r.blank(),
        r.separator(),
        r.barcode(),
        type,
        r.docTypeConfidence(),
        documentStart != null ? documentStart : r.documentStart(),
        caseNumber != null ? caseNumber : r.caseNumber(),
        caseNumberPrinted != null ? caseNumberPrinted : r.caseNumberPrinted(),
        r.text(),
        r.wordsJson(),
        r.warningsJson(),
        r.ms(),
        r.error());
  }

  /** Which document (and dossier) each page is in, over the whole store. */
  private record Placement(
      Map<Long, DossierDocument> documentOfPage, Map<Long, List<Long>> pagesOf) {}

  private Placement placement() {
    Map<Long, DossierDocument> documentOfPage = new HashMap<>();
    Map<Long, List<Long>> pagesOf = new HashMap<>();
    for (Dossier d : store.dossiers()) {
      for (DossierDocument doc : documents.list(d.id())) {
        List<Long> ids = documents.pages(doc.id()).stream().map(Page::id).toList();
        pagesOf.put(doc.id(), ids);
        ids.forEach(id -> documentOfPage.put(id, doc));
      }
    }
    return new Placement(documentOfPage, pagesOf);
  }

  /**
   * The dossier's pages: walking each batch that feeds it in scan order as assembly does, a page
   * belongs to the dossier of its document; a page in no document (blank, unprocessed) belongs to
   * the dossier of the pages around it — the batch's own dossier, the one a separator sheet names,
   * or the one of the last page placed in a document.
   */
  private DossierReview load(Dossier d, Placement placement) {
    List<ReviewPage> pages = new ArrayList<>();
    Map<Long, ReviewPage> byId = new LinkedHashMap<>();
    List<Batch> batches = new ArrayList<>(store.batches());
    batches.sort(java.util.Comparator.comparingLong(Batch::id));
    for (Batch b : batches) {
      List<Page> batchPages = store.pages(b.id());
      boolean feeds =
          Objects.equals(b.dossierId(), d.id())
              || batchPages.stream()
                  .anyMatch(
                      p -> {
                        DossierDocument doc = placement.documentOfPage().get(p.id());
                        return doc != null && doc.dossierId() == d.id();
                      });
      if (!feeds) {
        continue;
      }
      Long current = b.dossierId();
      for (Page p : batchPages) {
        if (!p.isActive()) {
          continue;
        }
        PageResult result = store.result(p.id()).orElse(null);
        DossierDocument doc = placement.documentOfPage().get(p.id());
        if (doc != null) {
          current = doc.dossierId();
        } else if (result != null && Boolean.TRUE.equals(result.separator())) {
          Optional<String> named =
              SeparatorCode.parse(result.barcode())
                  .map(CaseNumber::normalised)
                  .or(() -> Optional.ofNullable(result.caseNumber()));
          current = named.flatMap(store::findDossier).map(Dossier::id).orElse(current);
          continue;
        }
        if (current == null || current != d.id()) {
          continue;
        }
        ReviewPage rp =
            new ReviewPage(
                p,
                result,
                result != null && store.isReviewed(p.id()),
                doc == null ? null : doc.id(),
                FieldExtractor.extract(result == null ? null : result.text()));
        pages.add(rp);
        byId.put(p.id(), rp);
      }
    }
    List<ReviewDocument> docs = new ArrayList<>();
    for (DossierDocument doc : documents.list(d.id())) {
      List<Long> ids = placement.pagesOf().getOrDefault(doc.id(), List.of());
      int first = Integer.MAX_VALUE;
      int last = 0;
      Double confidence = null;
      java.time.LocalDate date = doc.date();
      for (long id : ids) {
        int at = pages.indexOf(byId.get(id)) + 1;
        if (at > 0) {
          first = Math.min(first, at);
          last = Math.max(last, at);
        }
        ReviewPage rp = byId.get(id);
        if (rp != null && rp.confidence() != null) {
          confidence = confidence == null ? rp.confidence() : Math.min(confidence, rp.confidence());
        }
        if (doc.date() == null && rp != null && rp.fields().documentDate() != null) {
          date = rp.fields().documentDate();
        }
      }
      docs.add(
          new ReviewDocument(
              doc, ids, first == Integer.MAX_VALUE ? 0 : first, last, confidence, date));
    }
    return new DossierReview(d, pages, docs);
  }
}
