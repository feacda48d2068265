package com.dossiercapture.ocr.paddle;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding of the recogniser's output, keeping for each character the time steps it was
 * read at, so that it can be placed on the image.
 */
final class CtcDecoder {

  /**
   * One decoded character.
   *
   * @param text the character (a space for the dictionary's last class)
   * @param first first time step of its run
   * @param last last time step of its run (inclusive)
   * @param probability highest probability over its run
   */
  record Char(String text, int first, int last, double probability) {}

  private final String[] classes;
  private final java.util.Set<String> known = new java.util.HashSet<>();

  /**
   * @param keys the dictionary lines (ppocr_keys_v1.txt): class 0 is the CTC blank, classes 1..n
   *     the keys, class n+1 a space, as PaddleOCR's {@code use_space_char}
   */
  CtcDecoder(List<String> keys) {
    classes = new String[keys.size() + 2];
    classes[0] = "";
    for (int i = 0; i < keys.size(); i++) {
      classes[i + 1] = keys.get(i);
    }
    classes[keys.size() + 1] = " ";
    known.addAll(keys);
  }

  /** Whether the dictionary has the character (so the recogniser can produce it). */
  boolean knows(int codePoint) {
    return known.contains(Character.toString(codePoint));
  }

  int classCount() {
    return classes.length;
  }

  /**
   * Decodes one sequence.
   *
   * @param probs softmax output, {@code steps * classCount()} values from {@code offset}
   * @param steps time steps to decode (those of the unpadded part of the input)
   */
  List<Char> decode(float[] probs, int offset, int steps) {
    int c = classes.length;
    List<Char> out = new ArrayList<>();
    int prev = 0;
    int runStart = -1;
    double runMax = 0;
    for (int t = 0; t < steps; t++) {
      int base = offset + t * c;
      int best = 0;
      float bp = probs[base];
      for (int k = 1; k < c; k++) {
        if (probs[base + k] > bp) {
          bp = probs[base + k];
          best = k;
        }
      }
      if (best != prev) {
        if (prev != 0) {
          out.add(new Char(classes[prev], runStart, t - 1, runMax));
        }
        runStart = t;
        runMax = bp;
      } else if (best != 0) {
        runMax = Math.max(runMax, bp);
      }
      prev = best;
    }
    if (prev != 0) {
      out.add(new Char(classes[prev], runStart, steps - 1, runMax));
    }
    return out;
  }
}
