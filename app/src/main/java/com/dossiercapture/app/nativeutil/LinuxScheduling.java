package com.dossiercapture.app.nativeutil;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The C library's {@code setpriority} for one Linux thread (JNA binding, loaded on first use). */
public final class LinuxScheduling {

  private LinuxScheduling() {}

  interface LibC extends Library {
    int PRIO_PROCESS = 0;

    int setpriority(int which, int who, int prio);
  }

  private static final class Holder {
    static final LibC LIBC = Native.load("c", LibC.class);
  }

  /**
   * Sets the nice value of the thread with kernel id {@code tid} (on Linux {@code PRIO_PROCESS}
   * with a thread id names that thread alone).
   *
   * @throws IllegalStateException with the error number when the kernel refuses
   */
  public static void setNice(int tid, int nice) {
    if (Holder.LIBC.setpriority(LibC.PRIO_PROCESS, tid, nice) != 0) {
      throw new IllegalStateException("setpriority failed, errno " + Native.getLastError());
    }
  }
}
