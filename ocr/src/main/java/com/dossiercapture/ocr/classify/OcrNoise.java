package com.dossiercapture.ocr.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes printed text look like Tesseract's reading of a scanned page, for training the
 * document-type model on generated pages without running OCR on them. Rates are drawn per page
 * between clean and the bad end of what the pipeline's reports on generated corpora show (about 13%
 * of characters missed or wrong and 19% of lines lost or mostly garbled): lines dropped (titles,
 * printed large, more often), characters substituted by others seen on the page or deleted, stray
 * table rules ({@code |}) and punctuation inserted, the page cut short.
 */
public final class OcrNoise {

  private static final String STRAY = "|。，:、'\"“”.-_()";

  private final Random r;

  public OcrNoise(long seed) {
    this.r = new Random(seed);
  }

  /** A noisy reading of the printed text (lines joined by newlines). */
  public String apply(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    double level = r.nextDouble(); // 0 clean .. 1 the worst pages
    double dropLine = 0.02 + 0.2 * level;
    double dropTitle = 0.04 + 0.35 * level;
    double sub = 0.01 + 0.12 * level;
    double del = 0.005 + 0.05 * level;
    double ins = 0.005 + 0.03 * level;
    String pool = text.replaceAll("\\s", "");
    String[] lines = text.split("\n");
    int keep = lines.length;
    if (r.nextDouble() < 0.1 * level) {
      keep = Math.max(1, (int) (lines.length * (0.4 + 0.6 * r.nextDouble())));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keep; i++) {
      String l = lines[i];
      boolean titleLike = i < DocumentClassifier.TITLE_LINES && l.strip().length() <= 12;
      if (r.nextDouble() < (titleLike ? dropTitle : dropLine)) {
        continue;
      }
      StringBuilder b = new StringBuilder();
      double s = titleLike && r.nextDouble() < level ? sub * 3 : sub;
      for (int k = 0; k < l.length(); k++) {
        double p = r.nextDouble();
        if (p < del) {
          continue;
        }
        if (p < del + s && !pool.isEmpty()) {
          b.append(pool.charAt(r.nextInt(pool.length())));
        } else {
          b.append(l.charAt(k));
        }
        if (r.nextDouble() < ins) {
          b.append(STRAY.charAt(r.nextInt(STRAY.length())));
        }
      }
      if (!b.isEmpty()) {
        out.add(b.toString());
      }
    }
    return String.join("\n", out);
  }
}
