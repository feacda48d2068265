package com.dossiercapture.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The small fixed sample batch shipped in this jar ({@code sample-batch/}): two dossiers of
 * synthetic scanned pages with their ground truth, for demos and tests. Regenerate it with {@code
 * GenerateCorpus --out samples/src/main/resources/sample-batch --pages 24 --seed 5 --dpi 200
 * --damage light}.
 */
public final class SampleBatch {

  /** Folder of the batch inside the jar. */
  public static final String FOLDER = "sample-batch/";

  private SampleBatch() {}

  /** The ground truth, one JSON object per page, in batch order. */
  public static List<JsonNode> truth() {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = open("ground-truth.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The page image named {@code source} (e.g. {@code p00003.png}). */
  public static BufferedImage page(String source) {
    try (InputStream in = open(source)) {
      BufferedImage img = ImageIO.read(in);
      if (img == null) {
        throw new IllegalStateException(FOLDER + source + " is not a readable image");
      }
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the batch (images and ground truth) into {@code dir}; returns {@code dir}. */
  public static Path extractTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (InputStream in = open("ground-truth.jsonl")) {
      Files.copy(in, dir.resolve("ground-truth.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    }
    for (JsonNode t : truth()) {
      String source = t.path("source").asText();
      try (InputStream in = open(source)) {
        Files.copy(in, dir.resolve(source), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = SampleBatch.class.getClassLoader().getResourceAsStream(FOLDER + name);
    if (in == null) {
      throw new IOException(FOLDER + name + " is missing from the samples jar");
    }
    return in;
  }
}
