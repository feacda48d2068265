package com.dossiercapture.scanner.folder;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DeviceResolver;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.ImageFiles;
import com.dossiercapture.scanner.PageImages;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanEvents;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerDriver;
import com.dossiercapture.scanner.ScannerException;
import com.dossiercapture.scanner.SheetCounter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hot folder a network scanner writes into (scan-to-folder / SMB). A file is taken only once it
 * is complete: its size and modification time unchanged for {@code stableMillis} (files written
 * under a temporary name and renamed into place are never seen half-written, since temporary and
 * hidden names are ignored). Its pages (PNG, JPEG incl. CMYK, TIFF incl. multi-page, BMP) are
 * delivered in order; the original moves to {@code done/} only after every page was acknowledged
 * ({@link ScanEvents#page} returned). A file that cannot be read moves to {@code failed/} with a
 * {@code .reason.txt}, and the other files go on.
 */
public final class HotFolderDriver implements ScannerDriver, DeviceResolver {

  /** The driver id and device-id prefix. */
  public static final String ID = "folder";

  private static final Logger LOG = LoggerFactory.getLogger(HotFolderDriver.class);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Hot folder (network scanners)";
  }

  @Override
  public List<DeviceInfo> devices(DiscoveryOptions options) {
    return options.hotFolders().stream().map(p -> device(HotFolderConfig.of(p))).toList();
  }

  /** The device for a configuration. */
  public static DeviceInfo device(HotFolderConfig c) {
    return new DeviceInfo(
        ID + ":" + c.toLocalId(), ID, "Hot folder " + c.inbox(), "", "network scanner", false);
  }

  @Override
  public Optional<DeviceInfo> resolve(String deviceId) throws ScannerException {
    if (!deviceId.startsWith(ID + ":")) {
      return Optional.empty();
    }
    try {
      HotFolderConfig c = HotFolderConfig.parse(deviceId.substring(ID.length() + 1));
      return Optional.of(
          new DeviceInfo(deviceId, ID, "Hot folder " + c.inbox(), "", "network scanner", false));
    } catch (IllegalArgumentException e) {
      throw new ScannerException(e.getMessage(), e);
    }
  }

  @Override
  public DeviceCapabilities capabilities(DeviceInfo device) {
    // The network scanner decides; the folder accepts whatever it writes.
    return new DeviceCapabilities(
        EnumSet.of(ScanSource.ADF_FRONT, ScanSource.ADF_DUPLEX),
        List.of(),
        0,
        0,
        EnumSet.allOf(ColourMode.class),
        0,
        0,
        false,
        List.of());
  }

  private record Seen(long size, Instant modified, long stableSince) {}

  @Override
  public ScanResult scan(
      DeviceInfo device, ScanOptions options, ScanEvents events, ScanCancellation cancel)
      throws ScannerException {
    HotFolderConfig cfg;
    try {
      cfg = HotFolderConfig.parse(device.localId());
    } catch (IllegalArgumentException e) {
      throw new ScannerException(e.getMessage(), e);
    }
    Path inbox = cfg.inbox();
    Path done = inbox.resolve("done");
    Path failed = inbox.resolve("failed");
    try {
      Files.createDirectories(done);
      Files.createDirectories(failed);
    } catch (IOException e) {
      throw new ScannerException(
          "cannot use hot folder "
              + inbox
              + ": "
              + e.getMessage()
              + ". Check that it exists and that this user may write to it.",
          e);
    }
    Map<Path, Seen> seen = new HashMap<>();
    SheetCounter counter = new SheetCounter(options.source() == ScanSource.ADF_DUPLEX);
    int delivered = 0;
    long lastActivity = System.nanoTime();
    while (true) {
      if (cancel.isCancelled()) {
        events.event(new ScanEvent.Cancelled(delivered));
        return new ScanResult(delivered, ScanResult.End.CANCELLED, List.of());
      }
      List<Path> ready = readyFiles(inbox, seen, cfg.stableMillis());
      for (Path file : ready) {
        if (cancel.isCancelled()) {
          break;
        }
        if (options.maxPages() > 0 && delivered >= options.maxPages()) {
          return new ScanResult(delivered, ScanResult.End.PAGE_LIMIT, List.of());
        }
        seen.remove(file);
        lastActivity = System.nanoTime();
        List<BufferedImage> pages;
        try {
          pages = ImageFiles.readPages(file);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
          reject(file, failed, e, events);
          continue;
        }
        counter.restartSheet(); // every file starts with a front side
        for (BufferedImage img : pages) {
          ScannedPage p =
              new ScannedPage(
                  img,
                  options.dpi(),
                  PageImages.colourModeOf(img),
                  counter.side(),
                  counter.sheet(),
                  counter.pageIndex(),
                  Optional.of(file));
          events.event(new ScanEvent.PageStarted(p.pageIndex(), p.sheet(), p.side()));
          try {
            events.page(p);
          } catch (Exception e) {
            throw new ScannerException(
                "page "
                    + (p.pageIndex() + 1)
                    + " from "
                    + file.getFileName()
                    + " could not be stored: "
                    + e.getMessage()
                    + ". The file stays in "
                    + inbox
                    + " and will be taken again (all its pages) when scanning restarts.",
                e);
          }
          events.event(new ScanEvent.PageDelivered(p.pageIndex(), p.sheet(), p.side()));
          counter.delivered();
          delivered++;
        }
        // every page of the file is acknowledged as durable: only now move the original
        try {
          moveInto(file, done);
        } catch (IOException e) {
          throw new ScannerException(
              "the pages of "
                  + file.getFileName()
                  + " are stored but the file could not be moved to "
                  + done
                  + ": "
                  + e.getMessage()
                  + ". Move it by hand, or it will be taken again.",
              e);
        }
      }
      if (cfg.idleMillis() > 0
          && (System.nanoTime() - lastActivity) / 1_000_000 >= cfg.idleMillis()
          && seen.isEmpty()) {
        events.event(new ScanEvent.AdfEmpty(delivered));
        return new ScanResult(delivered, ScanResult.End.COMPLETED, List.of());
      }
      cancel.awaitCancelled(cfg.pollMillis());
    }
  }

  /** Files whose size and time have been still for {@code stableMillis}, oldest first. */
  private static List<Path> readyFiles(Path inbox, Map<Path, Seen> seen, long stableMillis)
      throws ScannerException {
    long now = System.nanoTime();
    List<Path> ready = new ArrayList<>();
    Map<Path, Instant> times = new HashMap<>();
    List<Path> present;
    try (var s = Files.list(inbox)) {
      present = s.filter(HotFolderDriver::candidate).toList();
    } catch (IOException e) {
      throw new ScannerException(
          "cannot list hot folder " + inbox + ": " + e.getMessage() + ". Is the share mounted?", e);
    }
    seen.keySet().retainAll(present);
    for (Path p : present) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (IOException e) {
        continue; // vanished or being replaced: look again next round
      }
      Instant m = a.lastModifiedTime().toInstant();
      Seen prev = seen.get(p);
      if (prev == null || prev.size() != a.size() || !prev.modified().equals(m)) {
        seen.put(p, new Seen(a.size(), m, now));
        if (stableMillis > 0) {
          continue;
        }
      }
      Seen cur = seen.get(p);
      if ((now - cur.stableSince()) / 1_000_000 >= stableMillis && a.size() > 0) {
        ready.add(p);
        times.put(p, m);
      }
    }
    ready.sort(Comparator.comparing((Path p) -> times.get(p)).thenComparing(Path::toString));
    return ready;
  }

  private static boolean candidate(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p)
        && !n.startsWith(".")
        && !n.startsWith("~")
        && ImageFiles.isImage(p);
  }

  private static void reject(Path file, Path failed, Throwable e, ScanEvents events)
      throws ScannerException {
    String reason =
        file.getFileName()
            + " could not be read and was set aside: "
            + e.getMessage()
            + "\nRescan the document or fix the file, then copy it back into the hot folder.\n";
    LOG.warn("hot folder: {}", reason.strip());
    try {
      Path moved = moveInto(file, failed);
      Files.writeString(
          moved.resolveSibling(moved.getFileName() + ".reason.txt"),
          reason,
          StandardCharsets.UTF_8);
      events.event(new ScanEvent.InputRejected(file, moved, e.getMessage()));
    } catch (IOException io) {
      throw new ScannerException(
          "cannot move the unreadable file " + file + " to " + failed + ": " + io.getMessage(), io);
    }
  }

  /** Moves {@code file} into {@code dir}, never overwriting (adds -1, -2... to the name). */
  private static Path moveInto(Path file, Path dir) throws IOException {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    Path target = dir.resolve(name);
    for (int i = 1; Files.exists(target); i++) {
      target = dir.resolve(stem + "-" + i + ext);
    }
    try {
      return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      return Files.move(file, target);
    }
  }
}
