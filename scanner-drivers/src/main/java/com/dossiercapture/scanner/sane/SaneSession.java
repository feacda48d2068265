package com.dossiercapture.scanner.sane;

import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.PageImages;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.scanner.SheetCounter;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan session on an open SANE device: {@code sane_start} per page (per frame for three-pass),
 * read until EOF, assemble, deliver; loop until {@code SANE_STATUS_NO_DOCS} for feeders. Faults
 * (JAMMED, COVER_OPEN, DEVICE_BUSY, IO_ERROR, ACCESS_DENIED...) cancel the frame, are reported, and
 * the session resumes when the operator cleared them; pages delivered before are kept. Cancellation
 * is checked between reads (non-blocking reads when the backend offers them, so a slow device does
 * not delay it).
 */
final class SaneSession {

  private static final Logger LOG = LoggerFactory.getLogger(SaneSession.class);
  static final int READ_BUFFER = 64 * 1024;

  private final SaneHandle h;
  private final ScanOptions options;
  private final int dpi;
  private final ScanEvents events;
  private final ScanCancellation cancel;
  private final List<ScanFault> faults = new ArrayList<>();
  private int delivered;
  private String lastDetail = "";

  SaneSession(
      SaneHandle h, ScanOptions options, int dpi, ScanEvents events, ScanCancellation cancel) {
    this.h = h;
    this.options = options;
    this.dpi = dpi;
    this.events = events;
    this.cancel = cancel;
  }

  ScanResult run() throws ScannerException {
    SheetCounter counter = new SheetCounter(options.source() == ScanSource.ADF_DUPLEX);
    Memory buf = NativeBuffers.allocate(READ_BUFFER);
    SaneStructs.Parameters params = new SaneStructs.Parameters();
    IntByReference len = new IntByReference();
    try {
      while (true) {
        if (cancel.isCancelled()) {
          return cancelled();
        }
        if (options.maxPages() > 0 && delivered >= options.maxPages()) {
          h.cancel();
          return result(ScanResult.End.PAGE_LIMIT);
        }
        SaneStatus st = h.start();
        if (st == SaneStatus.NO_DOCS) {
          h.cancel();
          events.event(new ScanEvent.AdfEmpty(delivered));
          return result(ScanResult.End.COMPLETED);
        }
        if (st == SaneStatus.CANCELLED) {
          return cancelled();
        }
        if (st != SaneStatus.GOOD) {
          if (fault(st, "sane_start: " + h.describe(st), counter)) {
            continue;
          }
          return result(ScanResult.End.STOPPED_ON_FAULT);
        }
        events.event(
            new ScanEvent.PageStarted(counter.pageIndex(), counter.sheet(), counter.side()));
        SanePageAssembler page = new SanePageAssembler();
        SaneStatus end = readPage(page, params, buf, len);
        if (end == SaneStatus.CANCELLED || cancel.isCancelled()) {
          return cancelled();
        }
        if (end == SaneStatus.NO_DOCS) {
          // The feeder reported empty while a page was starting: the page never came.
          h.cancel();
          events.event(new ScanEvent.AdfEmpty(delivered));
          return result(ScanResult.End.COMPLETED);
        }
        BufferedImage img = null;
        if (end == SaneStatus.GOOD) {
          try {
            img = page.image();
          } catch (SaneException e) {
            end = e.status();
            lastDetail = e.getMessage();
          }
        }
        if (end != SaneStatus.GOOD) {
          if (fault(end, lastDetail, counter)) {
            continue;
          }
          return result(ScanResult.End.STOPPED_ON_FAULT);
        }
        if (page.truncated()) {
          LOG.warn("{}: page {} ended in a partial line", h.deviceName(), counter.pageIndex());
        }
        deliver(img, counter);
        if (!options.source().isFeeder()) {
          h.cancel();
          return result(ScanResult.End.COMPLETED);
        }
      }
    } finally {
      NativeBuffers.free(buf);
    }
  }

  /** Reads all frames of one page; GOOD when complete, else the status that ended it. */
  private SaneStatus readPage(
      SanePageAssembler page, SaneStructs.Parameters params, Memory buf, IntByReference len) {
    boolean firstFrame = true;
    try {
      while (true) {
        if (!firstFrame) {
          SaneStatus st = h.start();
          if (st != SaneStatus.GOOD) {
            lastDetail = "sane_start (next frame): " + h.describe(st);
            return st;
          }
        }
        firstFrame = false;
        h.parameters(params);
        page.beginFrame(params);
        while (true) {
          if (cancel.isCancelled()) {
            return SaneStatus.CANCELLED;
          }
          SaneStatus st = h.read(buf, READ_BUFFER, len);
          if (st == SaneStatus.GOOD) {
            int n = len.getValue();
            if (n > 0) {
              page.append(buf, n);
            } else {
              cancel.awaitCancelled(1); // no data yet: do not spin
            }
            continue;
          }
          if (st == SaneStatus.EOF) {
            break;
          }
          lastDetail =
              "sane_read after "
                  + page.bytesInFrame()
                  + " bytes of page "
                  + (delivered + 1)
                  + ": "
                  + h.describe(st);
          return st;
        }
        page.endFrame(params.format, params.lastFrame != 0);
        if (page.complete()) {
          return SaneStatus.GOOD;
        }
      }
    } catch (SaneException e) {
      lastDetail = e.getMessage();
      return e.status();
    }
  }

  private void deliver(BufferedImage img, SheetCounter counter) throws ScannerException {
    ScannedPage p =
        new ScannedPage(
            img,
            dpi,
            PageImages.colourModeOf(img),
            counter.side(),
            counter.sheet(),
            counter.pageIndex());
    try {
      events.page(p);
    } catch (Exception e) {
      h.cancel();
      throw new ScannerException(
          "page "
              + (counter.pageIndex() + 1)
              + " (sheet "
              + counter.sheet()
              + ", "
              + counter.side().code()
              + ") could not be stored: "
              + e.getMessage()
              + ". Scanning stopped; the "
              + delivered
              + " page(s) before it are kept. Fix the problem and rescan from sheet "
              + counter.sheet()
              + ".",
          e);
    }
    events.event(new ScanEvent.PageDelivered(counter.pageIndex(), counter.sheet(), counter.side()));
    counter.delivered();
    delivered++;
  }

  /** Reports a fault; true when the operator cleared it and the session continues. */
  private boolean fault(SaneStatus st, String detail, SheetCounter counter) {
    boolean answered = h.cancel();
    FaultKind kind = st.fault() == null ? FaultKind.DEVICE_ERROR : st.fault();
    ScanFault f =
        answered
            ? new ScanFault(kind, delivered, st.resumable(), detail)
            : new ScanFault(
                FaultKind.DEVICE_LOST,
                delivered,
                false,
                detail + "; the scanner then stopped responding");
    faults.add(f);
    LOG.warn("{}: {}", h.deviceName(), f.message());
    events.event(new ScanEvent.FaultRaised(f));
    if (f.resumable() && events.fault(f) == FaultAction.RESUME && !cancel.isCancelled()) {
      events.event(new ScanEvent.FaultCleared(f));
      counter.restartSheet();
      return true;
    }
    return false;
  }

  private ScanResult cancelled() {
    h.cancel();
    events.event(new ScanEvent.Cancelled(delivered));
    return result(ScanResult.End.CANCELLED);
  }

  private ScanResult result(ScanResult.End end) {
    return new ScanResult(delivered, end, faults);
  }
}
