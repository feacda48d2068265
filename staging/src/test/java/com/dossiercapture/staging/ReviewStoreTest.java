package com.dossiercapture.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's part of the archivist's review: the reviewed mark and regrouping documents. */
class ReviewStoreTest {

  @TempDir Path dir;

  private static PageResult result(String type, boolean start) {
    return new PageResult(
        0, 0.0, false, false, null, type, 0.9, start, null, null, "t", null, null, Map.of(), null);
  }

  @Test
  void reviewedMarkIsAuditedAndClearedByANewResult() {
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("op"));
      Page p = store.ingestRaster(b.id(), TestPages.page(100, 140, 1), PageMeta.of("1", 100));
      assertThatThrownBy(() -> store.markReviewed(p.id(), true, "archivist"))
          .isInstanceOf(StoreException.class)
          .extracting(e -> ((StoreException) e).kind())
          .isEqualTo(StoreException.Kind.NOT_FOUND);
      store.saveResult(p.id(), result("judgment", true));
      assertThat(store.isReviewed(p.id())).isFalse();
      store.markReviewed(p.id(), true, "archivist");
      assertThat(store.isReviewed(p.id())).isTrue();
      assertThat(store.auditLog())
          .anySatisfy(
              a -> {
                assertThat(a.action()).isEqualTo("page.review");
                assertThat(a.actor()).isEqualTo("archivist");
              });
      store.saveResult(p.id(), result("ruling", true));
      assertThat(store.isReviewed(p.id())).isFalse();
      assertThat(store.verifyAuditChain()).isEmpty();
    }
  }

  @Test
  void regroupReplacesADossiersDocumentsAtOnceOrNotAtAll() {
    try (StagingStore store = StagingStore.open(dir)) {
      Dossier d = store.openDossier("（2024）湘0602民初1234号", null, "op");
      Dossier other = store.openDossier("（2024）湘0602民初9号", null, "op");
      Batch b = store.createBatch(BatchSpec.of("op"));
      Page p1 = store.ingestRaster(b.id(), TestPages.page(100, 140, 1), PageMeta.of("1", 100));
      Page p2 = store.ingestRaster(b.id(), TestPages.page(100, 140, 2), PageMeta.of("2", 100));
      Page p3 = store.ingestRaster(b.id(), TestPages.page(100, 140, 3), PageMeta.of("3", 100));
      Page p4 = store.ingestRaster(b.id(), TestPages.page(100, 140, 4), PageMeta.of("4", 100));
      Documents docs = new Documents(store);
      var first = docs.create(d.id(), "judgment", "民事判决书", null, "op");
      docs.assignPages(first.id(), List.of(p1.id(), p2.id(), p3.id()), "op");
      var elsewhere = docs.create(other.id(), "cover", null, null, "op");
      docs.assignPages(elsewhere.id(), List.of(p4.id()), "op");

      var now =
          docs.regroup(
              d.id(),
              List.of(
                  new Documents.Group("judgment", "民事判决书", null, List.of(p2.id(), p3.id())),
                  new Documents.Group("complaint", "民事起诉状", null, List.of(p1.id()))),
              "archivist");
      assertThat(now).extracting(DossierDocument::docType).containsExactly("complaint", "judgment");
      assertThat(now).extracting(DossierDocument::ordinal).containsExactly(1, 2);
      assertThat(docs.pages(now.get(1).id()))
          .extracting(Page::id)
          .containsExactly(p2.id(), p3.id());
      assertThat(docs.list(other.id())).hasSize(1);

      // refused, and nothing changes: unknown type, a page twice, another dossier's page
      for (List<Documents.Group> bad :
          List.of(
              List.of(new Documents.Group("nonsense", null, null, List.of(p1.id()))),
              List.of(new Documents.Group("judgment", null, null, List.of(p1.id(), p1.id()))),
              List.of(new Documents.Group("judgment", null, null, List.of(p1.id(), p4.id()))))) {
        assertThatThrownBy(() -> docs.regroup(d.id(), bad, "archivist"))
            .isInstanceOf(StoreException.class);
        assertThat(docs.list(d.id()))
            .extracting(DossierDocument::docType)
            .containsExactly("complaint", "judgment");
      }
      store.markDeleted(p3.id(), "op", "duplicate");
      assertThatThrownBy(
              () ->
                  docs.regroup(
                      d.id(),
                      List.of(new Documents.Group("judgment", null, null, List.of(p3.id()))),
                      "archivist"))
          .hasMessageContaining("deleted");
      assertThat(store.auditLog()).extracting(AuditEntry::action).contains("document.regroup");
      assertThat(store.check().ok()).isTrue();
    }
  }
}
