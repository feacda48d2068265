package com.dossiercapture.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reading server replies defensively: bounded size, JSON objects only, readable errors. */
final class Replies {

  static final ObjectMapper JSON = new ObjectMapper();

  private Replies() {}

  /**
   * The reply body, at most {@code max} bytes.
   *
   * @throws SyncException BAD_REPLY when the body is larger
   * @throws IOException when the connection breaks while reading
   */
  static byte[] bytes(Response r, int max, String what) throws IOException {
    ResponseBody body = r.body();
    long declared = body.contentLength();
    if (declared > max) {
      throw new SyncException(
          SyncException.Kind.BAD_REPLY,
          "the central system's reply to "
              + what
              + " announces "
              + declared
              + " bytes, more than the "
              + max
              + " bytes a reply may have: refused");
    }
    BufferedSource src = body.source();
    if (src.request(max + 1L)) {
      throw new SyncException(
          SyncException.Kind.BAD_REPLY,
          "the central system's reply to "
              + what
              + " is larger than the "
              + max
              + " bytes a reply may have: refused");
    }
    return src.readByteArray();
  }

  /**
   * The reply body as a JSON object.
   *
   * @throws SyncException BAD_REPLY when it is not one
   */
  static JsonNode object(Response r, int max, String what) throws IOException {
    byte[] b = bytes(r, max, what);
    JsonNode n;
    try {
      n = JSON.readTree(b);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SyncException(
          SyncException.Kind.BAD_REPLY,
          "the central system's reply to "
              + what
              + " (HTTP "
              + r.code()
              + ") is not JSON: refused (it begins '"
              + snippet(b)
              + "')");
    }
    if (n == null || !n.isObject()) {
      throw new SyncException(
          SyncException.Kind.BAD_REPLY,
          "the central system's reply to " + what + " is not a JSON object: refused");
    }
    return n;
  }

  /** The start of a body, printable, for an error message. */
  static String snippet(byte[] b) {
    String s = new String(b, 0, Math.min(b.length, 60), java.nio.charset.StandardCharsets.UTF_8);
    return s.replaceAll("[\\p{Cntrl}]", " ").strip();
  }
}
