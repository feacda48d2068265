package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.jna.Environment;
import com.dossiercapture.scanner.jna.NativeLoader;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's libsane: {@code sane_init}/{@code sane_exit} are process-global in C, so this is
 * the one place that calls them (one instance per loaded library). It sets {@code SANE_CONFIG_DIR}
 * before init, re-initialises when a different configuration is needed and no device is open, and
 * serialises the calls SANE does not allow concurrently (init, exit, device listing, open, close).
 */
public final class SaneRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(SaneRuntime.class);

  /** System property with an explicit path to libsane. */
  public static final String LIBRARY_PROPERTY = "dc.sane.library";

  private static SaneRuntime shared;

  private final SaneLibrary lib;
  private final String originalConfigDir;
  private SaneSetup active;
  private int openHandles;
  private int version;

  /** A device as {@code sane_get_devices} lists it. */
  public record Device(String name, String vendor, String model, String type) {}

  private SaneRuntime(SaneLibrary lib) {
    this.lib = lib;
    this.originalConfigDir = Environment.get("SANE_CONFIG_DIR");
  }

  /**
   * The runtime over the system's libsane ({@code libsane.so.1}), loaded once.
   *
   * @throws SaneException when libsane cannot be loaded, listing what was tried and what to install
   */
  public static synchronized SaneRuntime shared() throws SaneException {
    if (shared == null) {
      try {
        shared =
            new SaneRuntime(
                NativeLoader.load(
                    SaneLibrary.class,
                    "libsane",
                    LIBRARY_PROPERTY,
                    List.of("sane", "libsane.so.1"),
                    "Install SANE: sudo apt install libsane1 sane-utils (Debian, Ubuntu, UOS,"
                        + " Kylin), or give the path with -D"
                        + LIBRARY_PROPERTY
                        + "=/path/to/libsane.so.1."));
      } catch (NativeLoader.LoadFailure e) {
        throw new SaneException(e.getMessage(), SaneStatus.UNSUPPORTED);
      }
    }
    return shared;
  }

  /** The raw library. */
  public SaneLibrary library() {
    return lib;
  }

  /** The configuration in effect, or null before the first init. */
  public synchronized SaneSetup active() {
    return active;
  }

  /**
   * The SANE version code from {@code sane_init} (major &lt;&lt; 24 | minor &lt;&lt; 16 | build).
   */
  public synchronized int version() {
    return version;
  }

  /**
   * Makes sure libsane is initialised with {@code setup}. When a different setup is active and no
   * device is open, exits and re-initialises; when devices are open the active setup stays (and
   * this returns false).
   */
  public synchronized boolean ensure(SaneSetup setup) throws SaneException {
    if (active != null && active.equals(setup)) {
      return true;
    }
    if (active != null) {
      if (openHandles > 0) {
        LOG.warn(
            "SANE stays on configuration {} because {} device(s) are open", active, openHandles);
        return false;
      }
      lib.sane_exit();
      active = null;
    }
    String value = setup.configDirValue() != null ? setup.configDirValue() : originalConfigDir;
    Environment.set("SANE_CONFIG_DIR", value);
    IntByReference v = new IntByReference();
    SaneStatus s = SaneStatus.of(lib.sane_init(v, null));
    if (s != SaneStatus.GOOD) {
      throw new SaneException(
          "sane_init failed: " + s.cName() + ". Check the SANE installation (scanimage -L).", s);
    }
    version = v.getValue();
    active = setup;
    LOG.info(
        "SANE {}.{}.{} initialised (SANE_CONFIG_DIR={})",
        (version >>> 24) & 0xff,
        (version >>> 16) & 0xff,
        version & 0xffff,
        value);
    return true;
  }

  /** {@code sane_get_devices}: the devices the active configuration finds. */
  public synchronized List<Device> devices(boolean localOnly) throws SaneException {
    if (active == null) {
      throw new IllegalStateException("call ensure(setup) first");
    }
    PointerByReference ref = new PointerByReference();
    SaneStatus s = SaneStatus.of(lib.sane_get_devices(ref, localOnly ? 1 : 0));
    if (s != SaneStatus.GOOD) {
      throw new SaneException("SANE could not list devices: " + s.cName(), s);
    }
    List<Device> out = new ArrayList<>();
    Pointer arr = ref.getValue();
    if (arr == null) {
      return out;
    }
    for (int i = 0; ; i++) {
      Pointer p = arr.getPointer((long) i * Native.POINTER_SIZE);
      if (p == null) {
        break;
      }
      SaneStructs.Device d = new SaneStructs.Device(p);
      out.add(new Device(d.name, d.vendor, d.model, d.type));
    }
    return out;
  }

  /**
   * Opens a device through {@code api} (the runtime's own library, or a wrapper around it).
   *
   * @throws SaneException with the status (DEVICE_BUSY, ACCESS_DENIED, INVAL for unknown names)
   */
  public SaneHandle open(String name, SaneLibrary api) throws SaneException {
    synchronized (this) {
      if (active == null) {
        throw new IllegalStateException("call ensure(setup) first");
      }
      PointerByReference h = new PointerByReference();
      SaneStatus s = SaneStatus.of(api.sane_open(name, h));
      if (s != SaneStatus.GOOD) {
        String hint =
            switch (s) {
              case DEVICE_BUSY -> " The device is in use by another program or session.";
              case ACCESS_DENIED ->
                  " Permission denied: add the user to the 'scanner' group or fix udev rules.";
              case INVAL -> " No such device in the current SANE configuration.";
              default -> "";
            };
        throw new SaneException(
            "cannot open SANE device " + name + ": " + s.cName() + "." + hint, s);
      }
      openHandles++;
      try {
        return new SaneHandle(api, h.getValue(), name, this::handleClosed);
      } catch (SaneException e) {
        api.sane_close(h.getValue());
        openHandles--;
        throw e;
      }
    }
  }

  private synchronized void handleClosed() {
    openHandles--;
  }

  /** Number of open devices. */
  public synchronized int openHandles() {
    return openHandles;
  }
}
