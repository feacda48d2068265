package com.dossiercapture.scanner.simulated;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DeviceResolver;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.ImageFiles;
import com.dossiercapture.scanner.PageImages;
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
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A duplex ADF that replays a folder of images (or a built-in generated set) at a chosen speed,
 * with faults injected at chosen pages: paper jam, double feed, cover open (resumable: the operator
 * re-feeds the interrupted sheet and the session continues) and device lost (ends the session).
 * Device ids carry the configuration ({@link SimulatedAdfConfig}).
 */
public final class SimulatedAdfDriver implements ScannerDriver, DeviceResolver {

  /** The driver id and device-id prefix. */
  public static final String ID = "simulated";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Simulated duplex ADF";
  }

  @Override
  public List<DeviceInfo> devices(DiscoveryOptions options) {
    if (!options.includeTest()) {
      return List.of();
    }
    return List.of(device(SimulatedAdfConfig.demo()));
  }

  /** The device for a configuration. */
  public static DeviceInfo device(SimulatedAdfConfig c) {
    String label =
        "Simulated duplex ADF ("
            + c.folder().map(p -> "replaying " + p).orElse(c.sheets() + " built-in sheets")
            + ", "
            + (c.pagesPerMinute() == 0 ? "unthrottled" : (int) c.pagesPerMinute() + " pages/min")
            + ")";
    return new DeviceInfo(
        ID + ":" + c.toLocalId(), ID, label, "Dossier Capture", "simulator", true);
  }

  @Override
  public Optional<DeviceInfo> resolve(String deviceId) throws ScannerException {
    if (!deviceId.startsWith(ID + ":")) {
      return Optional.empty();
    }
    try {
      SimulatedAdfConfig c = SimulatedAdfConfig.parse(deviceId.substring(ID.length() + 1));
      return Optional.of(
          new DeviceInfo(deviceId, ID, device(c).name(), "Dossier Capture", "simulator", true));
    } catch (IllegalArgumentException e) {
      throw new ScannerException(e.getMessage(), e);
    }
  }

  @Override
  public DeviceCapabilities capabilities(DeviceInfo device) {
    return new DeviceCapabilities(
        EnumSet.of(ScanSource.ADF_FRONT, ScanSource.ADF_DUPLEX),
        List.of(100, 150, 200, 300, 400, 600),
        100,
        600,
        EnumSet.allOf(ColourMode.class),
        216,
        356,
        false,
        List.of());
  }

  /** One side of one sheet in the feeder. */
  private record Feed(int sheet, Side side, Path file, int pageInFile) {}

  @Override
  public ScanResult scan(
      DeviceInfo device, ScanOptions options, ScanEvents events, ScanCancellation cancel)
      throws ScannerException {
    SimulatedAdfConfig cfg;
    try {
      cfg = SimulatedAdfConfig.parse(device.localId());
    } catch (IllegalArgumentException e) {
      throw new ScannerException(e.getMessage(), e);
    }
    if (options.source() == ScanSource.FLATBED) {
      throw new ScannerException(
          "the simulated scanner has only a document feeder; choose adf-front or adf-duplex");
    }
    boolean duplex = options.source() == ScanSource.ADF_DUPLEX;
    List<Feed> feed = feed(cfg, duplex);
    Set<Integer> fired = new HashSet<>();
    List<ScanFault> faults = new ArrayList<>();
    SheetCounter counter = new SheetCounter(duplex);
    long periodNanos = cfg.pagesPerMinute() == 0 ? 0 : (long) (60e9 / cfg.pagesPerMinute());
    long next = System.nanoTime();
    int delivered = 0;
    int pos = 0;
    List<BufferedImage> fileCache = List.of();
    Path cachedFile = null;
    while (pos < feed.size()) {
      if (options.maxPages() > 0 && delivered >= options.maxPages()) {
        return new ScanResult(delivered, ScanResult.End.PAGE_LIMIT, faults);
      }
      long wait = (next - System.nanoTime()) / 1_000_000;
      if (wait > 0 ? cancel.awaitCancelled(wait) : cancel.isCancelled()) {
        events.event(new ScanEvent.Cancelled(delivered));
        return new ScanResult(delivered, ScanResult.End.CANCELLED, faults);
      }
      next = Math.max(next + periodNanos, System.nanoTime() - periodNanos);
      Feed f = feed.get(pos);
      events.event(new ScanEvent.PageStarted(counter.pageIndex(), counter.sheet(), counter.side()));
      FaultKind kind = cfg.faults().get(pos + 1);
      if (kind != null && fired.add(pos + 1)) {
        boolean resumable = kind != FaultKind.DEVICE_LOST;
        ScanFault fault =
            new ScanFault(
                kind, delivered, resumable, "simulated at page " + (pos + 1) + " of the feeder");
        faults.add(fault);
        events.event(new ScanEvent.FaultRaised(fault));
        if (resumable && events.fault(fault) == FaultAction.RESUME && !cancel.isCancelled()) {
          events.event(new ScanEvent.FaultCleared(fault));
          counter.restartSheet();
          if (f.side() == Side.BACK) {
            pos--; // the operator re-feeds the whole sheet: its front comes again
          }
          continue;
        }
        return new ScanResult(delivered, ScanResult.End.STOPPED_ON_FAULT, faults);
      }
      BufferedImage img;
      if (f.file() == null) {
        img = SyntheticPages.render(f.sheet(), f.side(), options.dpi(), options.colourMode());
      } else {
        if (!f.file().equals(cachedFile)) {
          try {
            fileCache = ImageFiles.readPages(f.file());
          } catch (IOException e) {
            throw new ScannerException(
                "the simulated feeder cannot read "
                    + f.file()
                    + ": "
                    + e.getMessage()
                    + ". Remove or replace that file.",
                e);
          }
          cachedFile = f.file();
        }
        img = PageImages.toMode(fileCache.get(f.pageInFile()), options.colourMode());
      }
      ScannedPage page =
          new ScannedPage(
              img,
              options.dpi(),
              PageImages.colourModeOf(img),
              counter.side(),
              counter.sheet(),
              counter.pageIndex(),
              Optional.ofNullable(f.file()));
      try {
        events.page(page);
      } catch (Exception e) {
        throw new ScannerException(
            "page "
                + (counter.pageIndex() + 1)
                + " could not be stored: "
                + e.getMessage()
                + ". Scanning stopped; "
                + delivered
                + " page(s) before it are kept.",
            e);
      }
      events.event(new ScanEvent.PageDelivered(page.pageIndex(), page.sheet(), page.side()));
      counter.delivered();
      delivered++;
      pos++;
    }
    events.event(new ScanEvent.AdfEmpty(delivered));
    return new ScanResult(delivered, ScanResult.End.COMPLETED, faults);
  }

  private static List<Feed> feed(SimulatedAdfConfig cfg, boolean duplex) throws ScannerException {
    List<Feed> out = new ArrayList<>();
    if (cfg.folder().isEmpty()) {
      for (int s = 1; s <= cfg.sheets(); s++) {
        out.add(new Feed(s, Side.FRONT, null, 0));
        if (duplex) {
          out.add(new Feed(s, Side.BACK, null, 0));
        }
      }
      return out;
    }
    Path dir = cfg.folder().get();
    if (!Files.isDirectory(dir)) {
      throw new ScannerException(
          "the simulated feeder's folder " + dir + " does not exist; give an existing folder");
    }
    try {
      int i = 0;
      for (Path p : ImageFiles.list(dir)) {
        int pages = pageCount(p);
        for (int k = 0; k < pages; k++, i++) {
          boolean back = duplex && i % 2 == 1;
          out.add(new Feed(duplex ? i / 2 + 1 : i + 1, back ? Side.BACK : Side.FRONT, p, k));
        }
      }
    } catch (IOException e) {
      throw new ScannerException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static int pageCount(Path p) throws IOException {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".tif") || n.endsWith(".tiff")) {
      return ImageFiles.readPages(p).size();
    }
    return 1;
  }
}
