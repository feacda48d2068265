package com.dossiercapture.ocr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Measures the pipeline on a folder of page images (e.g. a corpus from {@code GenerateCorpus}):
 * runs N workers, each with its own {@link PagePipeline}, writes a page report in the
 * process-report.md format, and prints pages per minute. Score the report with the samples module's
 * {@code Scorer}.
 *
 * <pre>BatchBenchmark --input DIR --report REPORT.jsonl [--workers 2] [--limit N] [--dpi 300]</pre>
 *
 * This is a measuring tool, not the product's {@code process} command (that one stages pages
 * durably first); the resolution comes from the PNG's pHYs chunk, else {@code --dpi}.
 */
public final class BatchBenchmark {

  private BatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the benchmark; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Path input = null;
    Path report = null;
    int workers = 2;
    int limit = Integer.MAX_VALUE;
    int defaultDpi = 300;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--input" -> input = Path.of(args[i + 1]);
        case "--report" -> report = Path.of(args[i + 1]);
        case "--workers" -> workers = Integer.parseInt(args[i + 1]);
        case "--limit" -> limit = Integer.parseInt(args[i + 1]);
        case "--dpi" -> defaultDpi = Integer.parseInt(args[i + 1]);
        default -> {
          err.println("error: unknown option " + args[i]);
          return 2;
        }
      }
    }
    if (input == null || report == null || !Files.isDirectory(input)) {
      err.println(
          "usage: BatchBenchmark --input DIR --report REPORT.jsonl [--workers 2] [--limit N]"
              + " [--dpi 300]");
      return 2;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(input)) {
      files =
          s.filter(p -> p.getFileName().toString().matches("(?i).*\\.(png|jpe?g|tiff?)"))
              .sorted()
              .limit(limit)
              .toList();
    }
    PipelineSettings settings = PipelineSettings.defaults();
    ThreadLocal<PagePipeline> pipelines = ThreadLocal.withInitial(() -> new PagePipeline(settings));
    List<PagePipeline> all = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long t0 = System.nanoTime();
    List<Future<Object>> futures = new ArrayList<>();
    final int dpiFallback = defaultDpi;
    for (Path f : files) {
      futures.add(
          pool.submit(
              () -> {
                PagePipeline p = pipelines.get();
                if (!all.contains(p)) {
                  all.add(p);
                }
                try {
                  int[] dpi = {dpiFallback};
                  BufferedImage img = read(f, dpi);
                  long s = System.nanoTime();
                  PageAnalysis a = p.analyze(img, dpi[0]);
                  return new Object[] {a, (System.nanoTime() - s) / 1_000_000};
                } catch (Exception | OutOfMemoryError e) {
                  return e.getClass().getSimpleName() + ": " + e.getMessage();
                }
              }));
    }
    ObjectMapper json = new ObjectMapper();
    DocumentAssembler assembler = new DocumentAssembler();
    int failed = 0;
    try (BufferedWriter w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      for (int i = 0; i < files.size(); i++) {
        Object r = futures.get(i).get();
        ObjectNode line = json.createObjectNode();
        line.put("source", files.get(i).getFileName().toString());
        line.put("index", i);
        if (r instanceof String error) {
          failed++;
          line.put("error", error);
        } else {
          PageAnalysis a = (PageAnalysis) ((Object[]) r)[0];
          DocumentAssembler.Decision d = assembler.next(a);
          line.put("orientation", a.orientation());
          line.put("skewDegrees", a.skewDegrees());
          line.put("blank", a.blank());
          line.put("separator", a.separator());
          line.put("barcode", a.barcode());
          line.put("docType", d.docType());
          line.put("docTypeConfidence", Math.round(d.docTypeConfidence() * 100) / 100.0);
          line.put("documentStart", d.documentStart());
          line.put("caseNumber", a.caseNumber());
          line.put("text", a.text());
          line.putPOJO("warnings", a.warnings());
          ObjectNode ms = line.putObject("ms");
          a.ms().forEach(ms::put);
          ms.put("total", (Long) ((Object[]) r)[1]);
        }
        w.write(json.writeValueAsString(line));
        w.write('\n');
        w.flush();
      }
    } finally {
      pool.shutdown();
      pool.close();
      all.forEach(PagePipeline::close);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    out.printf(
        Locale.ROOT,
        "%d pages (%d failed) in %.1f s with %d workers: %.1f pages/min%n",
        files.size(),
        failed,
        secs,
        workers,
        files.size() / secs * 60);
    return failed == 0 ? 0 : 3;
  }

  /** Reads an image; sets dpi[0] from the PNG/JPEG resolution metadata when present. */
  static BufferedImage read(Path file, int[] dpi) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(file.getFileName() + " is not an image format this build can read");
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in);
        IIOMetadata meta = r.getImageMetadata(0);
        if (meta != null && meta.isStandardMetadataFormatSupported()) {
          Element root = (Element) meta.getAsTree("javax_imageio_1.0");
          NodeList n = root.getElementsByTagName("HorizontalPixelSize");
          if (n.getLength() > 0) {
            double mmPerPx = Double.parseDouble(((Element) n.item(0)).getAttribute("value"));
            if (mmPerPx > 0) {
              int d = (int) Math.round(25.4 / mmPerPx);
              if (d >= 50 && d <= 1200) {
                dpi[0] = d;
              }
            }
          }
        }
        return r.read(0);
      } finally {
        r.dispose();
      }
    }
  }
}
