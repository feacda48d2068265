package com.dossiercapture.app.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Makes a PNG file's bytes different without touching its pixels or re-encoding it: inserts a
 * {@code tEXt} chunk right after IHDR. The memory benchmark cycles a small corpus this way, so that
 * each page has its own SHA-256 in the store as a newly scanned sheet would.
 */
public final class PngTag {

  private static final int SIGNATURE = 8;
  private static final int IHDR_CHUNK = 8 + 13 + 4; // length + type, data, CRC

  private PngTag() {}

  /** The PNG with a {@code tEXt} chunk {@code keyword=text} (Latin-1) after IHDR. */
  public static byte[] tag(byte[] png, String keyword, String text) {
    if (png.length < SIGNATURE + IHDR_CHUNK
        || png[0] != (byte) 0x89
        || png[1] != 'P'
        || png[12] != 'I'
        || png[15] != 'R') {
      throw new IllegalArgumentException("not a PNG file");
    }
    byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1); // keyword NUL text
    byte[] type = "tEXt".getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + data.length + 12);
    int at = SIGNATURE + IHDR_CHUNK;
    out.write(png, 0, at);
    writeInt(out, data.length);
    out.writeBytes(type);
    out.writeBytes(data);
    writeInt(out, (int) crc.getValue());
    out.write(png, at, png.length - at);
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
