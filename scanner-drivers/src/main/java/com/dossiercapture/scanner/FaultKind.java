package com.dossiercapture.scanner;

/** Kinds of device faults a session reports, each with the operator's usual remedy. */
public enum FaultKind {
  PAPER_JAM(
      "The paper jammed.", "Open the feeder, remove the jammed sheet and put it back on top."),
  DOUBLE_FEED(
      "Two sheets were fed at once.",
      "Take the sheets out of the output tray back to the last good page and feed them again."),
  COVER_OPEN("The scanner cover is open.", "Close the cover."),
  DEVICE_BUSY(
      "The scanner is busy (another program or session is using it).",
      "Close the other program or wait, then try again."),
  DEVICE_LOST(
      "The connection to the scanner was lost.",
      "Check the cable and power; the pages already scanned are kept."),
  ACCESS_DENIED(
      "Access to the scanner was denied.",
      "Ask the administrator for permission to use the device (e.g. the 'scanner' group)."),
  DEVICE_ERROR("The scanner reported an error.", "Check the scanner's display, then try again.");

  private final String what;
  private final String remedy;

  FaultKind(String what, String remedy) {
    this.what = what;
    this.remedy = remedy;
  }

  /** What happened, in plain English. */
  public String what() {
    return what;
  }

  /** What the operator should do. */
  public String remedy() {
    return remedy;
  }
}
