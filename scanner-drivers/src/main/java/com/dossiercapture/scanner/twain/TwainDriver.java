package com.dossiercapture.scanner.twain;

import com.dossiercapture.domain.ColourMode;
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
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.scanner.SheetCounter;
import com.dossiercapture.scanner.jna.NativeLoader;
import com.sun.jna.Memory;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The TWAIN driver (Windows): JNA over the TWAIN DSM ({@code TWAINDSM.dll}, 64-bit, TWAIN 2.x).
 * Sessions negotiate CAP_XFERCOUNT, ICAP_XFERMECH (memory), CAP_FEEDERENABLED, CAP_DUPLEXENABLED,
 * ICAP_PIXELTYPE and ICAP_X/YRESOLUTION, enable the source without its UI, take images by memory
 * transfer, and map condition codes (paper jam, double feed, interlock, device offline...) to
 * events. After a resumable fault the source is disabled and enabled again once the operator
 * cleared it. Device ids are {@code twain:<product name>}.
 */
public final class TwainDriver implements ScannerDriver {

  /** The driver id and device-id prefix. */
  public static final String ID = "twain";

  /** System property naming the DSM library (path or name); default {@code TWAINDSM}. */
  public static final String DSM_PROPERTY = "dc.twain.dsm";

  private final TwainLibrary dsm;

  public TwainDriver(TwainLibrary dsm) {
    this.dsm = dsm;
  }

