package com.dossiercapture.staging.export;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.DossierDocument;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small dossier in a real store for export tests: 100-dpi A4 pages (grey, bitonal, colour, one
 * scanned sideways), documents in catalogue order, OCR results with word boxes built here.
 */
final class ExportFixture {

  static final String CASE = "（2024）湘0602民初1234号";
  static final String COURT = "湖南省岳阳市岳阳楼区人民法院";
  static final int DPI = 100;
  static final int W = 827;
  static final int H = 1169;

  /** One scanned page of the fixture, with the text its OCR result carries. */
  record Scanned(Page page, String text) {}

  final StagingStore store;
  final Dossier dossier;
  final List<String> bookmarks = new ArrayList<>();
  final List<Scanned> pagesInOrder = new ArrayList<>();

  private ExportFixture(StagingStore store, Dossier dossier) {
    this.store = store;
    this.dossier = dossier;
  }

  /**
   * The standard fixture: a scanned cover (unnumbered), a complaint (2 pages: word boxes as lines,
   * and one scanned sideways), evidence (colour, plain text only), a judgment (bitonal, flat word
   * boxes), approved by 王芳.
   */
  static ExportFixture standard(StagingStore store) {
    Dossier d = store.openDossier(CASE, COURT, "tester");
    ExportFixture f = new ExportFixture(store, d);
    long batch = store.createBatch(new BatchSpec(d.id(), "扫描员李明", "ws-1", "default", 7)).id();
    Documents docs = new Documents(store);

    // Created out of catalogue order on purpose: the export must follow the catalogue.
    DossierDocument judgment =
        docs.create(d.id(), "judgment", null, LocalDate.of(2024, 6, 30), "tester");
    DossierDocument complaint =
        docs.create(d.id(), "complaint", null, LocalDate.of(2024, 3, 1), "tester");
    DossierDocument evidence = docs.create(d.id(), "evidence", "借款合同及转账记录", null, "tester");
    DossierDocument cover = docs.create(d.id(), "cover", null, null, "tester");

    String coverText = "湖南省岳阳市岳阳楼区人民法院\n诉讼卷宗";
    Page pc = f.grey(batch, 1);
    store.saveResult(pc.id(), result(0, coverText, linesJson(coverText)));
    docs.assignPages(cover.id(), List.of(pc.id()), "tester");

    String c1 =
        "民事起诉状\n原告：张三，男，1980年5月1日出生\n被告：Hunan Xiangjiang Trading Co. Ltd.\n诉讼请求：判令被告偿还借款100000元";
    String c2 = "事实与理由：2023年1月原告借给被告人民币十万元\n此致\n岳阳市岳阳楼区人民法院";
    Page p1 = f.grey(batch, 2);
    store.saveResult(p1.id(), result(0, c1, linesJson(c1)));
    Page p2 = f.sideways(batch);
    store.saveResult(p2.id(), result(90, c2, linesJson(c2)));
    docs.assignPages(complaint.id(), List.of(p1.id(), p2.id()), "tester");

    String e1 = "借款合同\n甲方：张三；乙方：湖南湘江贸易有限公司";
    Page pe = f.colour(batch);
    store.saveResult(pe.id(), result(0, e1, null));
    docs.assignPages(evidence.id(), List.of(pe.id()), "tester");

    String j1 =
        "湖南省岳阳市岳阳楼区人民法院\n民事判决书\n（2024）湘0602民初1234号\n原告张三与被告 Hunan Xiangjiang Trading Co. Ltd. 民间借贷纠纷一案";
    String j2 = "判决如下：\n被告于本判决生效之日起十日内偿还原告借款100000元。\n审判员 赵六";
    Page pj1 = f.bitonal(batch, 5);
    store.saveResult(pj1.id(), result(0, j1, flatJson(j1)));
    Page pj2 = f.bitonal(batch, 6);
    store.saveResult(pj2.id(), result(0, j2, flatJson(j2)));
    docs.assignPages(judgment.id(), List.of(pj1.id(), pj2.id()), "tester");

    f.pagesInOrder.add(new Scanned(pc, coverText));
    f.pagesInOrder.add(new Scanned(p1, c1));
    f.pagesInOrder.add(new Scanned(p2, c2));
    f.pagesInOrder.add(new Scanned(pe, e1));
    f.pagesInOrder.add(new Scanned(pj1, j1));
    f.pagesInOrder.add(new Scanned(pj2, j2));
    f.bookmarks.addAll(List.of("卷宗封面", "卷内目录", "卷宗封面", "民事起诉状", "借款合同及转账记录", "民事判决书", "卷内备考表"));
    new Approval(store).approve(d.id(), "档案员王芳");
    return f;
  }

