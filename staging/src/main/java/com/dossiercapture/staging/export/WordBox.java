package com.dossiercapture.staging.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One OCR word of a page result's {@code words_json}, in image pixels. Reads the shapes the engines
 * and older stores write: {@code {"text","box":{x,y,width,height}}}, {@code {"text","bbox":[x0,y0,
 * x1,y1]}} or flat {@code {"text",x,y,w,h}}.
 */
public record WordBox(String text, double x, double y, double width, double height) {

  /** The word, or empty when it has no text or no area. */
  public static Optional<WordBox> of(JsonNode w) {
    String text = w.path("text").asText("");
    if (text.isBlank()) {
      return Optional.empty();
    }
    double x;
    double y;
    double width;
    double height;
    if (w.has("box") && w.get("box").isObject()) {
      JsonNode b = w.get("box");
      x = num(b, "x", "left");
      y = num(b, "y", "top");
      width = num(b, "width", "w");
      height = num(b, "height", "h");
    } else if (w.has("bbox") && w.get("bbox").isArray() && w.get("bbox").size() == 4) {
      JsonNode b = w.get("bbox");
      x = b.get(0).asDouble();
      y = b.get(1).asDouble();
      width = b.get(2).asDouble() - x;
      height = b.get(3).asDouble() - y;
    } else {
      x = num(w, "x", "left");
      y = num(w, "y", "top");
      width = num(w, "w", "width");
      height = num(w, "h", "height");
    }
    if (!(width > 0 && height > 0)) {
      return Optional.empty();
    }
    return Optional.of(new WordBox(text.strip(), x, y, width, height));
  }

  static double num(JsonNode n, String... names) {
    for (String name : names) {
      if (n.hasNonNull(name) && n.get(name).isNumber()) {
        return n.get(name).asDouble();
      }
    }
    return 0;
  }
}