  /**
   * Loads the DSM from {@code -Ddc.twain.dsm} or the system's {@code TWAINDSM}.
   *
   * @throws ScannerException listing what was tried and what to install
   */
  public static TwainLibrary loadDsm(String explicitPath) throws ScannerException {
    try {
      if (explicitPath != null) {
        return com.sun.jna.Native.load(explicitPath, TwainLibrary.class);
      }
      return NativeLoader.load(
          TwainLibrary.class,
          "the TWAIN DSM",
          DSM_PROPERTY,
          List.of("TWAINDSM"),
          "Install the 64-bit TWAIN Data Source Manager 2.x (TWAINDSM.dll, from twain.org or the"
              + " scanner's driver package) and the scanner's 64-bit TWAIN driver.");
    } catch (NativeLoader.LoadFailure | UnsatisfiedLinkError e) {
      throw new ScannerException(e.getMessage(), e);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "TWAIN (Windows scanners)";
  }

  @Override
  public synchronized List<DeviceInfo> devices(DiscoveryOptions options) throws ScannerException {
    try (TwainSession s = new TwainSession(dsm)) {
      s.openDsm();
      List<DeviceInfo> out = new ArrayList<>();
      for (TwainStructs.Identity id : s.sources()) {
        out.add(
            new DeviceInfo(
                ID + ":" + id.productName(),
                ID,
                id.manufacturer() + " " + id.productName(),
                id.manufacturer(),
                id.productName(),
                false));
      }
      return out;
    }
  }

  @Override
  public synchronized DeviceCapabilities capabilities(DeviceInfo device) throws ScannerException {
    try (TwainSession s = new TwainSession(dsm)) {
      s.openDsm();
      s.openSource(device.localId());
      Set<ColourMode> modes = EnumSet.noneOf(ColourMode.class);
      if (s.getCapability(TwainLibrary.ICAP_PIXELTYPE) instanceof TwainSession.CapValue.Enum e) {
        for (int t : e.items()) {
          switch (t) {
            case TwainLibrary.TWPT_BW -> modes.add(ColourMode.BLACK_AND_WHITE);
            case TwainLibrary.TWPT_GRAY -> modes.add(ColourMode.GREY);
            case TwainLibrary.TWPT_RGB -> modes.add(ColourMode.COLOUR);
            default -> {}
          }
        }
      }
      List<Integer> dpis = new ArrayList<>();
      int min = 0;
      int max = 0;
      TwainSession.CapValue res = s.getCapability(TwainLibrary.ICAP_XRESOLUTION);
      if (res instanceof TwainSession.CapValue.Range r) {
        min = (int) TwainStructs.Fix32.fromBits(r.min());
        max = (int) TwainStructs.Fix32.fromBits(r.max());
        for (int d : new int[] {75, 100, 150, 200, 240, 300, 400, 600, 1200}) {
          if (d >= min && d <= max) {
            dpis.add(d);
          }
        }
      } else if (res instanceof TwainSession.CapValue.Enum e) {
        e.items().forEach(i -> dpis.add((int) TwainStructs.Fix32.fromBits(i)));
        min = dpis.stream().min(Integer::compare).orElse(0);
        max = dpis.stream().max(Integer::compare).orElse(0);
      }
      Set<ScanSource> sources = EnumSet.of(ScanSource.FLATBED, ScanSource.ADF_FRONT);
      try {
        if (s.getCapability(TwainLibrary.CAP_DUPLEX) instanceof TwainSession.CapValue.One o
            && o.item() != 0) {
          sources.add(ScanSource.ADF_DUPLEX);
        }
      } catch (TwainException e) {
        // no duplex capability: simplex only
      }
      return new DeviceCapabilities(sources, dpis, min, max, modes, 0, 0, false, List.of());
    }
  }

  @Override
  public synchronized ScanResult scan(
      DeviceInfo device, ScanOptions options, ScanEvents events, ScanCancellation cancel)
      throws ScannerException {
    List<ScanFault> faults = new ArrayList<>();
    SheetCounter counter = new SheetCounter(options.source() == ScanSource.ADF_DUPLEX);
    int delivered = 0;
    try (TwainSession s = new TwainSession(dsm)) {
      s.openDsm();
      s.openSource(device.localId());
      negotiate(s, options);
      int bufSize = s.preferredBufferSize();
      try (Memory buf = new Memory(bufSize)) {
        TwainStructs.ImageMemXfer x = new TwainStructs.ImageMemXfer();
        sessions:
        while (true) {
          try {
            s.enable();
          } catch (TwainException e) {
            if (e.condition() == TwainCondition.NOMEDIA) {
              events.event(new ScanEvent.AdfEmpty(delivered));
              return new ScanResult(delivered, ScanResult.End.COMPLETED, faults);
            }
            throw e;
          }
          boolean ready;
          try {
            ready = s.awaitTransferReady(cancel::isCancelled);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
          }
          if (!ready) {
            events.event(new ScanEvent.Cancelled(delivered));
            return new ScanResult(delivered, ScanResult.End.CANCELLED, faults);
          }
          while (s.state() == 6) {
            if (cancel.isCancelled()) {
              s.resetTransfers();
              events.event(new ScanEvent.Cancelled(delivered));
              return new ScanResult(delivered, ScanResult.End.CANCELLED, faults);
            }
            if (options.maxPages() > 0 && delivered >= options.maxPages()) {
              s.resetTransfers();
              return new ScanResult(delivered, ScanResult.End.PAGE_LIMIT, faults);
            }
            events.event(
                new ScanEvent.PageStarted(counter.pageIndex(), counter.sheet(), counter.side()));
            BufferedImage img;
            int dpi;
            try {
              TwainStructs.ImageInfo info = s.imageInfo();
              dpi = (int) Math.round(info.XResolution.value());
              img = transfer(s, info, x, buf, cancel);
            } catch (TwainException e) {
              FaultKind kind =
                  e.condition().fault() == null ? FaultKind.DEVICE_ERROR : e.condition().fault();
              ScanFault f =
                  new ScanFault(kind, delivered, e.condition().resumable(), e.getMessage());
              faults.add(f);
              events.event(new ScanEvent.FaultRaised(f));
              s.endTransfer(); // discard the broken image
              if (s.state() == 6) {
                s.resetTransfers();
              }
              s.disable();
              if (f.resumable() && events.fault(f) == FaultAction.RESUME && !cancel.isCancelled()) {
                events.event(new ScanEvent.FaultCleared(f));
                counter.restartSheet();
                continue sessions;
              }
              return new ScanResult(delivered, ScanResult.End.STOPPED_ON_FAULT, faults);
            }
            if (img == null) { // cancelled mid-page, by us or by the source
              s.endTransfer();
              if (cancel.isCancelled()) {
                if (s.state() == 6) {
                  s.resetTransfers();
                }
                events.event(new ScanEvent.Cancelled(delivered));
                return new ScanResult(delivered, ScanResult.End.CANCELLED, faults);
              }
              continue;
            }
            ScannedPage p =
                new ScannedPage(
                    img, dpi, modeOf(img), counter.side(), counter.sheet(), counter.pageIndex());
            try {
              events.page(p);
            } catch (Exception e) {
              throw new ScannerException(
                  "page "
                      + (p.pageIndex() + 1)
                      + " could not be stored: "
                      + e.getMessage()
                      + ". Scanning stopped; "
                      + delivered
                      + " page(s) before it are kept.",
                  e);
            }
            events.event(new ScanEvent.PageDelivered(p.pageIndex(), p.sheet(), p.side()));
            counter.delivered();
            delivered++;
            s.endTransfer();
          }
          // state 5: the feeder is empty
          s.disable();
          events.event(new ScanEvent.AdfEmpty(delivered));
          return new ScanResult(delivered, ScanResult.End.COMPLETED, faults);
        }
      }
    }
  }

  private static ColourMode modeOf(BufferedImage img) {
    return switch (img.getType()) {
      case BufferedImage.TYPE_BYTE_BINARY -> ColourMode.BLACK_AND_WHITE;
      case BufferedImage.TYPE_BYTE_GRAY -> ColourMode.GREY;
      default -> ColourMode.COLOUR;
    };
  }

  private static void negotiate(TwainSession s, ScanOptions o) throws TwainException {
    s.setCapability(TwainLibrary.CAP_XFERCOUNT, TwainLibrary.TWTY_INT16, 0xffff); // -1: all pages
    s.setCapability(TwainLibrary.ICAP_XFERMECH, TwainLibrary.TWTY_UINT16, TwainLibrary.TWSX_MEMORY);
    s.setCapability(
        TwainLibrary.CAP_FEEDERENABLED, TwainLibrary.TWTY_BOOL, o.source().isFeeder() ? 1 : 0);
    if (o.source().isFeeder()) {
      s.setCapability(
          TwainLibrary.CAP_DUPLEXENABLED,
          TwainLibrary.TWTY_BOOL,
          o.source() == ScanSource.ADF_DUPLEX ? 1 : 0);
    }
    int pixelType =
        switch (o.colourMode()) {
          case BLACK_AND_WHITE -> TwainLibrary.TWPT_BW;
          case GREY -> TwainLibrary.TWPT_GRAY;
          case COLOUR -> TwainLibrary.TWPT_RGB;
        };
    s.setCapability(TwainLibrary.ICAP_PIXELTYPE, TwainLibrary.TWTY_UINT16, pixelType);
    int fix = TwainStructs.Fix32.toBits(o.dpi());
    s.setCapability(TwainLibrary.ICAP_XRESOLUTION, TwainLibrary.TWTY_FIX32, fix);
    s.setCapability(TwainLibrary.ICAP_YRESOLUTION, TwainLibrary.TWTY_FIX32, fix);
  }

  /** Memory transfer of one image into a raster; null when cancelled (by the source or us). */
  private static BufferedImage transfer(
      TwainSession s,
      TwainStructs.ImageInfo info,
      TwainStructs.ImageMemXfer x,
      Memory buf,
      ScanCancellation cancel)
      throws TwainException {
    int w = info.ImageWidth;
    int h = info.ImageLength;
    int type;
    int stride;
    switch (info.PixelType) {
      case TwainLibrary.TWPT_BW -> {
        type = BufferedImage.TYPE_BYTE_BINARY;
        stride = (w + 7) / 8;
      }
      case TwainLibrary.TWPT_GRAY -> {
        type = BufferedImage.TYPE_BYTE_GRAY;
        stride = w;
      }
      case TwainLibrary.TWPT_RGB -> {
        type = BufferedImage.TYPE_3BYTE_BGR;
        stride = 3 * w;
      }
      default ->
          throw new TwainException(
              "unsupported pixel type " + info.PixelType, s.state(), TwainCondition.BADVALUE);
    }
    if (w <= 0 || h <= 0 || (long) w * h > 300_000_000L) {
      throw new TwainException(
          "the source announced an image of " + w + "x" + h + " pixels",
          s.state(),
          TwainCondition.BADVALUE);
    }
    BufferedImage img = new BufferedImage(w, h, type);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    while (true) {
      TwainSession.Strip strip = s.transferStrip(x, buf);
      if (strip.rc() == TwainLibrary.TWRC_CANCEL) {
        return null;
      }
      for (int r = 0; r < strip.rows(); r++) {
        int y = strip.yOffset() + r;
        if (y >= h) {
          break;
        }
        long src = (long) r * strip.bytesPerRow();
        if (type == BufferedImage.TYPE_3BYTE_BGR) {
          byte[] row = buf.getByteArray(src, stride);
          int d = y * stride;
          for (int i = 0; i < stride; i += 3) {
            dst[d + i] = row[i + 2];
            dst[d + i + 1] = row[i + 1];
            dst[d + i + 2] = row[i];
          }
        } else {
          buf.read(src, dst, y * stride, Math.min(stride, strip.bytesPerRow()));
        }
      }
      if (strip.rc() == TwainLibrary.TWRC_XFERDONE) {
        return img;
      }
      if (cancel.isCancelled()) {
        return null; // the caller ends the transfer and resets the rest
      }
    }
  }
}
