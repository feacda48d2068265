package com.dossiercapture.ocr.nativeutil;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Process environment changes that native libraries must see before they load. Java cannot change
 * its own environment, so this calls the C library's {@code setenv} (or {@code _putenv_s} on
 * Windows) through JNA.
 */
public final class NativeEnv {

  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }

  private interface Msvcrt extends Library {
    int _putenv_s(String name, String value);
  }

  private NativeEnv() {}

  /**
   * Sets {@code OMP_THREAD_LIMIT=1} unless the environment already sets it. Tesseract's OpenMP
   * threads make a 2-core machine about five times slower; parallelism comes from our own worker
   * pool instead (stack-facts.md). Must run before libtesseract is loaded.
   *
   * @return the value in force afterwards
   */
  public static synchronized String limitOpenMpThreads() {
    return setIfAbsent("OMP_THREAD_LIMIT", "1");
  }

  /** Sets a variable in the native environment unless it is already set; returns its value. */
  public static synchronized String setIfAbsent(String name, String value) {
    if (Platform.isWindows()) {
      String existing = System.getenv(name);
      if (existing != null) {
        return existing;
      }
      Native.load("msvcrt", Msvcrt.class)._putenv_s(name, value);
      return value;
    }
    LibC c = Native.load("c", LibC.class);
    String existing = c.getenv(name);
    if (existing != null && !existing.isEmpty()) {
      return existing;
    }
    if (c.setenv(name, value, 0) != 0) {
      throw new IllegalStateException("setenv(" + name + ") failed");
    }
    return c.getenv(name);
  }

  /** The value of a variable in the native environment (which may differ from System.getenv). */
  public static String get(String name) {
    if (Platform.isWindows()) {
      return System.getenv(name);
    }
    return Native.load("c", LibC.class).getenv(name);
  }
}
