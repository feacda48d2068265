package com.dossiercapture.sync.receiver;

import com.dossiercapture.sync.api.Api;
import com.dossiercapture.sync.api.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Checks a dossier version manifest against the contract, collecting every problem found. */
final class ManifestCheck {

  static final String SCHEMA = "dossier-capture/manifest@1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestCheck() {}

  /**
   * Returns the page hashes the manifest names, in order.
   *
   * @throws Refusal INVALID_MANIFEST with one entry per problem
   */
  static List<String> check(byte[] bytes, String caseNumber, int version) throws Refusal {
    JsonNode m;
    try {
      m = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Refusal(
          422, ErrorCode.INVALID_MANIFEST, "the manifest is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Refusal(422, ErrorCode.INVALID_MANIFEST, "the manifest cannot be read");
    }
    List<String> problems = new ArrayList<>();
    if (m == null || !m.isObject()) {
      throw new Refusal(422, ErrorCode.INVALID_MANIFEST, "the manifest is not a JSON object");
    }
    if (!SCHEMA.equals(m.path("schema").asText())) {
      problems.add("schema must be " + SCHEMA);
    }
    if (!caseNumber.equals(m.path("caseNumber").asText())) {
      problems.add("caseNumber does not match the path (" + caseNumber + ")");
    }
    if (!m.path("version").isInt() || m.path("version").asInt() != version) {
      problems.add("version does not match the path (" + version + ")");
    }
    if (m.path("approvedBy").asText("").isBlank()) {
      problems.add("approvedBy is missing");
    }
    try {
      Instant.parse(m.path("approvedAt").asText(""));
    } catch (DateTimeParseException e) {
      problems.add("approvedAt is not an ISO-8601 instant");
    }
    List<String> hashes = new ArrayList<>();
    JsonNode docs = m.path("documents");
    if (!docs.isArray() || docs.isEmpty()) {
      problems.add("documents must be a non-empty array");
    } else {
      int expected = 1;
      for (JsonNode d : docs) {
        String where = "documents[" + (expected - 1) + "]";
        if (d.path("ordinal").asInt(-1) != expected) {
          problems.add(where + ".ordinal must be " + expected);
        }
        if (d.path("type").asText("").isBlank()) {
          problems.add(where + ".type is missing");
        }
        if (d.has("date")) {
          try {
            LocalDate.parse(d.path("date").asText());
          } catch (DateTimeParseException e) {
            problems.add(where + ".date is not a date (YYYY-MM-DD)");
          }
        }
        JsonNode pages = d.path("pages");
        if (!pages.isArray() || pages.isEmpty()) {
          problems.add(where + ".pages must be a non-empty array");
        } else {
          int p = 1;
          for (JsonNode page : pages) {
            String pw = where + ".pages[" + (p - 1) + "]";
            if (page.path("ordinal").asInt(-1) != p) {
              problems.add(pw + ".ordinal must be " + p);
            }
            String sha = page.path("sha256").asText("");
            if (!Api.SHA256.matcher(sha).matches()) {
              problems.add(pw + ".sha256 is not a lower-case hex SHA-256");
            } else {
              hashes.add(sha);
            }
            if (page.path("byteSize").asLong(0) <= 0) {
              problems.add(pw + ".byteSize must be positive");
            }
            p++;
          }
        }
        expected++;
      }
    }
    if (m.path("pageCount").asInt(-1) != hashes.size() && problems.isEmpty()) {
      problems.add(
          "pageCount says "
              + m.path("pageCount").asInt(-1)
              + ", the documents hold "
              + hashes.size());
    }
    if (!problems.isEmpty()) {
      throw new Refusal(
          422,
          ErrorCode.INVALID_MANIFEST,
          "the manifest has "
              + problems.size()
              + " problem(s): "
              + problems.getFirst()
              + (problems.size() > 1 ? " …" : ""),
          problems);
    }
    return hashes;
  }
}
