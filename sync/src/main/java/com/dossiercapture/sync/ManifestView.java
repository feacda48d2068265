package com.dossiercapture.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sender needs from a queued manifest: its case number, version and distinct pages.
 *
 * @param pages distinct pages in manifest order
 */
record ManifestView(String caseNumber, int version, List<PageRef> pages) {

  /** A page the manifest names. */
  record PageRef(String sha256, long byteSize, String mediaType) {}

  static ManifestView parse(String payload) {
    JsonNode m;
    try {
      m = Replies.JSON.readTree(payload);
    } catch (IOException e) {
      throw new SyncException(
          SyncException.Kind.LOCAL, "the queued manifest is not JSON: " + e.getMessage());
    }
    String cn = m.path("caseNumber").asText("");
    int v = m.path("version").asInt(0);
    if (cn.isEmpty() || v < 1) {
      throw new SyncException(
          SyncException.Kind.LOCAL, "the queued manifest lacks its case number or version");
    }
    Map<String, PageRef> pages = new LinkedHashMap<>();
    for (JsonNode d : m.path("documents")) {
      for (JsonNode p : d.path("pages")) {
        String sha = p.path("sha256").asText("");
        pages.putIfAbsent(
            sha,
            new PageRef(
                sha,
                p.path("byteSize").asLong(0),
                p.path("mediaType").asText("application/octet-stream")));
      }
    }
    return new ManifestView(cn, v, new ArrayList<>(pages.values()));
  }

  long totalBytes() {
    return pages.stream().mapToLong(PageRef::byteSize).sum();
  }
}
