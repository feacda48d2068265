package com.dossiercapture.scanner.sane;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An open SANE device: options read from the backend's descriptors (types, units, constraints,
 * capabilities, reloaded when the backend says so), frame control and reads. Statuses become {@link
 * SaneException}s except where a scan loop must see them ({@link #start}, {@link #read}). Used by
 * one thread at a time (the acquisition thread). Closing it closes the device.
 */
public final class SaneHandle implements AutoCloseable {

  private final SaneLibrary api;
  private final Pointer handle;
  private final String deviceName;
  private final Runnable onClose;
  private final Map<String, SaneOption> byName = new LinkedHashMap<>();
  private boolean paramsStale = true;
  private boolean closed;
  private volatile boolean unresponsive;

  SaneHandle(SaneLibrary api, Pointer handle, String deviceName, Runnable onClose)
      throws SaneException {
    this.api = api;
    this.handle = handle;
    this.deviceName = deviceName;
    this.onClose = onClose;
    reloadOptions();
  }

  /** The backend's device name ({@code test:0}). */
  public String deviceName() {
    return deviceName;
  }

  /** The raw handle, for code that must call the raw library (tests arming backend faults). */
  public Pointer rawHandle() {
    return handle;
  }

  /** Re-reads every option descriptor (after {@code SANE_INFO_RELOAD_OPTIONS}). */
  public void reloadOptions() throws SaneException {
    byName.clear();
    Memory count = NativeBuffers.allocate(4);
    int n;
    try {
      check(
          api.sane_control_option(handle, 0, SaneLibrary.ACTION_GET_VALUE, count, null),
          "read the number of options");
      n = count.getInt(0);
    } finally {
      NativeBuffers.free(count);
    }
    for (int i = 1; i < n; i++) {
      Pointer p = api.sane_get_option_descriptor(handle, i);
      if (p == null) {
        continue;
      }
      SaneStructs.OptionDescriptor d = new SaneStructs.OptionDescriptor(p);
      if (d.type == SaneLibrary.TYPE_GROUP || d.name == null || d.name.isEmpty()) {
        continue;
      }
      byName.put(d.name, copy(i, d));
    }
  }

  private static SaneOption copy(int index, SaneStructs.OptionDescriptor d) {
    int[] range = null;
    List<Integer> words = null;
    List<String> strings = null;
    if (d.constraint != null) {
      switch (d.constraintType) {
        case SaneLibrary.CONSTRAINT_RANGE -> {
          SaneStructs.Range r = new SaneStructs.Range(d.constraint);
          range = new int[] {r.min, r.max, r.quant};
        }
        case SaneLibrary.CONSTRAINT_WORD_LIST -> {
          int len = d.constraint.getInt(0);
          List<Integer> w = new ArrayList<>(len);
          for (int k = 1; k <= len; k++) {
            w.add(d.constraint.getInt(4L * k));
          }
          words = Collections.unmodifiableList(w);
        }
        case SaneLibrary.CONSTRAINT_STRING_LIST -> {
          List<String> s = new ArrayList<>();
          for (int k = 0; ; k++) {
            Pointer sp = d.constraint.getPointer((long) k * Native.POINTER_SIZE);
            if (sp == null) {
              break;
            }
            s.add(sp.getString(0, StandardCharsets.UTF_8.name()));
          }
          strings = Collections.unmodifiableList(s);
        }
        default -> {}
      }
    }
    return new SaneOption(
        index,
        d.name,
        d.title == null ? d.name : d.title,
        d.type,
        d.unit,
        d.size,
        d.cap,
        range,
        words,
        strings);
  }

  /** All options (not groups), in backend order. */
  public List<SaneOption> options() {
    return List.copyOf(byName.values());
  }

  /** The option with this name, if the backend has it. */
  public Optional<SaneOption> option(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The current value as text (numbers in the option's units, arrays comma-separated). */
  public String get(SaneOption o) throws SaneException {
    if (o.type() == SaneLibrary.TYPE_BUTTON || o.type() == SaneLibrary.TYPE_GROUP) {
      return "";
    }
    Memory m = NativeBuffers.allocate(Math.max(o.size(), 4));
    try {
      check(
          api.sane_control_option(handle, o.index(), SaneLibrary.ACTION_GET_VALUE, m, null),
          "read option " + o.name());
      return switch (o.type()) {
        case SaneLibrary.TYPE_STRING -> m.getString(0, StandardCharsets.UTF_8.name());
        case SaneLibrary.TYPE_BOOL -> m.getInt(0) != 0 ? "yes" : "no";
        default -> {
          List<String> parts = new ArrayList<>();
          for (int k = 0; k < o.words(); k++) {
            double v = o.toNumber(m.getInt(4L * k));
            parts.add(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
          }
          yield String.join(",", parts);
        }
      };
    } finally {
      NativeBuffers.free(m);
    }
  }

  /** The current value of a numeric option in its units (first word for arrays). */
  public double getNumber(SaneOption o) throws SaneException {
    String v = get(o);
    int comma = v.indexOf(',');
    return Double.parseDouble(comma < 0 ? v : v.substring(0, comma));
  }

  /**
   * Sets an option from text: {@code yes/no} for booleans, numbers in the option's units
   * (fixed-point is scaled by 65536 here), comma-separated for arrays, the string itself for
   * strings. Re-reads descriptors when the backend asks ({@code RELOAD_OPTIONS}) and remembers
   * {@code RELOAD_PARAMS}.
   *
   * @return the value the backend actually took (differs from the request when it answered {@code
   *     INEXACT})
   * @throws SaneException when the option is inactive, not settable or the backend refuses
   */
  public String set(String name, String value) throws SaneException {
    SaneOption o =
        option(name)
            .orElseThrow(
                () ->
                    new SaneException(
                        "device "
                            + deviceName
                            + " has no option '"
                            + name
                            + "'; it has "
                            + byName.keySet(),
                        SaneStatus.INVAL));
    if (!o.active()) {
      throw new SaneException(
          "option '" + name + "' of " + deviceName + " is inactive in the current mode",
          SaneStatus.INVAL);
    }
    if (!o.settable()) {
      throw new SaneException(
          "option '" + name + "' of " + deviceName + " cannot be set by software",
          SaneStatus.INVAL);
    }
    Memory m;
    switch (o.type()) {
      case SaneLibrary.TYPE_STRING -> {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        m = NativeBuffers.allocate(Math.max(o.size(), b.length + 1));
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
      }
      case SaneLibrary.TYPE_BOOL -> {
        m = NativeBuffers.allocate(4);
        m.setInt(0, parseBool(name, value) ? 1 : 0);
      }
      case SaneLibrary.TYPE_INT, SaneLibrary.TYPE_FIXED -> {
        m = NativeBuffers.allocate(Math.max(o.size(), 4));
        String[] parts = value.split(",");
        for (int k = 0; k < o.words(); k++) {
          String part = parts[Math.min(k, parts.length - 1)].trim();
          double d;
          try {
            d = Double.parseDouble(part);
          } catch (NumberFormatException e) {
            NativeBuffers.free(m);
            throw new SaneException(
                "option '" + name + "' needs a number, got '" + value + "'", SaneStatus.INVAL);
          }
          m.setInt(4L * k, o.toWord(d));
        }
      }
      case SaneLibrary.TYPE_BUTTON -> m = null;
      default ->
          throw new SaneException(
              "option '" + name + "' has unsupported type " + o.type(), SaneStatus.UNSUPPORTED);
    }
    IntByReference info = new IntByReference();
    try {
      check(
          api.sane_control_option(handle, o.index(), SaneLibrary.ACTION_SET_VALUE, m, info),
          "set option " + name + " to '" + value + "'");
    } finally {
      NativeBuffers.free(m);
    }
    int flags = info.getValue();
    if ((flags & SaneLibrary.INFO_RELOAD_PARAMS) != 0) {
      paramsStale = true;
    }
    if ((flags & SaneLibrary.INFO_RELOAD_OPTIONS) != 0) {
      reloadOptions();
    }
    SaneOption now = option(name).orElse(o);
    return o.type() == SaneLibrary.TYPE_BUTTON ? "" : get(now);
  }

  private static boolean parseBool(String name, String v) throws SaneException {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "yes", "true", "1", "on" -> true;
      case "no", "false", "0", "off" -> false;
      default ->
          throw new SaneException(
              "option '" + name + "' needs yes or no, got '" + v + "'", SaneStatus.INVAL);
    };
  }

  /** Whether a {@code RELOAD_PARAMS} was seen since the last {@link #parameters} call. */
  public boolean parametersStale() {
    return paramsStale;
  }

  /** {@code sane_get_parameters} into {@code into} (reused across frames to spare allocations). */
  public void parameters(SaneStructs.Parameters into) throws SaneException {
    check(api.sane_get_parameters(handle, into), "read the scan parameters");
    paramsStale = false;
  }

  /**
   * {@code sane_start}; the status is returned, not thrown, because NO_DOCS and jams are normal.
   */
  public SaneStatus start() {
    return SaneStatus.of(api.sane_start(handle));
  }

  /** {@code sane_read} into {@code buf}; the byte count goes into {@code length}. */
  public SaneStatus read(Memory buf, int max, IntByReference length) {
    length.setValue(0);
    return SaneStatus.of(api.sane_read(handle, buf, max, length));
  }

  /**
   * Asks for non-blocking reads ({@code sane_set_io_mode}); false when the backend does not support
   * them (reads then block until data arrives).
   */
  public boolean setNonBlocking(boolean nonBlocking) {
    return api.sane_set_io_mode(handle, nonBlocking ? 1 : 0) == SaneStatus.GOOD.code();
  }

  /**
   * How long {@link #cancel()} waits for the backend before it gives the device up (20 s; the
   * system property {@code dc.sane.cancelTimeoutMs} changes it).
   */
  static java.time.Duration cancelTimeout() {
    return java.time.Duration.ofMillis(Long.getLong("dc.sane.cancelTimeoutMs", 20_000));
  }

  /**
   * {@code sane_cancel}: ends the current scan or frame sequence. Some backends can block in it
   * forever (a reader process that never ends); the call then runs on its own thread and, after
   * {@link #cancelTimeout()}, the handle is marked unresponsive so the acquisition thread goes on.
   *
   * @return false when the backend did not return in time
   */
  public boolean cancel() {
    if (unresponsive) {
      return false;
    }
    Thread t =
        Thread.ofPlatform()
            .daemon()
            .name("sane-cancel-" + deviceName)
            .start(() -> api.sane_cancel(handle));
    java.time.Duration cancelTimeout = cancelTimeout();
    try {
      t.join(cancelTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      unresponsive = true;
      org.slf4j.LoggerFactory.getLogger(SaneHandle.class)
          .warn(
              "{}: sane_cancel did not return within {}; the device is given up",
              deviceName,
              cancelTimeout);
      return false;
    }
    return true;
  }

  /** True when the backend stopped answering (a cancel never returned). */
  public boolean unresponsive() {
    return unresponsive;
  }

  /** The backend's text for a status. */
  public String describe(SaneStatus s) {
    String t = s.code() >= 0 ? api.sane_strstatus(s.code()) : null;
    return s.cName() + (t == null ? "" : " (" + t + ")");
  }

  private void check(int status, String what) throws SaneException {
    SaneStatus s = SaneStatus.of(status);
    if (s != SaneStatus.GOOD) {
      throw new SaneException(
          "SANE could not " + what + " on " + deviceName + ": " + describe(s), s);
    }
  }

  /** Closes the device (idempotent). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        if (!unresponsive) {
          api.sane_close(handle); // would block behind the hung cancel
        }
      } finally {
        onClose.run();
      }
    }
  }
}
