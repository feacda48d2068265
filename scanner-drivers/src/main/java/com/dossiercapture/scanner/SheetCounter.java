package com.dossiercapture.scanner;

import com.dossiercapture.domain.Side;

/**
 * Numbers pages as sheets and sides. In duplex, pages alternate front, back; in simplex each page
 * is a new sheet's front. After a fault, {@link #restartSheet()} makes the next page the front of
 * the sheet that was interrupted, because the operator re-feeds that sheet.
 */
public final class SheetCounter {

  private final boolean duplex;
  private int sheet = 1;
  private Side next = Side.FRONT;
  private int pageIndex;

  public SheetCounter(boolean duplex) {
    this.duplex = duplex;
  }

  /** Sheet number of the next page. */
  public int sheet() {
    return sheet;
  }

  /** Side of the next page. */
  public Side side() {
    return next;
  }

  /** Session index of the next page. */
  public int pageIndex() {
    return pageIndex;
  }

  /** Records that the next page was delivered and advances. */
  public void delivered() {
    pageIndex++;
    if (duplex && next == Side.FRONT) {
      next = Side.BACK;
    } else {
      next = Side.FRONT;
      sheet++;
    }
  }

  /**
   * After a fault: if the current sheet's front was delivered but not its back, the operator
   * re-feeds that sheet, so the next page is its front again (the earlier front is superseded).
   */
  public void restartSheet() {
    next = Side.FRONT;
  }
}
