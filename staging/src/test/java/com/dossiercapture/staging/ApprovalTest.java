package com.dossiercapture.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalTest {

  @TempDir Path dir;

  private static final String CASE = "(2024)湘0602民初1234号";

  @Test
  void documentsFollowCatalogueOrderWhateverOrderTheyAreCreatedIn() {
    try (StagingStore store = StagingStore.open(dir)) {
      Dossier d = store.openDossier(CASE, "岳阳楼区人民法院", "op");
      Documents docs = new Documents(store);
      docs.create(d.id(), "judgment", "民事判决书", LocalDate.of(2024, 5, 1), "arch");
      docs.create(d.id(), "cover", null, null, "arch");
      docs.create(d.id(), "complaint", "起诉状", null, "arch");
      docs.create(d.id(), "judgment", "补正裁定", null, "arch");
      assertThat(docs.list(d.id()))
          .extracting(DossierDocument::docType, DossierDocument::ordinal)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("cover", 1),
              org.assertj.core.groups.Tuple.tuple("complaint", 2),
              org.assertj.core.groups.Tuple.tuple("judgment", 3),
              org.assertj.core.groups.Tuple.tuple("judgment", 4));
      assertThatThrownBy(() -> docs.create(d.id(), "poem", null, null, "arch"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'poem' is not a document type");
    }
  }

  @Test
  void pagesAreAssignedOnceAndOnlyWhenActive() {
    try (StagingStore store = StagingStore.open(dir)) {
      Dossier d = store.openDossier(CASE, null, "op");
      Batch b = store.createBatch(new BatchSpec(d.id(), "op", "ws", null, null));
      Page p1 = store.ingestRaster(b.id(), TestPages.page(200, 300, 1), PageMeta.of("t", 200));
      Page p2 = store.ingestRaster(b.id(), TestPages.page(200, 300, 2), PageMeta.of("t", 200));
      Documents docs = new Documents(store);
      DossierDocument a = docs.create(d.id(), "cover", null, null, "arch");
      DossierDocument j = docs.create(d.id(), "judgment", null, null, "arch");
      docs.assignPages(a.id(), List.of(p1.id()), "arch");
      assertThatThrownBy(() -> docs.assignPages(j.id(), List.of(p1.id()), "arch"))
          .hasMessageContaining("already belongs to document " + a.id());
      store.markDeleted(p2.id(), "op", "blank back");
      assertThatThrownBy(() -> docs.assignPages(j.id(), List.of(p2.id()), "arch"))
          .hasMessageContaining("is deleted");
      assertThat(docs.pages(a.id())).extracting(Page::id).containsExactly(p1.id());
      assertThat(docs.pageBySha256(p2.sha256())).map(Page::id).contains(p2.id());
    }
  }

  @Test
  void incompleteDossiersAreNotApproved() {
    try (StagingStore store = StagingStore.open(dir)) {
      Dossier d = store.openDossier(CASE, null, "op");
      Approval approval = new Approval(store);
      assertThatThrownBy(() -> approval.approve(d.id(), "arch"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("it has no documents");
      new Documents(store).create(d.id(), "cover", null, null, "arch");
      assertThatThrownBy(() -> approval.approve(d.id(), "arch"))
          .hasMessageContaining("document 1 (cover) has no pages");
      assertThat(store.dossier(d.id()).status()).isEqualTo("open");
      assertThat(store.outboxCount("pending")).isZero();
    }
  }

  @Test
  void approvalQueuesOneManifestPerVersionAndSyncConfirmsIt() throws Exception {
    try (StagingStore store = StagingStore.open(dir)) {
      Dossier d = store.openDossier(CASE, "岳阳楼区人民法院", "op");
      Batch b = store.createBatch(new BatchSpec(d.id(), "op", "ws", null, 3));
      Page p1 = store.ingestRaster(b.id(), TestPages.page(200, 300, 1), PageMeta.of("t", 200));
      Page p2 = store.ingestRaster(b.id(), TestPages.page(200, 300, 2), PageMeta.of("t", 200));
      Page p3 = store.ingestRaster(b.id(), TestPages.page(200, 300, 3), PageMeta.of("t", 200));
      Documents docs = new Documents(store);
      DossierDocument j =
          docs.create(d.id(), "judgment", "民事判决书", LocalDate.of(2024, 5, 1), "arch");
      DossierDocument c = docs.create(d.id(), "cover", null, null, "arch");
      docs.assignPages(j.id(), List.of(p3.id(), p2.id()), "arch");
      docs.assignPages(c.id(), List.of(p1.id()), "arch");

      Approval approval = new Approval(store);
      Approval.Approved first = approval.approve(d.id(), "档案员甲");
      assertThat(first.alreadyApproved()).isFalse();
      assertThat(first.dossier().status()).isEqualTo("approved");
      assertThat(first.dossier().version()).isEqualTo(1);
      assertThat(first.outboxItem().idempotencyKey()).isEqualTo("dossier:（2024）湘0602民初1234号:v1");

      JsonNode m = new ObjectMapper().readTree(first.outboxItem().payload());
      assertThat(m.path("schema").asText()).isEqualTo(Approval.MANIFEST_SCHEMA);
      assertThat(m.path("caseNumber").asText()).isEqualTo("（2024）湘0602民初1234号");
      assertThat(m.path("version").asInt()).isEqualTo(1);
      assertThat(m.path("approvedBy").asText()).isEqualTo("档案员甲");
      assertThat(m.path("pageCount").asInt()).isEqualTo(3);
      assertThat(m.path("documents").get(0).path("type").asText()).isEqualTo("cover");
      assertThat(m.path("documents").get(1).path("date").asText()).isEqualTo("2024-05-01");
      assertThat(m.path("documents").get(1).path("pages").findValuesAsText("sha256"))
          .containsExactly(p3.sha256(), p2.sha256());
      assertThat(m.path("audit").findValuesAsText("action")).contains("dossier.approve");

      Approval.Approved again = approval.approve(d.id(), "档案员甲");
      assertThat(again.alreadyApproved()).isTrue();
      assertThat(again.outboxItem().id()).isEqualTo(first.outboxItem().id());
      assertThat(store.outboxCount("pending")).isEqualTo(1);

      approval.recordSynced(first.outboxItem().id(), "receipt-1", "sync");
      assertThat(store.dossier(d.id()).status()).isEqualTo("synced");
      assertThat(store.outboxCount("sent")).isEqualTo(1);
      assertThat(approval.receipt(first.outboxItem().id())).contains("receipt-1");

      Approval.Approved second = approval.approve(d.id(), "档案员乙");
      assertThat(second.dossier().version()).isEqualTo(2);
      assertThat(second.outboxItem().idempotencyKey()).endsWith(":v2");
      assertThat(store.verifyAuditChain()).isEmpty();
    }
  }
}
