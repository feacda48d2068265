package com.dossiercapture.app.cli;

import com.dossiercapture.app.bench.PipelineBenchmarkCommand;
import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.staging.bench.IngestBenchmark;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code benchmark ...}: measurements that print figures (never part of the test suite). */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    resourceBundle = Messages.BUNDLE,
    subcommands = {
      BenchmarkCommand.Ingest.class,
      PipelineBenchmarkCommand.class,
      BenchmarkOcrCommand.class
    })
public final class BenchmarkCommand {

  /** {@code benchmark ingest}: durable ingest of 300-dpi grey A4 pages. */
  @Command(name = "ingest", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
  public static final class Ingest implements Callable<Integer> {
    @Option(names = "--pages", paramLabel = "N", descriptionKey = "benchmark.pages")
    int pages = 300;

    @Option(names = "--dir", paramLabel = "DIR", descriptionKey = "benchmark.dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Path d = dir != null ? dir : Files.createTempDirectory("dc-ingest-bench");
      PrintStream out = System.out;
      var r = IngestBenchmark.run(d, pages, 10, out);
      IngestBenchmark.print(r, d, out);
      return 0;
    }
  }
}
