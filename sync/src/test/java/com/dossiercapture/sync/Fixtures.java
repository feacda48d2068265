package com.dossiercapture.sync;

import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.OutboxItem;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.sync.receiver.ReceiverStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test dossiers: small page images in real staging stores, approved and queued. */
final class Fixtures {

  private Fixtures() {}

  static final String[] TYPES = {
    "cover", "complaint", "evidence", "hearing_transcript", "judgment"
  };

  /** A unique little page (200×300 grey with noise), about 20–40 KB as PNG. */
  static BufferedImage page(long seed) {
    BufferedImage img = new BufferedImage(200, 300, BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    Random r = new Random(seed);
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (r.nextInt(10) == 0 ? r.nextInt(256) : 235 + r.nextInt(20));
    }
    return img;
  }

  /** Case number number {@code n}, normalised. */
  static String caseNumber(int n) {
    return "（2024）湘0602民初" + (1000 + n) + "号";
  }

  /**
   * Makes {@code dossiers} dossiers of {@code pagesEach} pages in five documents each, and approves
   * them.
   */
  static List<OutboxItem> approvedDossiers(
      StagingStore store, int dossiers, int pagesEach, int seed) {
    List<OutboxItem> out = new ArrayList<>();
    Documents docs = new Documents(store);
    Approval approval = new Approval(store);
    for (int d = 0; d < dossiers; d++) {
      Dossier dossier = store.openDossier(caseNumber(seed * 100 + d), "岳阳楼区人民法院", "op");
      Batch b = store.createBatch(new BatchSpec(dossier.id(), "op", "ws-1", "test", pagesEach));
      List<Long> ids = new ArrayList<>();
      for (int p = 0; p < pagesEach; p++) {
        Page page =
            store.ingestRaster(
                b.id(), page(seed * 1_000_000L + d * 1000L + p), PageMeta.of("test:" + p, 200));
        ids.add(page.id());
      }
      int perDoc = Math.max(1, pagesEach / TYPES.length);
      int at = 0;
      for (int t = 0; t < TYPES.length && at < ids.size(); t++) {
        int to = t == TYPES.length - 1 ? ids.size() : Math.min(ids.size(), at + perDoc);
        DossierDocument doc =
            docs.create(dossier.id(), TYPES[t], null, LocalDate.of(2024, 1, 1 + t), "arch");
        docs.assignPages(doc.id(), ids.subList(at, to), "arch");
        at = to;
      }
      out.add(approval.approve(dossier.id(), "档案员").outboxItem());
    }
    return out;
  }

  /** A free loopback port (closed again; good enough for a test). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /**
   * Checks that the receiver holds exactly these versions, each committed once with the queued
   * manifest byte for byte and every page present with its hash; returns the number of pages.
   */
  static int assertReceivedExactlyOnce(Path receiverData, List<OutboxItem> items) throws Exception {
    ReceiverStore rs = new ReceiverStore(receiverData);
    List<ReceiverStore.Commit> commits = rs.commits();
    if (commits.size() != items.size()) {
      throw new AssertionError(
          "expected " + items.size() + " commits, the receiver logged " + commits.size());
    }
    ObjectMapper json = new ObjectMapper();
    int pages = 0;
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (OutboxItem item : items) {
      JsonNode m = json.readTree(item.payload());
      String cn = m.path("caseNumber").asText();
      int v = m.path("version").asInt();
      if (!keys.add(cn + "#" + v)) {
        throw new AssertionError("duplicate item " + cn);
      }
      long n = commits.stream().filter(c -> c.caseNumber().equals(cn) && c.version() == v).count();
      if (n != 1) {
        throw new AssertionError(cn + " v" + v + " committed " + n + " times");
      }
      byte[] stored = rs.manifest(cn, v).orElseThrow();
      if (!java.util.Arrays.equals(stored, item.payload().getBytes(StandardCharsets.UTF_8))) {
        throw new AssertionError(cn + ": the stored manifest differs from the approved one");
      }
      for (JsonNode sha : m.findValues("sha256")) {
        Path f = rs.pagePath(sha.asText());
        String actual =
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        if (!actual.equals(sha.asText())) {
          throw new AssertionError("page " + sha.asText() + " stored with hash " + actual);
        }
        pages++;
      }
    }
    if (rs.pageCount() != pages) {
      throw new AssertionError(
          "the receiver holds " + rs.pageCount() + " pages, expected " + pages);
    }
    return pages;
  }
}
