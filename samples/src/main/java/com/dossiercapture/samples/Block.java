package com.dossiercapture.samples;

import java.util.List;

/** One piece of a synthetic document, before it is laid out onto pages. */
sealed interface Block {

  /** Horizontal placement of a one-line block. */
  enum Align {
    LEFT,
    CENTRE,
    RIGHT
  }

  /** A single line of text (court name, title, case number, date). */
  record Line(String text, float pt, Align align, boolean bold) implements Block {}

  /** Running text, wrapped to the text width; the first line indented by two characters. */
  record Paragraph(String text, float pt, boolean indent) implements Block {}

  /** A ruled table: each row is a list of cells; rows never split across pages. */
  record Table(List<List<String>> rows, float pt) implements Block {}

  /** A handwritten-looking signature scribble (no text in the ground truth). */
  record Signature(Align align) implements Block {}

  /** A round red seal (its curved text is not part of the ground truth). */
  record Seal(String text) implements Block {}

  /** Vertical white space. */
  record Space(float mm) implements Block {}

  /** A QR code with the given payload, centred. */
  record QrCode(String payload, float mm) implements Block {}

  /** Forces the rest of the document onto a new page. */
  record PageBreak() implements Block {}
}
