package com.dossiercapture.staging.export;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * The pages the export draws itself, in Chinese: the 卷宗封面 (cover), the 卷内目录 (contents: 序号, 文书名称,
 * 页号, 备注) and the 卷内备考表 (remarks). None of them is numbered.
 */
final class GeneratedPages {

  private static final PDRectangle A4 = PDRectangle.A4;
  private static final float LEFT = 50;
  private static final float RIGHT = A4.getWidth() - 50;
  private static final float[] COLUMNS = {LEFT, 95, 385, 455, RIGHT};
  private static final String[] HEADINGS = {"序号", "文书名称", "页号", "备注"};

  private final PDDocument doc;
  private final CjkFonts.FontSet fonts;

  GeneratedPages(PDDocument doc, CjkFonts.FontSet fonts) {
    this.doc = doc;
    this.fonts = fonts;
  }

  static String date(LocalDate d) {
    return d == null ? "" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  static LocalDate localDate(java.time.Instant i) {
    return i == null ? null : i.atZone(ZoneId.systemDefault()).toLocalDate();
  }

  /** The cover. */
  PDPage cover(DossierPlan plan, List<String> parties, LocalDate exported) throws IOException {
    PDPage page = new PDPage(A4);
    doc.addPage(page);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      String court = plan.dossier().court();
      if (court != null && !court.isBlank()) {
        centred(cs, court, 740, 22);
      }
      centred(cs, "诉 讼 卷 宗", 650, 36);
      float y = 540;
      String dates =
          plan.firstDate() == null
              ? ""
              : plan.firstDate().equals(plan.lastDate())
                  ? date(plan.firstDate())
                  : date(plan.firstDate()) + " 至 " + date(plan.lastDate());
      String[][] rows = {
        {"案　　号", plan.dossier().caseNumber()},
        {"当 事 人", String.join("；", parties)},
        {"文书日期", dates},
        {"立卷日期", date(localDate(plan.dossier().createdAt()))},
        {
          "核 验 人",
          plan.verifiedBy() == null
              ? "（未核验）"
              : plan.verifiedBy() + "　" + date(localDate(plan.verifiedAt()))
        },
        {"卷宗版本", plan.dossier().version() > 0 ? "第 " + plan.dossier().version() + " 版" : ""},
        {"本卷页数", "共 " + plan.numberedPages() + " 页"},
      };
      for (String[] r : rows) {
        text(cs, r[0] + "：", 110, y, 15);
        List<String> lines = wrap(r[1], RIGHT - 40 - 200, 15);
        for (int i = 0; i < lines.size(); i++) {
          text(cs, lines.get(i), 200, y - i * 20, 15);
        }
        y -= 22 + Math.max(1, lines.size()) * 20;
        line(cs, 195, y + 36, RIGHT - 40, y + 36);
      }
      centred(cs, "卷宗扫描工作站生成　" + date(exported), 60, 9);
    }
    return page;
  }

  /** The contents, on as many pages as it takes; returns them. */
  List<PDPage> contents(DossierPlan plan) throws IOException {
    List<PDPage> pages = new ArrayList<>();
    List<DossierPlan.Doc> docs = plan.documents();
    int i = 0;
    do {
      PDPage page = new PDPage(A4);
      doc.addPage(page);
      pages.add(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        centred(cs, pages.size() == 1 ? "卷 内 目 录" : "卷内目录（续）", 780, 20);
        centred(cs, plan.dossier().caseNumber(), 755, 11);
        float top = 735;
        float y = row(cs, HEADINGS, top, true);
        while (i < docs.size()) {
          DossierPlan.Doc d = docs.get(i);
          String remark = d.numbered() ? date(d.document().date()) : "不编页号";
          String[] cells = {Integer.toString(i + 1), d.title(), d.pageRange(), remark};
          if (y - height(cells) < 60) {
            break;
          }
          y = row(cs, cells, y, false);
          i++;
        }
        cs.setLineWidth(0.8f);
        for (float x : COLUMNS) {
          line(cs, x, top, x, y);
        }
      }
    } while (i < docs.size());
    return pages;
  }