  static PageResult result(int orientation, String text, String wordsJson) {
    return new PageResult(
        orientation,
        0.0,
        false,
        false,
        null,
        null,
        null,
        null,
        CASE,
        CASE,
        text,
        wordsJson,
        null,
        Map.of(),
        null);
  }

  // -------------------------------------------------------------------------------------------
  // Word boxes as an OCR engine would report them (pixels of the upright page)

  /** Tokens of a line as an engine returns them: runs of ≤ 3 CJK characters, Latin words. */
  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean curCjk = false;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == ' ') {
        if (!cur.isEmpty()) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        continue;
      }
      boolean cjk = TextLayer.isCjk(cp);
      if (!cur.isEmpty() && (cjk != curCjk || (cjk && cur.codePointCount(0, cur.length()) >= 3))) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      curCjk = cjk;
      cur.appendCodePoint(cp);
    }
    if (!cur.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String wordJson(String t, int x, int y, int w, int h, Integer line) {
    String esc = t.replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"text\":\""
        + esc
        + "\",\"box\":{\"x\":"
        + x
        + ",\"y\":"
        + y
        + ",\"width\":"
        + w
        + ",\"height\":"
        + h
        + "},\"confidence\":0.9"
        + (line == null ? "" : ",\"line\":" + line)
        + "}";
  }

  private static List<String> lineWords(String line, int row, Integer lineIndex) {
    List<String> words = new ArrayList<>();
    int x = 60;
    int y = 80 + row * 48;
    for (String t : tokens(line)) {
      int w = 0;
      for (int i = 0; i < t.length(); ) {
        int cp = t.codePointAt(i);
        i += Character.charCount(cp);
        w += TextLayer.isCjk(cp) ? 22 : 12;
      }
      words.add(wordJson(t, x, y, w, 24, lineIndex));
      x += w + (TextLayer.isCjk(t.codePointAt(0)) ? 3 : 10);
    }
    return words;
  }

  /** The {"lines":[{"text","words"}]} shape. */
  static String linesJson(String text) {
    List<String> lines = new ArrayList<>();
    String[] ls = text.split("\n");
    for (int r = 0; r < ls.length; r++) {
      lines.add(
          "{\"text\":\""
              + ls[r].replace("\"", "\\\"")
              + "\",\"words\":["
              + String.join(",", lineWords(ls[r], r, null))
              + "]}");
    }
    return "{\"lines\":[" + String.join(",", lines) + "]}";
  }

  /** A flat array of words without line indices (grouped by position). */
  static String flatJson(String text) {
    List<String> words = new ArrayList<>();
    String[] ls = text.split("\n");
    for (int r = 0; r < ls.length; r++) {
      words.addAll(lineWords(ls[r], r, null));
    }
    return "[" + String.join(",", words) + "]";
  }

  // -------------------------------------------------------------------------------------------
  // Page images

  private static void scribble(Graphics2D g, int w, int h, long seed) {
    Random r = new Random(seed);
    g.setColor(Color.BLACK);
    for (int row = 0; row < 30; row++) {
      int y = 80 + row * 32;
      for (int x = 60; x < w - 60; x += 24) {
        if (r.nextInt(5) > 0) {
          g.fillRect(x, y, 18, 18);
        }
      }
    }
  }

  private Page ingest(long batch, BufferedImage img, ColourMode mode, String source) {
    return store.ingestRaster(batch, img, new PageMeta(null, Side.FRONT, null, DPI, mode, source));
  }

  Page grey(long batch, long seed) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(235, 235, 235));
    g.fillRect(0, 0, W, H);
    scribble(g, W, H, seed);
    g.dispose();
    return ingest(batch, img, ColourMode.GREY, "grey-" + seed);
  }

  /** A page scanned turned 90° clockwise: stored landscape, exported upright (portrait). */
  Page sideways(long batch) {
    BufferedImage img = new BufferedImage(H, W, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, H, W);
    g.setColor(Color.BLACK);
    g.fillRect(H - 120, 20, 100, 60);
    g.dispose();
    return ingest(batch, img, ColourMode.GREY, "sideways");
  }

  Page colour(long batch) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(250, 246, 230));
    g.fillRect(0, 0, W, H);
    g.setColor(new Color(200, 30, 30));
    g.fillOval(500, 800, 200, 200);
    scribble(g, W, H / 2, 3);
    g.dispose();
    return ingest(batch, img, ColourMode.COLOUR, "colour");
  }

  Page bitonal(long batch, long seed) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    scribble(g, W, H, seed);
    g.dispose();
    return ingest(batch, img, ColourMode.BLACK_AND_WHITE, "bw-" + seed);
  }
}
