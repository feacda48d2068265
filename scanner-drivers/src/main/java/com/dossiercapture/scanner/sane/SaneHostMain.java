package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.sane.SaneHostProtocol.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The SANE host process: libsane and its backends run here, not in the workstation. A backend that
 * hangs (the SANE 1.2.1 test backend's reader thread can leave glibc's malloc lock held, after
 * which every allocation in the process blocks) or crashes takes only this process down; the
 * workstation's {@link IsolatedSaneDriver} notices, kills it and starts another.
 *
 * <p>stdout carries the protocol only (library output is sent to stderr); the process ends when
 * stdin closes (the workstation went away), without running shutdown hooks that could block in a
 * wedged backend.
 */
public final class SaneHostMain {

  /** Selects the configuration: {@code system} (default) or {@code test:<dir>}. */
  static final String CONFIG_PROPERTY = "dc.sane.hostConfig";

  private final ObjectOutputStream out;
  private final SaneDriver driver;
  private final BlockingQueue<Request> answers = new LinkedBlockingQueue<>();
  private volatile ScanCancellation scanning;

  private SaneHostMain(ObjectOutputStream out, SaneDriver driver) {
    this.out = out;
    this.driver = driver;
  }

  public static void main(String[] args) {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    System.setOut(System.err);
    try {
      ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(protocol, 1 << 16));
      out.flush();
      SaneDriver driver = driver();
      SaneHostMain host = new SaneHostMain(out, driver);
      SaneHostProtocol.write(out, new SaneHostProtocol.Ready(ProcessHandle.current().pid()));
      host.serve(new ObjectInputStream(new BufferedInputStream(System.in)));
    } catch (Throwable t) {
      System.err.println("SANE host: " + t);
      Runtime.getRuntime().halt(2);
    }
    Runtime.getRuntime().halt(0);
  }

  private static SaneDriver driver() throws SaneException {
    String config = System.getProperty(CONFIG_PROPERTY, "system");
    if (config.startsWith("test:")) {
      SaneRuntime rt = SaneRuntime.shared();
      return new SaneDriver(rt, rt.library(), SaneSetup.testOnly(Path.of(config.substring(5))));
    }
    return SaneDriver.system();
  }

  private void serve(ObjectInputStream in) throws IOException, ClassNotFoundException {
    Thread worker = null;
    while (true) {
      Request r;
      try {
        r = (Request) in.readObject();
      } catch (EOFException e) {
        return;
      }
      switch (r) {
        case SaneHostProtocol.Cancel c -> {
          ScanCancellation s = scanning;
          if (s != null) {
            s.cancel();
          }
        }
        case SaneHostProtocol.FaultAnswer a -> answers.add(a);
        case SaneHostProtocol.PageAck a -> answers.add(a);
        case SaneHostProtocol.Scan s -> {
          if (worker != null) {
            try {
              worker.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          ScanCancellation cancel = new ScanCancellation();
          scanning = cancel;
          worker = Thread.ofPlatform().name("sane-acquisition").start(() -> scan(s, cancel));
        }
        case SaneHostProtocol.ListDevices l ->
            reply(
                () ->
                    new SaneHostProtocol.Devices(
                        driver.devices(
                            l.includeTest()
                                ? com.dossiercapture.scanner.DiscoveryOptions.withTestDevices()
                                : com.dossiercapture.scanner.DiscoveryOptions.realOnly())));
        case SaneHostProtocol.GetCapabilities g ->
            reply(() -> new SaneHostProtocol.Capabilities(driver.capabilities(g.device())));
      }
    }
  }

  private interface Call {
    SaneHostProtocol.Reply run() throws Exception;
  }

  private void reply(Call call) throws IOException {
    SaneHostProtocol.Reply answer;
    try {
      answer = call.run();
    } catch (Exception e) {
      answer = new SaneHostProtocol.Failed(String.valueOf(e.getMessage()));
    }
    send(answer);
  }

  private void send(Serializable message) throws IOException {
    SaneHostProtocol.write(out, message);
  }

  private void scan(SaneHostProtocol.Scan s, ScanCancellation cancel) {
    ScanEvents events =
        new ScanEvents() {
          @Override
          public void page(ScannedPage page) throws Exception {
            send(SaneHostProtocol.Page.of(page));
            Request a = answers.take();
            if (a instanceof SaneHostProtocol.PageAck ack && ack.refusal() != null) {
              throw new IOException(ack.refusal());
            }
          }

          @Override
          public void event(ScanEvent event) {
            try {
              send(new SaneHostProtocol.Event(event));
            } catch (IOException e) {
              cancel.cancel();
            }
          }

          @Override
          public FaultAction fault(ScanFault fault) {
            try {
              send(new SaneHostProtocol.FaultQuestion(fault));
              Request a = answers.take();
              return a instanceof SaneHostProtocol.FaultAnswer f ? f.action() : FaultAction.STOP;
            } catch (IOException e) {
              return FaultAction.STOP;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return FaultAction.STOP;
            }
          }
        };
    try {
      try {
        ScanResult r = driver.scan(s.device(), s.options(), events, cancel);
        send(new SaneHostProtocol.Done(r));
      } catch (Exception e) {
        send(new SaneHostProtocol.Failed(String.valueOf(e.getMessage())));
      }
    } catch (IOException e) {
      Runtime.getRuntime().halt(3); // the workstation is gone
    } finally {
      scanning = null;
    }
  }
}
