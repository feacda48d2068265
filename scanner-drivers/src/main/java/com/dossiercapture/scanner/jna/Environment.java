package com.dossiercapture.scanner.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Sets variables in the process environment as native code sees it (libc {@code setenv}), e.g.
 * {@code SANE_CONFIG_DIR} before {@code sane_init}. {@link System#getenv} does not see these
 * changes; native libraries do.
 */
public final class Environment {

  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    int unsetenv(String name);

    String getenv(String name);
  }

  private interface Msvcrt extends Library {
    int _putenv_s(String name, String value);

    String getenv(String name);
  }

  private Environment() {}

  /** Sets (or with {@code null}, removes) a variable in the native environment. */
  public static void set(String name, String value) {
    if (Platform.isWindows()) {
      Msvcrt c = Native.load("msvcrt", Msvcrt.class);
      if (c._putenv_s(name, value == null ? "" : value) != 0) {
        throw new IllegalStateException("_putenv_s(" + name + ") failed");
      }
      return;
    }
    LibC c = Native.load("c", LibC.class);
    int rc = value == null ? c.unsetenv(name) : c.setenv(name, value, 1);
    if (rc != 0) {
      throw new IllegalStateException(
          "setenv(" + name + ") failed with errno " + Native.getLastError());
    }
  }

  /** Reads a variable from the native environment (sees {@link #set} changes). */
  public static String get(String name) {
    if (Platform.isWindows()) {
      return Native.load("msvcrt", Msvcrt.class).getenv(name);
    }
    return Native.load("c", LibC.class).getenv(name);
  }
}
