package com.dossiercapture.app.bench;

import com.dossiercapture.samples.CorpusGenerator;
import com.dossiercapture.samples.GenerateCorpus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark pipeline}: the speed comparisons in one go on the same pages (see {@link
 * PipelineBenchmark}). Exit 0 after measuring (with {@code --check}: 1 when a target was missed), 2
 * for bad arguments.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, resourceBundle = BenchMessages.BUNDLE)
public final class PipelineBenchmarkCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "DIR", descriptionKey = "bench.corpus")
  Path corpus;

  @Option(names = "--pages", paramLabel = "N", descriptionKey = "bench.pages")
  int pages = 40;

  @Option(names = "--seed", paramLabel = "S", descriptionKey = "bench.seed")
  long seed = 9090;

  @Option(names = "--workers", paramLabel = "N", descriptionKey = "bench.workers")
  int workers = 2;

  @Option(names = "--only", paramLabel = "LIST", descriptionKey = "bench.only")
  String only = "speed,ocrmypdf,latency";

  @Option(names = "--rate", paramLabel = "PPM", descriptionKey = "bench.rate")
  double rate = 60;

  @Option(names = "--latency-pages", paramLabel = "N", descriptionKey = "bench.latencyPages")
  int latencyPages = 0;

  @Option(names = "--memory-pages", paramLabel = "N", descriptionKey = "bench.memoryPages")
  int memoryPages = 1000;

  @Option(names = "--tesseract-lang", paramLabel = "LANG", descriptionKey = "bench.tesseractLang")
  String tesseractLang = "chi_sim";

  @Option(names = "--json", paramLabel = "FILE", descriptionKey = "bench.json")
  Path json;

  @Option(names = "--work", paramLabel = "DIR", descriptionKey = "bench.work")
  Path work;

  @Option(names = "--check", descriptionKey = "bench.check")
  boolean check;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<PipelineBenchmark.Section> sections;
    try {
      sections = PipelineBenchmark.parseSections(only);
    } catch (IllegalArgumentException e) {
      err.println(BenchMessages.get("bench.badSection", e.getMessage()));
      return 2;
    }
    if (workers < 1 || workers > 64 || !(rate > 0) || pages < 1 || memoryPages < 1) {
      err.println(BenchMessages.get("bench.badNumbers"));
      return 2;
    }
    if (corpus != null && !Files.isDirectory(corpus)) {
      err.println(BenchMessages.get("bench.noCorpus", corpus));
      return 2;
    }
    boolean throwAway = work == null;
    Path workDir = throwAway ? Files.createTempDirectory("dc-pipeline-bench-") : work;
    try {
      Path dir = corpus;
      if (dir == null) {
        dir = workDir.resolve("corpus");
        long t0 = System.nanoTime();
        int n =
            GenerateCorpus.write(
                new CorpusGenerator.Options(seed, pages, 0, CorpusGenerator.Damage.FULL, 0.15),
                dir);
        out.println(
            BenchMessages.get("bench.generated", n, seed, (System.nanoTime() - t0) / 1e9, dir));
      }
      PipelineBenchmark bench =
          new PipelineBenchmark(
              new PipelineBenchmark.Options(
                  dir, workDir, workers, sections, rate, latencyPages, memoryPages, tesseractLang),
              out);
      PipelineBenchmark.Results r = bench.run();
      ResultsTable.print(r, out);
      if (json != null) {
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
        out.println(BenchMessages.get("bench.jsonWritten", json));
      }
      if (!throwAway) {
        out.println(BenchMessages.get("bench.workKept", workDir));
      }
      out.flush();
      if (check) {
        List<String> missed = ResultsTable.missedTargets(r);
        missed.forEach(m -> out.println(BenchMessages.get("bench.missed", m)));
        out.flush();
        return missed.isEmpty() ? 0 : 1;
      }
      return 0;
    } finally {
      if (throwAway) {
        PipelineBenchmark.deleteTree(workDir);
      }
    }
  }
}
