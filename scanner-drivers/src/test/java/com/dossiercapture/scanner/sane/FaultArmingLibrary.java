package com.dossiercapture.scanner.sane;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test harness around the REAL libsane: every call goes to the real library. Before the N-th {@code
 * sane_start} it arms the test backend's {@code read-return-value} option on the real device (after
 * a real {@code sane_cancel}, since options cannot change while scanning), so the real backend's
 * {@code sane_read} returns the chosen status for that page; {@link #clear()} plays the operator
 * clearing the fault (sets it back to "Default" before the next start).
 */
final class FaultArmingLibrary implements InvocationHandler {

  private final SaneLibrary real;
  private final int armAtStart;
  private final String status;
  private final AtomicInteger starts = new AtomicInteger();
  private volatile boolean clearRequested;

  private FaultArmingLibrary(SaneLibrary real, int armAtStart, String status) {
    this.real = real;
    this.armAtStart = armAtStart;
    this.status = status;
  }

  /** A library that arms {@code status} (e.g. SANE_STATUS_JAMMED) before start number {@code n}. */
  static SaneLibrary arming(SaneLibrary real, int n, String status, FaultArmingLibrary[] out) {
    FaultArmingLibrary h = new FaultArmingLibrary(real, n, status);
    out[0] = h;
    return (SaneLibrary)
        Proxy.newProxyInstance(
            SaneLibrary.class.getClassLoader(), new Class<?>[] {SaneLibrary.class}, h);
  }

  /** The operator cleared the fault: the next start reads normally again. */
  void clear() {
    clearRequested = true;
  }

  int starts() {
    return starts.get();
  }

  @Override
  public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) throws Throwable {
    if (m.getName().equals("sane_start")) {
      Pointer h = (Pointer) args[0];
      int n = starts.incrementAndGet();
      if (n == armAtStart) {
        real.sane_cancel(h);
        setString(h, "read-return-value", status);
      } else if (clearRequested) {
        clearRequested = false;
        setString(h, "read-return-value", "Default");
      }
    }
    try {
      return m.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void setString(Pointer h, String name, String value) {
    for (int i = 1; ; i++) {
      Pointer p = real.sane_get_option_descriptor(h, i);
      if (p == null) {
        throw new AssertionError("no option " + name);
      }
      SaneStructs.OptionDescriptor d = new SaneStructs.OptionDescriptor(p);
      if (name.equals(d.name)) {
        try (Memory mem = new Memory(Math.max(d.size, value.length() + 1))) {
          mem.clear();
          mem.setString(0, value, StandardCharsets.UTF_8.name());
          int st = real.sane_control_option(h, i, SaneLibrary.ACTION_SET_VALUE, mem, null);
          if (st != 0) {
            throw new AssertionError("could not arm " + name + "=" + value + ": status " + st);
          }
        }
        return;
      }
    }
  }
}
