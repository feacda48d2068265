package com.dossiercapture.app.process;

import com.dossiercapture.app.nativeutil.LinuxScheduling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that do a window's background work (page analysis, storing, thumbnails) below the
 * window's own threads, so that on a busy 2-core machine the operating system gives the JavaFX
 * application and render threads the core they need for the next frame first (ADR 0017).
 *
 * <p>Java thread priorities are ignored on Linux (every thread runs at the process's nice value),
 * so each thread lowers itself with {@code setpriority(PRIO_PROCESS, tid, 10)} when it starts: on
 * Linux a thread id names one thread, and raising one's own nice value needs no privilege. The
 * throughput of a batch does not change when nothing else wants the core; the worker only yields to
 * the window. Threads the worker starts (a native library's pool) inherit its nice value. On other
 * systems {@link Thread#setPriority} does the same where the JVM honours it (Windows).
 */
public final class BackgroundThreads {

  /**
   * How many nice steps background threads run below the process (the window's threads): 10, so
   * they still run above batch jobs at 19. {@code -Ddc.background.nice=N} sets another (0 leaves
   * them at the window's priority, for comparison).
   */
  public static final int NICE = Math.clamp(Integer.getInteger("dc.background.nice", 10), 0, 19);

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
  private static final boolean LINUX =
      System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
  private static volatile boolean warned;

  private BackgroundThreads() {}

  /**
   * A factory of daemon threads named {@code name} (with {@code -0}, {@code -1}... when {@code
   * numbered}) that lower themselves by {@link #NICE} before their first task.
   */
  public static ThreadFactory factory(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t =
          new Thread(
              () -> {
                lowerCurrent();
                r.run();
              },
              numbered ? name + "-" + count.getAndIncrement() : name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Lowers the calling thread by {@link #NICE} nice steps (at most to 19). Returns whether the
   * operating system took it; failures are logged once and otherwise ignored (the work runs at
   * normal priority).
   */
  public static boolean lowerCurrent() {
    if (NICE == 0) {
      return false;
    }
    Thread.currentThread().setPriority(Math.min(Thread.currentThread().getPriority(), 4));
    if (!LINUX) {
      return false;
    }
    try {
      // Relative to the process's value, so that a workstation started with "nice" keeps the gap
      // and a lowered thread started by another one (which inherits its value) is not lowered
      // twice.
      LinuxScheduling.setNice(currentThreadId(), Math.min(19, processNice() + NICE));
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      warnOnce(e.toString());
      return false;
    }
  }

  /** The kernel's id of the calling thread (not Java's), from {@code /proc/thread-self}. */
  static int currentThreadId() throws IOException {
    // "/proc/thread-self" -> "<pid>/task/<tid>"
    Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
    return Integer.parseInt(link.getFileName().toString());
  }

  /** The nice value of the calling thread (Linux), from {@code /proc/thread-self/stat}. */
  static int currentNice() throws IOException {
    return niceIn(Path.of("/proc/thread-self/stat"));
  }

  /**
   * The nice value of the process (its first thread's, as started), from {@code /proc/self/stat}.
   */
  static int processNice() throws IOException {
    return niceIn(Path.of("/proc/self/stat"));
  }

  private static int niceIn(Path stat) throws IOException {
    String s = Files.readString(stat);
    // Fields after the command name (in parentheses, may hold spaces): state is field 3, nice 19.
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(f[19 - 3]);
  }

  private static void warnOnce(String why) {
    if (!warned) {
      warned = true;
      LOG.warn("background threads run at normal priority: {}", why);
    }
  }
}
