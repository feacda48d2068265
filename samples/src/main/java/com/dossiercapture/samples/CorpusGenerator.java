package com.dossiercapture.samples;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.Catalogue;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Generates a batch of realistic synthetic scanned court pages with ground truth: dossiers in
 * catalogue order, each preceded by a separator sheet (QR code with the case number), with blank
 * backs (truly empty, bleed-through, dust), near-empty pages (signature only, seal only,
 * 「（此页无正文）」), simplified and traditional documents, and scan damage. The same options and seed
 * always give the same pages.
 */
public final class CorpusGenerator {

  /** Prefix of the QR payload of a separator sheet; the case number follows. */
  public static final String SEPARATOR_PREFIX = "DC-SEP:";

  /** How hard the scanner is on the pages. */
  public enum Damage {
    /** Skew up to ±8°, turned pages, noise, specks, blur, dark borders, JPEG artefacts. */
    FULL,
    /** The same geometry, specks and blur, but no sensor noise and no JPEG: small PNG files. */
    LIGHT,
    /** Clean upright pages: for tests that need a known-good page. */
    NONE
  }

  /**
   * Generation options.
   *
   * @param seed random seed: same seed, same pages
   * @param pages number of pages to generate
   * @param dpi resolution, or 0 for a mix of 200 and 300 dpi (one per dossier)
   * @param damage scan damage level
   * @param traditionalShare share of documents printed in traditional characters
   */
  public record Options(long seed, int pages, int dpi, Damage damage, double traditionalShare) {
    public Options {
      if (pages < 0) {
        throw new IllegalArgumentException("pages must not be negative: " + pages);
      }
      if (dpi != 0 && (dpi < 72 || dpi > 600)) {
        throw new IllegalArgumentException("dpi must be 0 (mixed) or between 72 and 600: " + dpi);
      }
    }

    /** Full damage, mixed simplified/traditional (15%), at the given resolution. */
    public static Options of(long seed, int pages, int dpi) {
      return new Options(seed, pages, dpi, Damage.FULL, 0.15);
    }
  }

  private static final List<String> SIMPLIFIED_FONTS =
      List.of("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", "AR PL UKai CN");
  private static final List<String> TRADITIONAL_FONTS =
      List.of("Noto Serif CJK TC", "Noto Sans CJK TC", "AR PL UMing TW", "AR PL UKai TW");

  private final Options options;
  private final Random r;
  private final List<String> simplifiedFonts;
  private final List<String> traditionalFonts;
  private int index;
  private BufferedImage lastClean;

