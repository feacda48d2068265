package com.dossiercapture.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The pieces of the pipeline benchmark whose arithmetic could be wrong. */
class BenchPiecesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode truth(String source, String text, String script) {
    var n = JSON.createObjectNode();
    n.put("source", source);
    n.put("text", text);
    n.put("script", script);
    n.put("docType", "judgment");
    n.put("separator", false);
    n.put("blank", false);
    return n;
  }

  @Test
  void cerIgnoresWhitespaceAndCountsCjkEditsPerScript() {
    List<JsonNode> truth =
        List.of(
            truth("a.png", "民事判决书\n本院认为", "simplified"), // 9 characters
            truth("b.png", "民事判決書", "traditional")); // 5 characters
    Map<String, String> got = new LinkedHashMap<>();
    got.put("a.png", "民 事 判 决 书\n\n本院认力"); // Tesseract-style spaces; 为→力 is one error
    got.put("b.png", "民事判决"); // 決→决 substituted, 書 lost: two errors
    Map<String, Double> cer = Cer.of(truth, got);
    assertThat(cer.get("simplified")).isCloseTo(1 / 9.0, within(1e-9));
    assertThat(cer.get("traditional")).isCloseTo(2 / 5.0, within(1e-9));
  }

  @Test
  void aPageWithoutOutputLosesAllItsCharacters() {
    List<JsonNode> truth =
        List.of(truth("a.png", "裁定书", "simplified"), truth("b.png", "判决书", "simplified"));
    Map<String, Double> cer = Cer.of(truth, Map.of("a.png", "裁定书"));
    assertThat(cer.get("simplified")).isCloseTo(3 / 6.0, within(1e-9));
  }

  @Test
  void sidecarSplitsOnFormFeeds() {
    assertThat(Cer.splitPages("第一页\f第二页\f", 2)).containsExactly("第一页", "第二页");
    assertThat(Cer.splitPages("甲\f\f丙\f", 3)).containsExactly("甲", "", "丙");
    assertThat(Cer.splitPages("甲\f乙", 3)).containsExactly("甲", "乙", "");
    assertThat(Cer.splitPages("甲\f乙\f丙", 2)).containsExactly("甲", "乙丙");
    assertThat(Cer.splitPages("", 1)).containsExactly("");
  }

  @Test
  void sidecarPagesScoreAgainstTheirOwnTruth() {
    List<JsonNode> truth =
        List.of(truth("p1.png", "起诉状", "simplified"), truth("p2.png", "答辩状", "simplified"));
    List<String> pages = Cer.splitPages("起诉状\n\f答辩 状\n\f", 2);
    Map<String, String> got = new LinkedHashMap<>();
    got.put("p1.png", pages.get(0));
    got.put("p2.png", pages.get(1));
    assertThat(Cer.of(truth, got).get("simplified")).isZero();
  }

  @Test
  void percentilesAreNearestRank() {
    List<Integer> v = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      v.add(101 - i); // unsorted on purpose
    }
    assertThat(Stats.percentile(v, 50)).isEqualTo(50);
    assertThat(Stats.percentile(v, 95)).isEqualTo(95);
    assertThat(Stats.percentile(v, 100)).isEqualTo(100);
    assertThat(Stats.percentile(List.of(7.0), 95)).isEqualTo(7.0);
    assertThat(Stats.percentile(List.of(1, 2, 3), 50)).isEqualTo(2);
    assertThat(Stats.percentile(List.of(), 50)).isNaN();
    assertThat(Stats.max(List.of(3, 9, 1))).isEqualTo(9);
  }

  @Test
  void slopeIsLeastSquares() {
    assertThat(Stats.slope(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16}))
        .isCloseTo(2, within(1e-12));
    assertThat(Stats.slope(new double[] {0, 1, 2}, new double[] {5, 5, 5})).isZero();
    assertThat(Stats.slope(new double[] {1}, new double[] {1})).isNaN();
    assertThat(Stats.slope(new double[] {2, 2}, new double[] {1, 3})).isNaN();
    assertThat(Stats.perMinute(30, 30_000_000_000L)).isCloseTo(60, within(1e-9));
  }

  @Test
  void memoryTrendUsesTheLastHalfAndTheStatedLimits() {
    // Warm-up growth in the first half, flat afterwards: flat.
    List<Memory.Sample> warm =
        List.of(
            new Memory.Sample(0, 20, 256, 300),
            new Memory.Sample(250, 200, 256, 900),
            new Memory.Sample(500, 210, 256, 950),
            new Memory.Sample(750, 210.5, 256, 951),
            new Memory.Sample(1000, 211, 256, 952));
    Memory.Trend t = Memory.trend(warm);
    assertThat(t.heapSlope()).isCloseTo(0.2, within(1e-9)); // 1 MB over the last 500 pages
    assertThat(t.rssSlope()).isCloseTo(0.4, within(1e-9));
    assertThat(t.nativeSlope()).isCloseTo(0.4, within(1e-9));
    assertThat(t.flat()).isTrue();
    // 3 MB of heap per 100 pages: a leak.
    List<Memory.Sample> leak =
        List.of(
            new Memory.Sample(0, 100, 256, 500),
            new Memory.Sample(500, 115, 256, 500),
            new Memory.Sample(1000, 130, 256, 500));
    assertThat(Memory.trend(leak).heapSlope()).isCloseTo(3, within(1e-9));
    assertThat(Memory.trend(leak).flat()).isFalse();
    // Native growth shows only in RSS.
    List<Memory.Sample> nativeLeak =
        List.of(
            new Memory.Sample(0, 100, 256, 500),
            new Memory.Sample(500, 100, 256, 600),
            new Memory.Sample(1000, 100, 256, 700));
    assertThat(Memory.trend(nativeLeak).flat()).isFalse();
    // The JVM committing more heap moves RSS without a leak: judged outside the heap, still flat.
    List<Memory.Sample> commit =
        List.of(
            new Memory.Sample(0, 100, 256, 600),
            new Memory.Sample(500, 100, 512, 856),
            new Memory.Sample(1000, 100, 1024, 1368));
    assertThat(Memory.trend(commit).rssSlope()).isGreaterThan(50);
    assertThat(Memory.trend(commit).nativeSlope()).isCloseTo(0, within(1e-9));
    assertThat(Memory.trend(commit).flat()).isTrue();
    assertThat(Memory.trend(List.of(new Memory.Sample(0, 1, 256, 1))).flat()).isFalse();
    assertThat(Memory.parseKb("VmRSS:\t  123456 kB")).isEqualTo(123456);
  }

  /** A clock that only moves when the scheduler sleeps (or the test says so). */
  static final class FakeClock implements ArrivalScheduler.Clock {
    long now = 5_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps.add(nanos);
      now += nanos;
    }
  }

  @Test
  void arrivalsComeAtTheRequestedRate() throws Exception {
    FakeClock clock = new FakeClock();
    ArrivalScheduler s = new ArrivalScheduler(clock, 60);
    assertThat(s.periodNanos()).isEqualTo(1_000_000_000L);
    long start = clock.now;
    List<Long> due = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      due.add(s.awaitArrival(i));
      clock.now += 200_000_000L; // staging the page takes 0.2 s
    }
    for (int i = 0; i < 5; i++) {
      assertThat(due.get(i)).isEqualTo(start + i * 1_000_000_000L);
    }
    assertThat(clock.sleeps)
        .containsExactly(800_000_000L, 800_000_000L, 800_000_000L, 800_000_000L);
  }

  @Test
  void aLateHandOverKeepsItsScheduledArrival() throws Exception {
    FakeClock clock = new FakeClock();
    ArrivalScheduler s = new ArrivalScheduler(clock, 120); // every 0.5 s
    long start = s.awaitArrival(0);
    clock.now += 1_700_000_000L; // the pipeline was full for 1.7 s
    assertThat(s.awaitArrival(1)).isEqualTo(start + 500_000_000L); // no sleep: already late
    assertThat(s.awaitArrival(2)).isEqualTo(start + 1_000_000_000L);
    assertThat(s.awaitArrival(3)).isEqualTo(start + 1_500_000_000L);
    assertThat(clock.sleeps).isEmpty();
    assertThat(s.awaitArrival(4)).isEqualTo(start + 2_000_000_000L);
    assertThat(clock.sleeps).containsExactly(300_000_000L);
    assertThatThrownBy(() -> new ArrivalScheduler(clock, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void taggedPngKeepsItsPixelsButNotItsHash() throws Exception {
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSample(3, 4, 0, 200);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ImageIO.write(img, "png", b);
    byte[] png = b.toByteArray();
    byte[] tagged = PngTag.tag(png, "dc-bench-cycle", "7");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    assertThat(sha.digest(tagged)).isNotEqualTo(sha.digest(png));
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(tagged));
    assertThat(back.getWidth()).isEqualTo(40);
    assertThat(back.getRaster().getSample(3, 4, 0)).isEqualTo(200);
    assertThat(back.getRaster().getSample(0, 0, 0)).isZero();
    assertThat(PngTag.tag(png, "dc-bench-cycle", "8")).isNotEqualTo(tagged);
    assertThatThrownBy(() -> PngTag.tag(new byte[40], "k", "v"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sectionsParse() {
    assertThat(PipelineBenchmark.parseSections("speed, latency"))
        .containsExactly(PipelineBenchmark.Section.SPEED, PipelineBenchmark.Section.LATENCY);
    assertThatThrownBy(() -> PipelineBenchmark.parseSections("speed,fast"))
        .hasMessageContaining("fast");
    assertThatThrownBy(() -> PipelineBenchmark.parseSections(","))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ocrmypdfIsRunWithTheIssuesOptions() {
    assertThat(
            String.join(
                " ",
                PipelineBenchmark.ocrmypdfCommand(
                    "ocrmypdf",
                    2,
                    java.nio.file.Path.of("in.pdf"),
                    java.nio.file.Path.of("out.pdf"),
                    java.nio.file.Path.of("s.txt"))))
        .isEqualTo(
            "ocrmypdf --deskew --rotate-pages -l chi_sim+chi_tra -j 2 --sidecar s.txt in.pdf"
                + " out.pdf");
  }

  @Test
  void thePdfHoldsThePagesLosslesslyAtTheirSize(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    BufferedImage img = new BufferedImage(600, 900, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 900; y++) {
      for (int x = 0; x < 600; x++) {
        img.getRaster().setSample(x, y, 0, (x * 7 + y * 13) & 0xff);
      }
    }
    java.nio.file.Path png = tmp.resolve("p.png");
    ImageIO.write(img, "png", png.toFile());
    java.nio.file.Path pdf = tmp.resolve("p.pdf");
    PagesPdf.write(List.of(new PagesPdf.Page(png, 200), new PagesPdf.Page(png, 300)), pdf);
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(216f, within(0.01f));
      assertThat(doc.getPage(1).getMediaBox().getHeight()).isCloseTo(216f, within(0.01f));
      var res = doc.getPage(0).getResources();
      var x =
          (org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject)
              res.getXObject(res.getXObjectNames().iterator().next());
      assertThat(x.getColorSpace().getName()).isEqualTo("DeviceGray");
      assertThat(x.getBitsPerComponent()).isEqualTo(8);
      var back = x.getRawRaster(); // the samples as stored, before any colour conversion
      for (int y = 0; y < 900; y++) {
        for (int xx = 0; xx < 600; xx++) {
          assertThat(back.getSample(xx, y, 0)).isEqualTo(img.getRaster().getSample(xx, y, 0));
        }
      }
    }
  }
}
