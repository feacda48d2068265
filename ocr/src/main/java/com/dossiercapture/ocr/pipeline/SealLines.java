package com.dossiercapture.ocr.pipeline;

import com.dossiercapture.ocr.engine.Box;
import com.dossiercapture.ocr.engine.OcrLine;
import com.dossiercapture.ocr.engine.OcrWord;
import com.dossiercapture.ocr.image.SealFinder;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the lines read again around a seal (from a copy of the page with the seal dropped out) in
 * place of the page reading's lines there.
 *
 * <p>The new reading's lines that meet the seal's square are taken, and the page reading's lines
 * they overlap are dropped (the same line, read again); the rest of the page reading stands. The
 * seal's own curved text is not body text: it is dropped from both ({@link #sealText}). The new
 * lines are put in reading order by their middle's height.
 */
final class SealLines {

  private SealLines() {}

  /** Lines of a reading of the band from {@code y0} on, moved to page coordinates. */
  static List<OcrLine> moved(List<OcrLine> lines, int dx, int dy) {
    List<OcrLine> out = new ArrayList<>(lines.size());
    for (OcrLine l : lines) {
      List<OcrWord> ws = new ArrayList<>(l.words().size());
      for (OcrWord w : l.words()) {
        ws.add(new OcrWord(w.text(), w.box().translate(dx, dy), w.confidence()));
      }
      out.add(new OcrLine(l.text(), l.box().translate(dx, dy), l.confidence(), ws));
    }
    return out;
  }

  /**
   * The page's lines with those at the seal exchanged for the new reading's.
   *
   * @param page the page reading's lines, in reading order
   * @param again the lines read again around the seal, in page coordinates
   */
  static List<OcrLine> merge(List<OcrLine> page, List<OcrLine> again, SealFinder.Seal seal) {
    List<OcrLine> fresh = new ArrayList<>();
    for (OcrLine l : again) {
      if (touches(seal, l.box()) && !l.text().isBlank() && !sealText(seal, l)) {
        fresh.add(l);
      }
    }
    List<OcrLine> out = new ArrayList<>(page.size() + fresh.size());
    for (OcrLine l : page) {
      boolean replaced =
          fresh.stream().anyMatch(f -> overlap(f.box(), l.box()))
              || touches(seal, l.box()) && sealText(seal, l);
      if (!replaced) {
        out.add(l);
      }
    }
    for (OcrLine f : fresh) {
      double mid = f.box().y() + f.box().height() / 2.0;
      int at = out.size();
      for (int i = 0; i < out.size(); i++) {
        Box b = out.get(i).box();
        if (b.y() + b.height() / 2.0 > mid) {
          at = i;
          break;
        }
      }
      out.add(at, f);
    }
    return out;
  }

  /**
   * Whether a line is the seal's own text: its middle inside the circle, and short (at most 3
   * characters) or standing (not wider than tall), as pieces of the curved legend are read. A date
   * under the seal is a long, lying line.
   */
  static boolean sealText(SealFinder.Seal s, OcrLine l) {
    Box b = l.box();
    double mx = b.x() + b.width() / 2.0;
    double my = b.y() + b.height() / 2.0;
    boolean inside = Math.hypot(mx - s.cx(), my - s.cy()) < 0.9 * s.radius();
    return inside && (l.text().strip().length() <= 3 || b.height() >= b.width());
  }

  /** The reading with the seal dropped out wins a line unless the other is this much surer. */
  static final double AS_SCANNED_MARGIN = 0.05;

  /**
   * The lines at a seal from two readings: with the seal dropped out ({@code lifted}) and as
   * scanned. Where both read a line, the lifted one is taken unless the one as scanned has a mean
   * confidence higher by more than {@link #AS_SCANNED_MARGIN} (the drop-out erased part of the
   * text); a line only one of them read is taken as it is.
   */
  static List<OcrLine> better(List<OcrLine> lifted, List<OcrLine> asScanned) {
    List<OcrLine> out = new ArrayList<>();
    for (OcrLine l : lifted) {
      OcrLine twin =
          asScanned.stream().filter(o -> overlap(o.box(), l.box())).findFirst().orElse(null);
      out.add(twin != null && twin.confidence() > l.confidence() + AS_SCANNED_MARGIN ? twin : l);
    }
    for (OcrLine o : asScanned) {
      if (lifted.stream().noneMatch(l -> overlap(o.box(), l.box()))) {
        out.add(o);
      }
    }
    return out;
  }

  private static boolean touches(SealFinder.Seal s, Box b) {
    return s.touches(b.x(), b.y(), b.width(), b.height());
  }

  /**
   * Whether two line boxes are the same line's: they overlap by half the lower one's height and
   * horizontally at all.
   */
  static boolean overlap(Box a, Box b) {
    int oy = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
    int ox = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
    return ox > 0 && oy >= 0.5 * Math.min(a.height(), b.height());
  }
}