  public CorpusGenerator(Options options) {
    this.options = options;
    this.r = new Random(options.seed());
    Set<String> installed =
        new HashSet<>(
            Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
    this.simplifiedFonts = SIMPLIFIED_FONTS.stream().filter(installed::contains).toList();
    this.traditionalFonts = TRADITIONAL_FONTS.stream().filter(installed::contains).toList();
    if (simplifiedFonts.isEmpty() || traditionalFonts.isEmpty()) {
      throw new IllegalStateException(
          "no CJK font is installed, so Chinese pages cannot be drawn: install fonts-noto-cjk"
              + " (apt-get install fonts-noto-cjk); looked for "
              + SIMPLIFIED_FONTS
              + " and "
              + TRADITIONAL_FONTS);
    }
  }

  /** The CJK font families that are installed and used. */
  public List<String> fonts() {
    List<String> all = new ArrayList<>(simplifiedFonts);
    all.addAll(traditionalFonts);
    return all;
  }

  /** Generates all pages, handing each to {@code sink} as soon as it is ready. */
  public void generate(Consumer<GeneratedPage> sink) {
    while (index < options.pages()) {
      dossier(sink);
    }
  }

  /** Generates all pages into a list (for small batches). */
  public List<GeneratedPage> generate() {
    List<GeneratedPage> out = new ArrayList<>();
    generate(out::add);
    return out;
  }

  private boolean full() {
    return index >= options.pages();
  }

  private void dossier(Consumer<GeneratedPage> sink) {
    CaseFacts facts = CaseFacts.random(r);
    int dpi = options.dpi() != 0 ? options.dpi() : (r.nextBoolean() ? 200 : 300);
    separator(facts, dpi, sink);
    for (String type : plan()) {
      if (full()) {
        return;
      }
      document(type, facts, dpi, sink);
    }
  }

  /** The document types of one dossier, in catalogue order, with realistic gaps and repeats. */
  private List<String> plan() {
    List<String> p = new ArrayList<>();
    p.add("cover");
    maybe(p, "contents", 0.1);
    maybe(p, "filing_approval", 0.7);
    p.add("complaint");
    maybe(p, "acceptance_notice", 0.8);
    maybe(p, "fee_notice", 0.6);
    maybe(p, "response_notice", 0.7);
    maybe(p, "evidence_notice", 0.7);
    maybe(p, "defence", 0.5);
    maybe(p, "power_of_attorney", 0.6);
    maybe(p, "identity", 0.6);
    maybe(p, "evidence_list", 0.6);
    int evidence = r.nextInt(4);
    for (int i = 0; i < evidence; i++) {
      p.add("evidence");
    }
    maybe(p, "preservation_application", 0.2);
    maybe(p, "summons", 0.7);
    maybe(p, "hearing_transcript", 0.8);
    if (r.nextDouble() < 0.2) {
      p.add("mediation_record");
      p.add("mediation_agreement");
    } else {
      p.add(r.nextDouble() < 0.85 ? "judgment" : "ruling");
    }
    int receipts = 1 + r.nextInt(2);
    for (int i = 0; i < receipts; i++) {
      p.add("service_receipt");
    }
    maybe(p, "appeal", 0.15);
    maybe(p, "remarks", 0.3);
    return p;
  }

  private void maybe(List<String> p, String type, double probability) {
    if (r.nextDouble() < probability) {
      p.add(type);
    }
  }

  private String font(boolean traditional) {
    List<String> fonts = traditional ? traditionalFonts : simplifiedFonts;
    return fonts.get(r.nextInt(fonts.size()));
  }

  private void separator(CaseFacts facts, int dpi, Consumer<GeneratedPage> sink) {
    String payload = SEPARATOR_PREFIX + facts.caseNumber();
    List<Block> blocks =
        List.of(
            new Block.Space(25),
            new Block.Line("卷宗分隔页", 26f, Block.Align.CENTRE, true),
            new Block.Space(15),
            new Block.QrCode(payload, 45 + r.nextInt(20)),
            new Block.Space(10),
            new Block.Line(facts.caseNumber(), 28f, Block.Align.CENTRE, true),
            new Block.Space(6),
            new Block.Line(facts.courtName(), 16f, Block.Align.CENTRE, false),
            new Block.Space(30),
            new Block.Line("本页为批次控制页，不归入卷宗", 12f, Block.Align.CENTRE, false));
    PageRenderer.RenderedPage page =
        new PageRenderer(dpi, font(false), new Random(r.nextLong())).render(blocks).getFirst();
    emit(page, dpi, "separator", true, false, true, payload, "simplified", sink);
  }

  private void document(String type, CaseFacts facts, int dpi, Consumer<GeneratedPage> sink) {
    boolean traditional = r.nextDouble() < options.traditionalShare();
    List<Block> blocks = DocumentTemplates.blocks(type, facts, r);
    if (traditional) {
      blocks = blocks.stream().map(b -> traditional(b, facts.caseNumber())).toList();
    }
    List<PageRenderer.RenderedPage> pages =
        new PageRenderer(dpi, font(traditional), new Random(r.nextLong())).render(blocks);
    for (int i = 0; i < pages.size() && !full(); i++) {
      emit(
          pages.get(i),
          dpi,
          type,
          i == 0,
          false,
          false,
          null,
          traditional ? "traditional" : "simplified",
          sink);
      if (!full() && r.nextDouble() < 0.1) {
        blank(dpi, sink);
      }
    }
  }

  private static Block traditional(Block b, String caseNumber) {
    return switch (b) {
      case Block.Line l ->
          new Block.Line(
              TraditionalChinese.convert(l.text(), caseNumber), l.pt(), l.align(), l.bold());
      case Block.Paragraph p ->
          new Block.Paragraph(TraditionalChinese.convert(p.text(), caseNumber), p.pt(), p.indent());
      case Block.Table t ->
          new Block.Table(
              t.rows().stream()
                  .map(
                      row ->
                          row.stream().map(c -> TraditionalChinese.convert(c, caseNumber)).toList())
                  .toList(),
              t.pt());
      case Block.Seal s -> new Block.Seal(TraditionalChinese.convert(s.text()));
      default -> b;
    };
  }

  private void blank(int dpi, Consumer<GeneratedPage> sink) {
    int w = (int) Math.round(210 / 25.4 * dpi);
    int h = (int) Math.round(297 / 25.4 * dpi);
    int variant = r.nextInt(3);
    BufferedImage img;
    if (variant == 1 && lastClean != null) {
      img = ScanDamage.bleedThrough(lastClean, 12 + r.nextInt(18));
      if (img.getWidth() != w) {
        img = ScanDamage.toGrey(img);
      }
    } else {
      img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      var g = img.createGraphics();
      int paper = 240 + r.nextInt(16);
      g.setColor(new Color(paper, paper, paper));
      g.fillRect(0, 0, w, h);
      g.dispose();
      if (variant == 2) {
        ScanDamage.specks(img, 5 + r.nextInt(40), 0.3, dpi, r);
      }
    }
    if (options.damage() != Damage.NONE && r.nextDouble() < 0.2) {
      img = ScanDamage.toGrey(ScanDamage.skewOnBacking(img, 0, r));
    }
    if (options.damage() != Damage.NONE) {
      ScanDamage.noise(img, options.damage() == Damage.FULL ? 2 + r.nextDouble() * 6 : 0, r);
    }
    PageTruth t =
        new PageTruth(
            name(),
            index,
            0,
            0,
            true,
            false,
            null,
            Catalogue.BLANK,
            false,
            null,
            "",
            "simplified",
            dpi,
            "blank");
    index++;
    sink.accept(new GeneratedPage(img, t));
  }

  private String name() {
    return String.format("p%05d.png", index + 1);
  }

  private void emit(
      PageRenderer.RenderedPage page,
      int dpi,
      String docType,
      boolean start,
      boolean blank,
      boolean separator,
      String barcode,
      String script,
      Consumer<GeneratedPage> sink) {
    lastClean = page.image();
    String text = String.join("\n", page.lines());
    List<CaseNumber> found = CaseNumber.findAll(text);
    String caseNumber = found.isEmpty() ? null : found.getFirst().normalised();
    boolean nearEmpty = text.replaceAll("\\s", "").length() < 10 && !separator;
    int orientation = 0;
    double skew = 0;
    BufferedImage img = page.image();
    if (options.damage() != Damage.NONE) {
      double p = r.nextDouble();
      skew = p < 0.7 ? (r.nextDouble() * 16 - 8) : p < 0.9 ? (r.nextDouble() * 2 - 1) : 0;
      skew = Math.round(skew * 100) / 100.0;
      double o = r.nextDouble();
      orientation = o < 0.88 ? 0 : o < 0.92 ? 90 : o < 0.96 ? 180 : 270;
      img =
          r.nextDouble() < 0.2
              ? ScanDamage.skewOnBacking(img, skew, r)
              : ScanDamage.skew(img, skew, Color.WHITE);
      img = ScanDamage.rotateClockwise(img, orientation);
      boolean colour = r.nextDouble() < 0.2;
      if (!colour) {
        img = ScanDamage.toGrey(img);
      }
      if (r.nextDouble() < 0.3) {
        img = ScanDamage.blur(img);
      }
      if (!colour) {
        ScanDamage.noise(img, options.damage() == Damage.FULL ? 2 + r.nextDouble() * 8 : 0, r);
      }
      ScanDamage.specks(img, r.nextInt(options.damage() == Damage.FULL ? 150 : 30), 0.2, dpi, r);
      if (options.damage() == Damage.FULL && r.nextDouble() < 0.25) {
        img = ScanDamage.jpeg(img, 0.35f + r.nextFloat() * 0.35f);
      }
    }
    PageTruth t =
        new PageTruth(
            name(),
            index,
            orientation,
            skew,
            blank,
            separator,
            barcode,
            docType,
            start,
            caseNumber,
            text,
            script,
            dpi,
            separator ? "separator" : nearEmpty ? "near_empty" : "content");
    index++;
    sink.accept(new GeneratedPage(img, t));
  }
}
