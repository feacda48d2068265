package com.dossiercapture.app.bench;

import com.dossiercapture.samples.Scorer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Character error rate of any OCR output against the corpus truth, computed by the samples module's
 * {@link Scorer} itself, so every engine gets exactly the normalisation our pipeline is scored
 * with: whitespace removed, pooled per script over pages with printed text, separators left out, a
 * page without output counting as all characters lost.
 */
public final class Cer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Cer() {}

  /**
   * CER per script ({@code simplified}, {@code traditional}) of texts given per page source.
   *
   * @param truth the corpus truth lines
   * @param textBySource OCR text per page {@code source}; a page missing here counts as unread
   */
  public static Map<String, Double> of(List<JsonNode> truth, Map<String, String> textBySource) {
    List<JsonNode> report = new ArrayList<>();
    textBySource.forEach(
        (source, text) -> {
          ObjectNode n = JSON.createObjectNode();
          n.put("source", source);
          n.put("text", text == null ? "" : text);
          report.add(n);
        });
    return Scorer.score(truth, report).cer();
  }

  /**
   * Splits an OCRmyPDF/Tesseract sidecar text into pages: pages are separated by form feeds; the
   * result has exactly {@code pages} entries (missing pages are empty, text after the last expected
   * page is appended to it).
   */
  public static List<String> splitPages(String sidecar, int pages) {
    String[] parts = sidecar.split("\f", -1);
    List<String> out = new ArrayList<>(pages);
    for (int i = 0; i < pages; i++) {
      out.add(i < parts.length ? parts[i] : "");
    }
    if (pages > 0 && parts.length > pages) {
      StringBuilder tail = new StringBuilder(out.get(pages - 1));
      for (int i = pages; i < parts.length; i++) {
        tail.append(parts[i]);
      }
      out.set(pages - 1, tail.toString());
    }
    return out;
  }
}
