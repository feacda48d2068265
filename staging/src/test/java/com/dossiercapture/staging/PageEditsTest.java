package com.dossiercapture.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator edits, archivists' corrections and classifier models (schema version 2). */
class PageEditsTest {

  @TempDir Path dir;

  private static List<Long> ids(List<Page> pages) {
    return pages.stream().map(Page::id).toList();
  }

  @Test
  void reorderAndInsertKeepEveryPageAndSurviveReopen() {
    long batchId;
    List<Long> expected;
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("op"));
      batchId = b.id();
      Page p1 = store.ingestRaster(b.id(), TestPages.page(100, 140, 1), PageMeta.of("1", 100));
      Page p2 = store.ingestRaster(b.id(), TestPages.page(100, 140, 2), PageMeta.of("2", 100));
      Page p3 = store.ingestRaster(b.id(), TestPages.page(100, 140, 3), PageMeta.of("3", 100));
      assertThat(ids(store.pages(b.id()))).containsExactly(p1.id(), p2.id(), p3.id());
      // a missed page scanned afterwards and inserted in second place
      Page missed = store.ingestRaster(b.id(), TestPages.page(100, 140, 4), PageMeta.of("m", 100));
      expected = List.of(p1.id(), missed.id(), p2.id(), p3.id());
      store.reorder(b.id(), expected, "op");
      assertThat(ids(store.pages(b.id()))).containsExactlyElementsOf(expected);
      assertThatThrownBy(() -> store.reorder(b.id(), List.of(p1.id(), p2.id()), "op"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("exactly once");
      assertThat(ids(store.pages(b.id()))).containsExactlyElementsOf(expected);
    }
    try (StagingStore store = StagingStore.open(dir)) {
      assertThat(ids(store.pages(batchId))).containsExactlyElementsOf(expected);
      assertThat(store.auditLog()).extracting(AuditEntry::action).contains("batch.reorder");
      assertThat(store.check().ok()).isTrue();
    }
  }

  @Test
  void replacedPageIsKeptMarkedAndItsReplacementTakesItsPlace() {
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("op"));
      Page p1 = store.ingestRaster(b.id(), TestPages.page(100, 140, 1), PageMeta.of("1", 100));
      Page bad = store.ingestRaster(b.id(), TestPages.page(100, 140, 2), PageMeta.of("2", 100));
      Page p3 = store.ingestRaster(b.id(), TestPages.page(100, 140, 3), PageMeta.of("3", 100));
      Page rescan = store.ingestRaster(b.id(), TestPages.page(100, 140, 5), PageMeta.of("r", 100));
      store.replacePage(bad.id(), rescan.id(), "op");
      List<Page> pages = store.pages(b.id());
      assertThat(pages.stream().filter(Page::isActive).map(Page::id))
          .containsExactly(p1.id(), rescan.id(), p3.id());
      Page old = store.page(bad.id());
      assertThat(old.state()).isEqualTo("replaced");
      assertThat(old.replacedBy()).isEqualTo(rescan.id());
      assertThat(store.readOriginal(bad.id())).isNotEmpty();
      assertThatThrownBy(() -> store.replacePage(p1.id(), p1.id(), "op"))
          .isInstanceOf(StoreException.class);

      // Undone (the operator's Ctrl+Z): the old page is active again and points at nothing.
      store.restore(bad.id(), "op");
      Page back = store.page(bad.id());
      assertThat(back.isActive()).isTrue();
      assertThat(back.replacedBy()).isNull();
      assertThat(store.auditLog()).extracting(AuditEntry::action).contains("page.restore");
    }
  }

  @Test
  void rotationIsRecordedWithoutTouchingTheOriginal() {
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("op"));
      Page p = store.ingestRaster(b.id(), TestPages.page(100, 140, 1), PageMeta.of("1", 100));
      store.rotatePage(p.id(), -90, "op");
      assertThat(store.page(p.id()).rotation()).isEqualTo(270);
      assertThat(StagingStore.sha256(store.readOriginal(p.id()))).isEqualTo(p.sha256());
      assertThatThrownBy(() -> store.rotatePage(p.id(), 45, "op"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("quarter");
      assertThat(store.page(p.id()).rotation()).isEqualTo(270);
    }
  }

  @Test
  void correctionsAreKeptAndAudited() {
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("op"));
      Page p = store.ingestRaster(b.id(), TestPages.page(100, 140, 1), PageMeta.of("1", 100));
      store.recordCorrection(p.id(), "docType", "起诉状", "答辩状", "archivist");
      assertThat(store.corrections())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.pageId()).isEqualTo(p.id());
                assertThat(c.newValue()).isEqualTo("答辩状");
              });
      assertThat(store.auditLog()).extracting(AuditEntry::action).contains("page.correct");
      assertThat(store.verifyAuditChain()).isEmpty();
      assertThatThrownBy(() -> store.recordCorrection(9999, "docType", "a", "b", "x"))
          .isInstanceOf(StoreException.class);
      assertThat(store.corrections()).hasSize(1);
    }
  }

  @Test
  void classifierModelsAreVersionedAndHashChecked() throws Exception {
    try (StagingStore store = StagingStore.open(dir)) {
      assertThat(store.latestClassifierModel()).isEmpty();
      store.saveClassifierModel("m1".getBytes(StandardCharsets.UTF_8), 10, "{}", "admin");
      ClassifierModel m2 =
          store.saveClassifierModel("m2".getBytes(StandardCharsets.UTF_8), 20, null, "admin");
      assertThat(m2.version()).isEqualTo(2);
      assertThat(new String(store.latestClassifierModel().orElseThrow().bytes(), "UTF-8"))
          .isEqualTo("m2");
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("staging.db"));
        var s = c.createStatement()) {
      s.execute("UPDATE classifier_model SET bytes = x'00' WHERE version = 2");
    }
    try (StagingStore store = StagingStore.open(dir)) {
      assertThatThrownBy(store::latestClassifierModel)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("version 2");
    }
  }
}
