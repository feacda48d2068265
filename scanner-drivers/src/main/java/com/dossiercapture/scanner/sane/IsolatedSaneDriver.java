package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.scanner.sane.SaneHostProtocol.Died;
import com.dossiercapture.scanner.sane.SaneHostProtocol.Reply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SANE driver with libsane in a child process ({@link SaneHostMain}). SANE backends run their
 * own threads inside the caller's process; one that wedges (never returns from {@code sane_read})
 * or corrupts the C heap would take the workstation with it. Here the workstation only talks to the
 * host over a pipe: when the host sends nothing for {@link #stallTimeout()} while it should be
 * scanning, or dies, it is killed, the operator sees a device-lost fault with the pages delivered
 * so far kept, and Continue starts a fresh host that scans on from the next sheet.
 *
 * <p>Same devices, ids, options and events as the in-process {@link SaneDriver}; one host per
 * driver instance, started on first use and reused across sessions.
 */
public final class IsolatedSaneDriver implements ScannerDriver {

  private static final Logger LOG = LoggerFactory.getLogger(IsolatedSaneDriver.class);

  /** Set to {@code false} to run libsane in the workstation's own process. */
  public static final String ISOLATED_PROPERTY = "dc.sane.isolated";

  private final String hostConfig;
  private final Duration stallTimeout;
  private Host host;
  private int hostsStarted;

  /**
   * @param hostConfig {@code system} (system configuration with demo switching) or {@code
   *     test:<dir>} (only the SANE test backend, configured in that directory)
   * @param stallTimeout how long the host may stay silent while scanning before it is replaced
   */
  public IsolatedSaneDriver(String hostConfig, Duration stallTimeout) {
    this.hostConfig = hostConfig;
    this.stallTimeout = stallTimeout;
  }

  /** The driver for the workstation: system configuration, stall timeout from the properties. */
  public static IsolatedSaneDriver system() {
    return new IsolatedSaneDriver("system", defaultStallTimeout());
  }

  /**
   * 60 s unless {@code dc.sane.stallTimeoutMs} says otherwise: longer than any lamp warm-up or page
   * of a real scanner, short enough that an operator is not left waiting for ever.
   */
  static Duration defaultStallTimeout() {
    return Duration.ofMillis(Long.getLong("dc.sane.stallTimeoutMs", 60_000));
  }

  public Duration stallTimeout() {
    return stallTimeout;
  }

  @Override
  public String id() {
    return SaneDriver.ID;
  }

  @Override
  public String displayName() {
    return "SANE (Linux scanners)";
  }

  @Override
  public List<DeviceInfo> devices(DiscoveryOptions options) throws ScannerException {
    Reply r = call(new SaneHostProtocol.ListDevices(options.includeTest()));
    if (r instanceof SaneHostProtocol.Devices d) {
      return d.devices();
    }
    throw failure(r, "list the SANE devices");
  }

  @Override
  public DeviceCapabilities capabilities(DeviceInfo device) throws ScannerException {
    Reply r = call(new SaneHostProtocol.GetCapabilities(device));
    if (r instanceof SaneHostProtocol.Capabilities c) {
      return c.capabilities();
    }
    throw failure(r, "read the capabilities of " + device.id());
  }

  /** The host's process id, or -1 when none runs (for tests and diagnostics). */
  public synchronized long hostPid() {
    return host == null ? -1 : host.pid;
  }

  /** How many host processes this driver has started (one, unless a host had to be replaced). */
  public synchronized int hostsStarted() {
    return hostsStarted;
  }

  private synchronized Reply call(SaneHostProtocol.Request request) throws ScannerException {
    Host h = host();
    try {
      h.send(request);
      // Discovery can probe the network for seconds: allow at least 30 s, whatever the stall.
      Duration limit = stallTimeout.multipliedBy(2);
      if (limit.compareTo(Duration.ofSeconds(30)) < 0) {
        limit = Duration.ofSeconds(30);
      }
      Reply r = h.next(limit);
      if (r == null) {
        replace("the SANE host did not answer within " + limit.toSeconds() + " s");
        throw new ScannerException("the scanner system (SANE) did not answer; try again");
      }
      if (r instanceof Died d) {
        replace(null);
        throw new ScannerException(d.message());
      }
      return r;
    } catch (IOException e) {
      replace(null);
      throw new ScannerException("the scanner system (SANE) process failed: " + e.getMessage(), e);
    }
  }

  private static ScannerException failure(Reply r, String what) {
    String why = r instanceof SaneHostProtocol.Failed f ? f.message() : "unexpected reply " + r;
    return new ScannerException("could not " + what + ": " + why);
  }

  @Override
  public synchronized ScanResult scan(
      DeviceInfo device, ScanOptions options, ScanEvents events, ScanCancellation cancel)
      throws ScannerException {
    int delivered = 0;
    int sheetOffset = 0;
    List<ScanFault> faults = new ArrayList<>();
    while (true) {
      if (cancel.isCancelled()) {
        events.event(new ScanEvent.Cancelled(delivered));
        return new ScanResult(delivered, ScanResult.End.CANCELLED, faults);
      }
      Host h = host();
      ScanOptions o = options;
      if (options.maxPages() > 0) {
        o = options.withMaxPages(Math.max(1, options.maxPages() - delivered));
      }
      Session s = new Session(h, events, cancel, delivered, sheetOffset);
      String lost;
      try {
        h.send(new SaneHostProtocol.Scan(device, o));
        Runnable onCancel = () -> h.trySend(new SaneHostProtocol.Cancel());
        cancel.onCancel(onCancel);
        ScanResult r = s.run();
        if (r != null) {
          faults.addAll(r.faults());
          return new ScanResult(delivered + r.pagesDelivered(), r.end(), faults);
        }
        lost = s.lostBecause;
      } catch (IOException e) {
        lost = "the connection to the scanner system broke (" + e.getMessage() + ")";
      }
      delivered += s.delivered;
      sheetOffset = Math.max(sheetOffset, s.maxSheet);
      replace(lost);
      if (cancel.isCancelled()) {
        // the operator stopped the session and the host then went silent: still a cancel
        events.event(new ScanEvent.Cancelled(delivered));
        return new ScanResult(delivered, ScanResult.End.CANCELLED, faults);
      }
      ScanFault f = new ScanFault(FaultKind.DEVICE_LOST, delivered, true, lost);
      faults.add(f);
      events.event(new ScanEvent.FaultRaised(f));
      if (events.fault(f) != FaultAction.RESUME || cancel.isCancelled()) {
        return new ScanResult(delivered, ScanResult.End.STOPPED_ON_FAULT, faults);
      }
      events.event(new ScanEvent.FaultCleared(f));
    }
  }

  /** One scan request on one host; {@link #run} returns null when the host was lost. */
  private final class Session {
    final Host h;
    final ScanEvents events;
    final ScanCancellation cancel;
    final int pageOffset;
    final int sheetOffset;
    int delivered;
    int maxSheet;
    String lostBecause;

    Session(Host h, ScanEvents events, ScanCancellation cancel, int pageOffset, int sheetOffset) {
      this.h = h;
      this.events = events;
      this.cancel = cancel;
      this.pageOffset = pageOffset;
      this.sheetOffset = sheetOffset;
      this.maxSheet = sheetOffset;
    }

    ScanResult run() throws IOException, ScannerException {
      Exception refusedBecause = null;
      while (true) {
        Reply r = h.next(stallTimeout);
        if (r == null) {
          lostBecause =
              "the scanner sent nothing for "
                  + stallTimeout.toSeconds()
                  + " s after page "
                  + (pageOffset + delivered)
                  + "; its driver process was restarted";
          return null;
        }
        switch (r) {
          case Died d -> {
            lostBecause = d.message();
            return null;
          }
          case SaneHostProtocol.Page p -> {
            ScannedPage page = p.toScannedPage(pageOffset, sheetOffset);
            try {
              events.page(page);
              delivered++; // durable now, whatever becomes of the host
              maxSheet = Math.max(maxSheet, page.sheet());
              h.send(new SaneHostProtocol.PageAck(null));
            } catch (Exception e) {
              refusedBecause = e;
              h.send(new SaneHostProtocol.PageAck(String.valueOf(e.getMessage())));
            }
          }
          case SaneHostProtocol.Event e -> events.event(shift(e.event()));
          case SaneHostProtocol.FaultQuestion q -> {
            FaultAction a =
                cancel.isCancelled() ? FaultAction.STOP : events.fault(shift(q.fault()));
            h.send(new SaneHostProtocol.FaultAnswer(a));
          }
          case SaneHostProtocol.Done d -> {
            return new ScanResult(
                d.result().pagesDelivered(),
                d.result().end(),
                d.result().faults().stream().map(this::shift).toList());
          }
          case SaneHostProtocol.Failed f -> {
            throw new ScannerException(f.message(), refusedBecause);
          }
          default -> throw new IOException("unexpected message from the SANE host: " + r);
        }
      }
    }

    private ScanFault shift(ScanFault f) {
      return new ScanFault(
          f.kind(), f.pagesDeliveredBefore() + pageOffset, f.resumable(), f.detail());
    }

    private ScanEvent shift(ScanEvent e) {
      return switch (e) {
        case ScanEvent.PageStarted p ->
            new ScanEvent.PageStarted(
                p.pageIndex() + pageOffset, p.sheet() + sheetOffset, p.side());
        case ScanEvent.PageDelivered p ->
            new ScanEvent.PageDelivered(
                p.pageIndex() + pageOffset, p.sheet() + sheetOffset, p.side());
        case ScanEvent.FaultRaised f -> new ScanEvent.FaultRaised(shift(f.fault()));
        case ScanEvent.FaultCleared f -> new ScanEvent.FaultCleared(shift(f.fault()));
        case ScanEvent.AdfEmpty a -> new ScanEvent.AdfEmpty(a.pagesDelivered() + pageOffset);
        case ScanEvent.Cancelled c -> new ScanEvent.Cancelled(c.pagesDelivered() + pageOffset);
        default -> e;
      };
    }
  }

  // -------------------------------------------------------------------------------------------
  // The host process

  private synchronized Host host() throws ScannerException {
    if (host == null || !host.process.isAlive()) {
      host = Host.start(hostConfig);
      hostsStarted++;
    }
    return host;
  }

  /** Kills the host (it is wedged or gone); the next call starts another. */
  private synchronized void replace(String why) {
    if (host != null) {
      if (why != null) {
        LOG.warn("SANE host {}: {}", host.pid, why);
      }
      host.kill();
      host = null;
    }
  }

  /** Ends the host process. */
  public synchronized void shutdown() {
    replace(null);
  }

  private static final class Host {
    final Process process;
    final long pid;
    final ObjectOutputStream out;
    final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    private Host(Process process, ObjectOutputStream out) {
      this.process = process;
      this.pid = process.pid();
      this.out = out;
    }

    static Host start(String config) throws ScannerException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      if (!Files.isExecutable(java)) {
        throw new ScannerException(
            "cannot start the scanner system: " + java + " is missing from the runtime");
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(java.toString());
      cmd.add("-Xmx256m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.add("-D" + SaneHostMain.CONFIG_PROPERTY + "=" + config);
      System.getProperties()
          .forEach(
              (k, v) -> {
                String key = k.toString();
                if ((key.startsWith("dc.sane.") && !key.equals(SaneHostMain.CONFIG_PROPERTY))
                    || key.startsWith("jna.")
                    || key.startsWith("logback.")) {
                  cmd.add("-D" + key + "=" + v);
                }
              });
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(SaneHostMain.class.getName());
      try {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ObjectOutputStream out =
            new ObjectOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16));
        out.flush();
        Host h = new Host(p, out);
        Thread.ofPlatform()
            .daemon()
            .name("sane-host-reader-" + p.pid())
            .start(() -> h.readLoop(new BufferedInputStream(p.getInputStream(), 1 << 16)));
        Reply first = h.next(Duration.ofSeconds(60));
        if (!(first instanceof SaneHostProtocol.Ready)) {
          h.kill();
          throw new ScannerException(
              "the scanner system (SANE) process did not start"
                  + (first instanceof Died d ? ": " + d.message() : ""));
        }
        return h;
      } catch (IOException e) {
        throw new ScannerException("cannot start the scanner system process: " + e.getMessage(), e);
      }
    }

    private void readLoop(java.io.InputStream raw) {
      try (ObjectInputStream in = new ObjectInputStream(raw)) {
        while (true) {
          replies.add((Reply) in.readObject());
        }
      } catch (IOException | ClassNotFoundException | ClassCastException e) {
        String code = "";
        try {
          if (process.waitFor(2, TimeUnit.SECONDS)) {
            code = " (exit code " + process.exitValue() + ")";
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        replies.add(new Died("the scanner system (SANE) process ended unexpectedly" + code));
      }
    }

    void send(Serializable request) throws IOException {
      SaneHostProtocol.write(out, request);
    }

    void trySend(Serializable request) {
      try {
        send(request);
      } catch (IOException e) {
        // the host is gone; the session notices through its replies
      }
    }

    /** The next reply, or null when none came within {@code timeout}. */
    Reply next(Duration timeout) {
      try {
        return replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Died("interrupted while waiting for the scanner system");
      }
    }

    void kill() {
      process.destroyForcibly();
      try {
        out.close();
      } catch (IOException e) {
        // already gone
      }
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
