package com.dossiercapture.app.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the page report: one JSON object per line, flushed as each page finishes. */
public final class ReportWriter implements BatchProcessor.Listener, AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private final BufferedWriter out;

  public ReportWriter(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void pageDone(BatchProcessor.PageReport report) {
    try {
      out.write(JSON.writeValueAsString(report.fields()));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report", e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
