package com.dossiercapture.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: writes a synthetic corpus (PNG pages and {@code ground-truth.jsonl}) into a folder.
 *
 * <pre>
 * GenerateCorpus --out DIR --pages N --seed S [--dpi 300] [--damage full|light|none]
 *                [--traditional 0.15]
 * </pre>
 *
 * Exit code 0 on success, 2 for bad arguments, 1 when writing fails.
 */
public final class GenerateCorpus {

  private GenerateCorpus() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dir = null;
    int pages = -1;
    long seed = 1;
    int dpi = 0;
    CorpusGenerator.Damage damage = CorpusGenerator.Damage.FULL;
    double traditional = 0.15;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        if (v == null) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        switch (a) {
          case "--out" -> dir = Path.of(v);
          case "--pages" -> pages = Integer.parseInt(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--dpi" -> dpi = Integer.parseInt(v);
          case "--damage" ->
              damage = CorpusGenerator.Damage.valueOf(v.toUpperCase(java.util.Locale.ROOT));
          case "--traditional" -> traditional = Double.parseDouble(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
        i++;
      }
      if (dir == null || pages < 0) {
        throw new IllegalArgumentException("--out and --pages are required");
      }
      CorpusGenerator.Options options =
          new CorpusGenerator.Options(seed, pages, dpi, damage, traditional);
      long t0 = System.nanoTime();
      int n = write(options, dir);
      out.printf(
          "wrote %d pages and ground-truth.jsonl to %s in %.1f s%n",
          n, dir, (System.nanoTime() - t0) / 1e9);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(
          "usage: GenerateCorpus --out DIR --pages N --seed S [--dpi 200|300]"
              + " [--damage full|light|none] [--traditional 0.15]");
      return 2;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** Generates the corpus into {@code dir}; returns the number of pages written. */
  public static int write(CorpusGenerator.Options options, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    int[] count = {0};
    try (BufferedWriter truth =
        Files.newBufferedWriter(dir.resolve("ground-truth.jsonl"), StandardCharsets.UTF_8)) {
      new CorpusGenerator(options)
          .generate(
              page -> {
                try {
                  ImageFiles.writePng(
                      page.image(), page.truth().dpi(), dir.resolve(page.truth().source()));
                  truth.write(json.writeValueAsString(page.truth()));
                  truth.write('\n');
                  count[0]++;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return count[0];
  }
}
