package com.dossiercapture.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Correction;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.Page;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archivist's corrections and approval on a real store seeded with chosen results. */
class ReviewServiceTest {

  @TempDir Path tmp;
  ReviewFixture f;
  ReviewService service;
  long dossier;

  @BeforeEach
  void seed() throws Exception {
    f = ReviewFixture.seed(tmp.resolve("store"));
    service = new ReviewService(f.store);
    dossier = f.dossier.id();
  }

  @AfterEach
  void close() {
    f.store.close();
  }

  private List<String> types() {
    return new Documents(f.store).list(dossier).stream().map(DossierDocument::docType).toList();
  }

  private List<List<Long>> documentPages() {
    Documents docs = new Documents(f.store);
    return docs.list(dossier).stream()
        .map(d -> docs.pages(d.id()).stream().map(Page::id).toList())
        .toList();
  }

  private List<Long> ids(int... n) {
    return java.util.Arrays.stream(n).mapToObj(i -> f.page(i)).toList();
  }

  @Test
  void loadsPagesInScanOrderAndDocumentsInCatalogueOrder() {
    DossierReview r = service.load(dossier);
    assertThat(r.pages())
        .extracting(ReviewPage::id)
        .containsExactlyElementsOf(ids(1, 2, 3, 4, 5, 6, 7));
    assertThat(r.documents())
        .extracting(d -> d.document().docType())
        .containsExactly("cover", "complaint", "evidence", "judgment");
    ReviewDocument complaint = r.documents().get(1);
    assertThat(complaint.pageIds()).containsExactlyElementsOf(ids(2, 3));
    assertThat(complaint.firstPage()).isEqualTo(2);
    assertThat(complaint.lastPage()).isEqualTo(3);
    assertThat(complaint.confidence()).isEqualTo(0.87);
    assertThat(complaint.date()).isEqualTo(java.time.LocalDate.of(2024, 3, 1));
    assertThat(r.page(f.page(6)).orElseThrow().documentId()).isNull();
    assertThat(r.page(f.page(2)).orElseThrow().fields().plaintiffs()).containsExactly("张三");
    assertThat(service.queue())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.pages()).isEqualTo(7);
              assertThat(q.documents()).isEqualTo(4);
              assertThat(q.toReview()).isEqualTo(2);
            });
  }

  @Test
  void changingTheTypeRetypesTheWholeDocumentRecordsCorrectionsAndReordersTheCatalogue() {
    var o = service.changeType(dossier, f.page(5), "defence", "archivist");
    assertThat(o.applied()).isTrue();
    assertThat(types()).containsExactly("cover", "complaint", "defence", "judgment");
    assertThat(f.store.result(f.page(4)).orElseThrow().docType()).isEqualTo("defence");
    assertThat(f.store.result(f.page(5)).orElseThrow().docType()).isEqualTo("defence");
    assertThat(f.store.corrections())
        .extracting(
            Correction::pageId, Correction::field, Correction::oldValue, Correction::newValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(f.page(4), "docType", "evidence", "defence"),
            org.assertj.core.groups.Tuple.tuple(f.page(5), "docType", "evidence", "defence"));
    assertThat(f.store.isReviewed(f.page(5))).isTrue();
    assertThat(f.store.isReviewed(f.page(4))).isFalse();
    assertThat(f.store.auditLog()).anyMatch(a -> a.action().equals("document.regroup"));
    assertThat(service.changeType(dossier, f.page(5), "nonsense", "archivist").messageKey())
        .isEqualTo("review.refused.unknownType");
  }

  @Test
  void splitStartsANewDocumentAndMergeJoinsThePreviousOne() {
    var split = service.split(dossier, f.page(3), "archivist");
    assertThat(split.applied()).isTrue();
    assertThat(documentPages()).contains(ids(2), ids(3));
    assertThat(types()).containsExactly("cover", "complaint", "complaint", "evidence", "judgment");
    assertThat(f.store.result(f.page(3)).orElseThrow().documentStart()).isTrue();
    assertThat(service.split(dossier, f.page(3), "archivist").messageKey())
        .isEqualTo("review.refused.alreadyStarts");

    var merge = service.merge(dossier, f.page(5), "archivist");
    assertThat(merge.applied()).isTrue();
    assertThat(documentPages()).contains(ids(3, 4, 5));
    assertThat(types()).containsExactly("cover", "complaint", "complaint", "judgment");
    assertThat(f.store.result(f.page(4)).orElseThrow().docType()).isEqualTo("complaint");
    assertThat(f.store.result(f.page(4)).orElseThrow().documentStart()).isFalse();
    assertThat(f.store.corrections())
        .extracting(Correction::pageId, Correction::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(f.page(3), "documentStart"),
            org.assertj.core.groups.Tuple.tuple(f.page(4), "documentStart"),
            org.assertj.core.groups.Tuple.tuple(f.page(4), "docType"),
            org.assertj.core.groups.Tuple.tuple(f.page(5), "docType"));
    assertThat(service.merge(dossier, f.page(1), "archivist").messageKey())
        .isEqualTo("review.refused.firstDocument");
    assertThat(service.merge(dossier, f.page(6), "archivist").messageKey())
        .isEqualTo("review.refused.notContent");
  }

  @Test
  void blankingTheFirstPageOfADocumentMovesTheStartAndUnblankingRestoresAPage() {
    assertThat(service.toggleBlank(dossier, f.page(2), "archivist").applied()).isTrue();
    assertThat(documentPages()).contains(ids(3)).noneMatch(l -> l.contains(f.page(2)));
    assertThat(types()).containsExactly("cover", "complaint", "evidence", "judgment");
    assertThat(f.store.result(f.page(3)).orElseThrow().documentStart()).isTrue();

    assertThat(service.toggleBlank(dossier, f.page(6), "archivist").applied()).isTrue();
    assertThat(documentPages()).contains(ids(4, 5, 6));
    assertThat(f.store.result(f.page(6)).orElseThrow().docType()).isEqualTo("evidence");
    assertThat(f.store.corrections())
        .extracting(Correction::pageId, Correction::field, Correction::newValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple(f.page(2), "blank", "true"),
            org.assertj.core.groups.Tuple.tuple(f.page(3), "documentStart", "true"),
            org.assertj.core.groups.Tuple.tuple(f.page(6), "blank", "false"),
            org.assertj.core.groups.Tuple.tuple(f.page(6), "docType", "evidence"));
  }

  @Test
  void caseNumbersAreValidatedNormalisedAndCheckedAcrossPages() {
    assertThat(service.fixCaseNumber(dossier, f.page(7), "not a case", "archivist").messageKey())
        .isEqualTo("review.refused.caseNumber");
    assertThat(f.store.corrections()).isEmpty();

    service.fixCaseNumber(dossier, f.page(7), "(2024)湘0602民初999号", "archivist");
    var r = f.store.result(f.page(7)).orElseThrow();
    assertThat(r.caseNumber()).isEqualTo("（2024）湘0602民初999号");
    assertThat(r.caseNumberPrinted()).isEqualTo("(2024)湘0602民初999号");
    assertThat(f.store.corrections())
        .singleElement()
        .satisfies(c -> assertThat(c.field()).isEqualTo("caseNumber"));
    assertThat(service.check(service.load(dossier)))
        .extracting(ApprovalCheck::code)
        .contains("caseNumber");

    service.fixCaseNumber(dossier, f.page(7), ReviewFixture.CASE, "archivist");
    assertThat(service.check(service.load(dossier)))
        .extracting(ApprovalCheck::code)
        .doesNotContain("caseNumber");
  }

  @Test
  void nextToReviewVisitsUncheckedLowConfidencePagesInOrder() {
    DossierReview r = service.load(dossier);
    assertThat(service.nextToReview(r, f.page(1))).map(ReviewPage::id).contains(f.page(4));
    assertThat(service.nextToReview(r, f.page(4))).map(ReviewPage::id).contains(f.page(5));
    assertThat(service.nextToReview(r, f.page(7))).map(ReviewPage::id).contains(f.page(4));
    service.accept(dossier, f.page(4), "archivist");
    service.accept(dossier, f.page(5), "archivist");
    assertThat(service.nextToReview(service.load(dossier), f.page(1))).isEmpty();
  }

  @Test
  void approvalIsRefusedWhileALowConfidencePageIsUncheckedAndGoesThroughTheStoreOnceChecked() {
    var refused = service.approve(dossier, "archivist");
    assertThat(refused.approved()).isNull();
    assertThat(refused.failed())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.code()).isEqualTo("lowConfidence");
              assertThat(c.args()).containsExactly("4–5", "70%");
            });
    assertThat(f.store.outboxCount("pending")).isZero();

    service.accept(dossier, f.page(4), "archivist");
    // a later correction re-saves the page's result: the page stays checked
    service.changeType(dossier, f.page(5), "evidence_list", "archivist");
    assertThat(f.store.isReviewed(f.page(4))).isTrue();
    var ok = service.approve(dossier, "archivist");
    assertThat(ok.failed()).isEmpty();
    assertThat(ok.approved().dossier().status()).isEqualTo("approved");
    assertThat(new Approval(f.store).outbox("pending"))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.dossierId()).isEqualTo(dossier);
              assertThat(item.payload())
                  .contains("\"evidence_list\"")
                  .contains("\"reviewed\":true");
            });
  }

  @Test
  void aDossierWithoutDocumentsOrWithUnprocessedPagesIsNotApproved() throws Exception {
    var d = f.store.openDossier("（2024）湘0602民初77号", null, "operator");
    var b =
        f.store.createBatch(
            new com.dossiercapture.staging.BatchSpec(d.id(), "op", "ws", null, null));
    f.store.ingestRaster(
        b.id(),
        new java.awt.image.BufferedImage(100, 140, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
        com.dossiercapture.staging.PageMeta.of("x.png", 150));
    var out = service.approve(d.id(), "archivist");
    assertThat(out.failed())
        .extracting(ApprovalCheck::code)
        .containsExactly("noDocuments", "unclassified", "lowConfidence");
  }
}
