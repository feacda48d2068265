package com.dossiercapture.staging.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param files the files written, in order
 * @param scannedPages how many scanned pages were exported
 * @param numberedPages how many of them carry a page number
 * @param totalPages pages in the PDF including the generated cover, contents and remarks (0 for a
 *     JPEG export)
 * @param bytes total size of the files written
 * @param millis how long it took
 * @param warnings things the archivist should know (e.g. characters no embedded font can show)
 */
public record ExportResult(
    List<Path> files,
    int scannedPages,
    int numberedPages,
    int totalPages,
    long bytes,
    long millis,
    List<String> warnings) {

  public ExportResult {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }
}
