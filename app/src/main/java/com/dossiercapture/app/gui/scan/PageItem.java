package com.dossiercapture.app.gui.scan;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * One page as the thumbnail list shows it: the stored page, what the pipeline found (or {@code
 * null} while it is still queued), its thumbnail (or {@code null} while it is being made) and the
 * type its title area showed while the rest of it is still being read (ADR 0014; {@code null} when
 * not told). Immutable: an update replaces the item, so the list view redraws just that cell.
 */
public record PageItem(Page page, PageResult result, Image thumb, String earlyType) {

  public PageItem(Page page, PageResult result, Image thumb) {
    this(page, result, thumb, null);
  }

  /** Below this classifier confidence a page is flagged for a second look. */
  static final double LOW_CONFIDENCE = 0.5;

  PageItem withThumb(Image t) {
    return new PageItem(page, result, t, earlyType);
  }

  /** The page typed from its title area; ignored once its result is in. */
  PageItem withEarlyType(String type) {
    return result != null ? this : new PageItem(page, null, thumb, type);
  }

  /** 已采集 / 已处理 / 已识别 / 已分类, or the page's state when it is not active. */
  public String stateKey() {
    if (!page.isActive()) {
      return "replaced".equals(page.state()) ? "scan.state.replaced" : "scan.state.deleted";
    }
    if ("failed".equals(page.status()) || (result != null && result.error() != null)) {
      return "scan.state.failed";
    }
    if (result == null && earlyType != null) {
      return "scan.state.typed";
    }
    if (result == null || "acquired".equals(page.status())) {
      return "scan.state.acquired";
    }
    if (result.docType() != null) {
      return "scan.state.classified";
    }
    if (result.text() != null && !result.text().isBlank()) {
      return "scan.state.ocr";
    }
    return "scan.state.processed";
  }

  /**
   * The badges the operator should notice (message keys): blank, separator, low confidence, quality
   * warning, a case number that is not the batch's.
   *
   * @param batchCase the batch dossier's normalised case number, or {@code null}
   */
  public List<String> badgeKeys(String batchCase) {
    List<String> out = new ArrayList<>();
    if (result == null) {
      return out;
    }
    boolean blank = Boolean.TRUE.equals(result.blank()) || Catalogue.BLANK.equals(result.docType());
    boolean separator =
        Boolean.TRUE.equals(result.separator()) || Catalogue.SEPARATOR.equals(result.docType());
    if (blank) {
      out.add("scan.badge.blank");
    }
    if (separator) {
      out.add("scan.badge.separator");
    }
    if (!blank
        && !separator
        && result.docType() != null
        && result.docTypeConfidence() != null
        && result.docTypeConfidence() < LOW_CONFIDENCE) {
      out.add("scan.badge.lowConfidence");
    }
    String w = result.warningsJson();
    if (w != null && !w.isBlank() && !w.strip().equals("[]") && !w.strip().equals("null")) {
      out.add("scan.badge.quality");
    }
    if (batchCase != null
        && result.caseNumber() != null
        && !separator
        && !batchCase.equals(result.caseNumber())) {
      out.add("scan.badge.caseMismatch");
    }
    return out;
  }
}
