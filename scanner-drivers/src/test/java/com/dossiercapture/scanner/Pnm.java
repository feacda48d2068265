package com.dossiercapture.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Minimal reader for the binary PNM files scanimage writes (P4 bitmap, P5 grey, P6 colour). */
public record Pnm(char kind, int width, int height, byte[] data) {

  public static Pnm parse(byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    String magic = token(in);
    int w = Integer.parseInt(token(in));
    int h = Integer.parseInt(token(in));
    if (!magic.equals("P4")) {
      token(in); // maxval
    }
    int offset = bytes.length - in.available();
    return new Pnm(magic.charAt(1), w, h, Arrays.copyOfRange(bytes, offset, bytes.length));
  }

  private static String token(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '#') {
        while ((c = in.read()) != -1 && c != '\n') {}
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (sb.length() > 0) {
          break;
        }
        continue;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }
}
