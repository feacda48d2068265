package com.dossiercapture.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A page image streamed from its file (never held whole in memory) and hashed as it goes: if the
 * bytes sent do not hash to the page's SHA-256 the upload is aborted before it completes, so the
 * server never receives a complete wrong page.
 */
final class FilePageBody extends RequestBody {

  /** The file changed under us: its bytes no longer match the recorded hash or size. */
  static final class PageChangedException extends IOException {
    PageChangedException(String message) {
      super(message);
    }
  }

  private final Path file;
  private final long size;
  private final String sha256;
  private final MediaType type;

  FilePageBody(Path file, long size, String sha256, MediaType type) {
    this.file = file;
    this.size = size;
    this.sha256 = sha256;
    this.type = type;
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return size;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    MessageDigest md = newDigest();
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > size) {
          throw new PageChangedException(file.getFileName() + " grew while it was being sent");
        }
        md.update(buf, 0, n);
        if (total == size && !HexFormat.of().formatHex(md.digest()).equals(sha256)) {
          // Hold back the last chunk: the server gets a short body and never a complete wrong page.
          throw new PageChangedException(
              file.getFileName() + " no longer matches its SHA-256 (changed while being sent)");
        }
        sink.write(buf, 0, n);
      }
    }
    if (total != size) {
      throw new PageChangedException(
          file.getFileName() + " has " + total + " bytes, " + size + " were recorded");
    }
  }

  /** Reads the whole file and checks it against its hash and size (before an upload). */
  static void verify(Path file, long size, String sha256) throws IOException {
    MessageDigest md = newDigest();
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        total += n;
      }
    }
    String actual = HexFormat.of().formatHex(md.digest());
    if (total != size || !actual.equals(sha256)) {
      throw new PageChangedException(
          file.getFileName() + " no longer matches its recorded SHA-256 and size");
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
