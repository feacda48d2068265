package com.dossiercapture.app.review;

import com.dossiercapture.app.process.DossierAssembly;
import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.staging.Batch;
import com.dossiercapture.staging.BatchSpec;
import com.dossiercapture.staging.Dossier;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageMeta;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast seeded store for review tests, where OCR is not the point: a dossier of seven rendered
 * pages with chosen results (type, confidence, document start, blank, case number, text and word
 * boxes that match the drawn text), assembled into documents by the real {@link DossierAssembly}.
 *
 * <p>Pages (1-based): 1 cover, 2–3 complaint, 4–5 evidence (low confidence 0.55 / 0.5), 6 blank, 7
 * judgment.
 */
public final class ReviewFixture {

  public static final String CASE = "（2024）湘0602民初1234号";

  /** A page to seed. */
  public record Spec(
      String docType,
      double confidence,
      boolean start,
      boolean blank,
      String caseNumber,
      List<List<String>> lines) {}

  public static final List<Spec> PAGES =
      List.of(
          new Spec(
              "cover",
              0.95,
              true,
              false,
              CASE,
              List.of(List.of("湖南省", "怀化市", "鹤城区", "人民法院"), List.of("诉讼卷宗"), List.of("案号：", CASE))),
          new Spec(
              "complaint",
              0.97,
              true,
              false,
              null,
              List.of(
                  List.of("民事起诉状"),
                  List.of("原告：", "张三"),
                  List.of("被告：", "李四"),
                  List.of("诉讼请求：", "判令被告", "归还借款", "50000元。"))),
          new Spec(
              "complaint",
              0.87,
              false,
              false,
              null,
              List.of(
                  List.of("此致"), List.of("鹤城区人民法院"), List.of("具状人：", "张三"), List.of("2024年3月1日"))),
          new Spec(
              "evidence",
              0.55,
              true,
              false,
              null,
              List.of(List.of("借条"), List.of("今借到", "张三", "人民币", "伍万元"))),
          new Spec(
              "evidence",
              0.5,
              false,
              false,
              null,
              List.of(List.of("转账记录"), List.of("2023年5月6日", "50000.00"))),
          new Spec("blank", 0.9, false, true, null, List.of()),
          new Spec(
              "judgment",
              0.97,
              true,
              false,
              CASE,
              List.of(
                  List.of("湖南省怀化市鹤城区人民法院"),
                  List.of("民事判决书"),
                  List.of(CASE),
                  List.of("2024年6月18日"))));

  private static final ObjectMapper JSON = new ObjectMapper();

  public final StagingStore store;
  public final Dossier dossier;
  public final Batch batch;
  public final List<Page> pages;

  private ReviewFixture(StagingStore store, Dossier dossier, Batch batch, List<Page> pages) {
    this.store = store;
    this.dossier = dossier;
    this.batch = batch;
    this.pages = pages;
  }

  /** Seeds a store in that directory. */
  public static ReviewFixture seed(Path dir) throws Exception {
    StagingStore store = StagingStore.open(dir);
    Dossier d = store.openDossier(CASE, null, "operator");
    Batch b = store.createBatch(new BatchSpec(d.id(), "operator", "scan-01", null, 7));
    List<Page> pages = new ArrayList<>();
    int n = 0;
    for (Spec s : PAGES) {
      n++;
      Rendered r = render(s.lines());
      Page p = store.ingestRaster(b.id(), r.image(), PageMeta.of("p" + n + ".png", 150));
      String text = String.join("\n", s.lines().stream().map(l -> String.join("", l)).toList());
      store.saveResult(
          p.id(),
          new PageResult(
              0,
              0.0,
              s.blank(),
              false,
              null,
              s.docType(),
              s.confidence(),
              s.start(),
              s.caseNumber(),
              s.caseNumber(),
              text.isEmpty() ? null : text,
              s.lines().isEmpty() ? null : r.wordsJson(),
              s.confidence() < 0.7 ? "[\"low_confidence\"]" : "[]",
              Map.of("ocr", 10L),
              null));
      pages.add(p);
    }
    new DossierAssembly(store, Catalogue.loadDefault()).assemble(b.id(), "operator");
    return new ReviewFixture(store, store.dossier(d.id()), b, pages);
  }

  /** The id of page n (1-based). */
  public long page(int n) {
    return pages.get(n - 1).id();
  }

  record Rendered(BufferedImage image, String wordsJson) {}

  static final int WIDTH = 1240;
  static final int HEIGHT = 1754;

  /** Draws the lines and records each word's box as the OCR would. */
  static Rendered render(List<List<String>> lines) throws Exception {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    List<Map<String, Object>> jsonLines = new ArrayList<>();
    int y = 220;
    boolean first = true;
    for (List<String> line : lines) {
      Font font = new Font("Noto Serif CJK SC", Font.BOLD, first ? 64 : 40);
      g.setFont(font);
      FontMetrics fm = g.getFontMetrics();
      int x = 140;
      List<Map<String, Object>> words = new ArrayList<>();
      for (String w : line) {
        int width = fm.stringWidth(w);
        g.drawString(w, x, y);
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("x", x);
        box.put("y", y - fm.getAscent());
        box.put("width", width);
        box.put("height", fm.getAscent() + fm.getDescent());
        words.add(Map.of("text", w, "box", box));
        x += width + 24;
      }
      jsonLines.add(Map.of("text", String.join("", line), "words", words));
      y += (first ? 64 : 40) * 2;
      first = false;
    }
    g.dispose();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("width", WIDTH);
    root.put("height", HEIGHT);
    root.put("lines", jsonLines);
    return new Rendered(img, JSON.writeValueAsString(root));
  }
}