  /** The remarks sheet. */
  PDPage remarks(DossierPlan plan, String exportedBy, LocalDate exported) throws IOException {
    PDPage page = new PDPage(A4);
    doc.addPage(page);
    int unnumbered =
        plan.documents().stream().filter(d -> !d.numbered()).mapToInt(d -> d.pages().size()).sum();
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      centred(cs, "卷 内 备 考 表", 770, 20);
      centred(cs, plan.dossier().caseNumber(), 745, 11);
      StringBuilder s = new StringBuilder();
      s.append("本卷共有文件材料 ")
          .append(plan.documents().size())
          .append(" 件，共 ")
          .append(plan.numberedPages())
          .append(" 页（不含卷宗封面、卷内目录和本表）。");
      if (unnumbered > 0) {
        s.append("另有不编页号的原件材料 ").append(unnumbered).append(" 页。");
      }
      s.append("本卷为电子卷宗，页面图像取自暂存库中经 SHA-256 校验的原始扫描件，文字层由 OCR 生成，仅供检索。");
      float y = 700;
      for (String l : wrap(s.toString(), RIGHT - LEFT - 20, 13)) {
        text(cs, l, LEFT + 10, y, 13);
        y -= 22;
      }
      y -= 30;
      String[][] rows = {
        {"立卷人", plan.verifiedBy() == null ? "" : plan.verifiedBy()},
        {"检查人", plan.verifiedBy() == null ? "（未核验）" : plan.verifiedBy()},
        {"立卷时间", date(localDate(plan.verifiedAt()))},
        {"导出人", exportedBy},
        {"导出时间", date(exported)},
      };
      for (String[] r : rows) {
        text(cs, r[0] + "：" + r[1], RIGHT - 230, y, 13);
        y -= 26;
      }
    }
    return page;
  }

  // -------------------------------------------------------------------------------------------

  private float height(String[] cells) throws IOException {
    int lines = 1;
    for (int c = 0; c < cells.length; c++) {
      lines = Math.max(lines, wrap(cells[c], COLUMNS[c + 1] - COLUMNS[c] - 8, 11).size());
    }
    return 10 + lines * 15;
  }

  /** Draws one table row with its bottom rule; returns the new bottom. */
  private float row(PDPageContentStream cs, String[] cells, float top, boolean heading)
      throws IOException {
    float h = height(cells);
    if (heading) {
      cs.setLineWidth(0.8f);
      line(cs, LEFT, top, RIGHT, top);
    }
    for (int c = 0; c < cells.length; c++) {
      float width = COLUMNS[c + 1] - COLUMNS[c] - 8;
      List<String> lines = wrap(cells[c], width, 11);
      for (int l = 0; l < lines.size(); l++) {
        float x = COLUMNS[c] + 4;
        if (heading || c != 1) {
          x = COLUMNS[c] + (COLUMNS[c + 1] - COLUMNS[c] - fonts.width(lines.get(l)) * 11) / 2;
        }
        text(cs, lines.get(l), x, top - 16 - l * 15, 11);
      }
    }
    cs.setLineWidth(0.5f);
    line(cs, LEFT, top - h, RIGHT, top - h);
    return top - h;
  }

  /** Breaks text into lines no wider than {@code width} at that size (CJK breaks anywhere). */
  List<String> wrap(String text, float width, float size) throws IOException {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      out.add("");
      return out;
    }
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      cur.appendCodePoint(cp);
      if (fonts.width(cur.toString()) * size > width && cur.length() > Character.charCount(cp)) {
        cur.setLength(cur.length() - Character.charCount(cp));
        out.add(cur.toString());
        cur.setLength(0);
        cur.appendCodePoint(cp);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private void centred(PDPageContentStream cs, String s, float y, float size) throws IOException {
    text(cs, s, (A4.getWidth() - fonts.width(s) * size) / 2, y, size);
  }

  private void text(PDPageContentStream cs, String s, float x, float y, float size)
      throws IOException {
    if (s == null || s.isEmpty()) {
      return;
    }
    cs.beginText();
    cs.setTextMatrix(new Matrix(size, 0, 0, size, x, y));
    TextLayer.show(cs, fonts, s);
    cs.endText();
  }

  private static void line(PDPageContentStream cs, float x0, float y0, float x1, float y1)
      throws IOException {
    cs.moveTo(x0, y0);
    cs.lineTo(x1, y1);
    cs.stroke();
  }
}
