package com.dossiercapture.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A long-lived token an administrator put in a file (re-read when the server refuses it). */
public final class StaticTokenSource implements TokenSource {

  private final Path file;
  private volatile String token;

  private StaticTokenSource(Path file) {
    this.file = file;
    this.token = read(file);
  }

  /**
   * Reads the token from a file (surrounding whitespace ignored).
   *
   * @throws SyncException LOCAL when the file cannot be read or is empty (the message names the
   *     file, never its content)
   */
  public static StaticTokenSource fromFile(Path file) {
    return new StaticTokenSource(file);
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public void invalidate() {
    token = read(file);
  }

  private static String read(Path file) {
    String t;
    try {
      t = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new SyncException(
          SyncException.Kind.LOCAL, "cannot read the token file " + file + ": " + e.getClass());
    }
    if (t.isEmpty() || t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new SyncException(
          SyncException.Kind.LOCAL,
          "the token file " + file + " must hold one token of printable ASCII characters");
    }
    return t;
  }
}
