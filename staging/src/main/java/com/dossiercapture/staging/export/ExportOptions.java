package com.dossiercapture.staging.export;

import java.nio.file.Path;
import java.util.List;

/**
 * How an archival export is made. The administrator sets the JPEG quality; everything else has a
 * sensible default.
 *
 * @param jpegQuality quality of grey and colour page images, 0.1–1.0 (bitonal pages are always
 *     CCITT G4, lossless)
 * @param parties the parties (当事人) printed on the cover, empty when unknown
 * @param actor who exports (recorded in the audit log and the metadata)
 * @param fontFile a TrueType font or collection (.ttf/.ttc with glyf outlines) to embed for Chinese
 *     text, or {@code null} to find an installed one (see {@link CjkFonts})
 * @param threads how many threads decode and encode page images, at least 1
 * @param jpegDpi resolution of the per-page JPEG export
 */
public record ExportOptions(
    float jpegQuality,
    List<String> parties,
    String actor,
    Path fontFile,
    int threads,
    int jpegDpi) {

  /** The JPEG quality used when the administrator has not chosen one. */
  public static final float DEFAULT_JPEG_QUALITY = 0.75f;

  public ExportOptions {
    if (!(jpegQuality >= 0.1f && jpegQuality <= 1.0f)) {
      throw new ExportException(
          ExportException.Kind.INVALID_OPTION,
          "JPEG quality " + jpegQuality + " is out of range (0.1 to 1.0)");
    }
    if (threads < 1 || threads > 64) {
      throw new ExportException(
          ExportException.Kind.INVALID_OPTION, "thread count " + threads + " is out of range");
    }
    if (jpegDpi < 50 || jpegDpi > 1200) {
      throw new ExportException(
          ExportException.Kind.INVALID_OPTION, "JPEG resolution " + jpegDpi + " dpi is absurd");
    }
    parties = parties == null ? List.of() : List.copyOf(parties);
    actor = actor == null || actor.isBlank() ? System.getProperty("user.name", "export") : actor;
  }

  /** Defaults: quality 0.75, no parties, the current user, an installed font, all cores. */
  public static ExportOptions defaults() {
    return new ExportOptions(
        DEFAULT_JPEG_QUALITY,
        List.of(),
        null,
        null,
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        300);
  }

  public ExportOptions withJpegQuality(float q) {
    return new ExportOptions(q, parties, actor, fontFile, threads, jpegDpi);
  }

  public ExportOptions withParties(List<String> p) {
    return new ExportOptions(jpegQuality, p, actor, fontFile, threads, jpegDpi);
  }

  public ExportOptions withActor(String a) {
    return new ExportOptions(jpegQuality, parties, a, fontFile, threads, jpegDpi);
  }

  public ExportOptions withFontFile(Path f) {
    return new ExportOptions(jpegQuality, parties, actor, f, threads, jpegDpi);
  }

  public ExportOptions withThreads(int t) {
    return new ExportOptions(jpegQuality, parties, actor, fontFile, t, jpegDpi);
  }
}
