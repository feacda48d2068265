package com.dossiercapture.scanner.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a native library through JNA and, when it cannot, explains itself: every name or path
 * tried, each failure, and what to install (the approach of xerial's {@code SQLiteJDBCLoader}).
 * Order: an explicit path from a system property, then the given library names as the system finds
 * them.
 */
public final class NativeLoader {

  private NativeLoader() {}

  /** Thrown when no candidate loaded; the message lists what was tried and what to install. */
  public static final class LoadFailure extends Exception {
    public LoadFailure(String message) {
      super(message);
    }
  }

  /**
   * Loads {@code iface} from the first candidate that works.
   *
   * @param what human name of the library ("libsane", "the TWAIN DSM")
   * @param property system property that may hold an explicit path (checked first)
   * @param names library names or paths tried in order when the property is not set
   * @param installHint what the operator should install when nothing loaded
   */
  public static <T extends Library> T load(
      Class<T> iface, String what, String property, List<String> names, String installHint)
      throws LoadFailure {
    List<String> candidates = new ArrayList<>();
    String explicit = System.getProperty(property);
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(explicit);
    } else {
      candidates.addAll(names);
    }
    List<String> tried = new ArrayList<>();
    for (String name : candidates) {
      try {
        return Native.load(name, iface);
      } catch (UnsatisfiedLinkError e) {
        tried.add(name + " -> " + firstLine(e.getMessage()));
      }
    }
    throw new LoadFailure(
        "cannot load "
            + what
            + "; tried "
            + String.join("; ", tried)
            + (explicit != null && !explicit.isBlank() ? " (from -D" + property + ")" : "")
            + ". "
            + installHint);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "not found";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
