package com.dossiercapture.scanner.sane;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannerException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps backend-neutral {@link ScanOptions} onto a device's SANE options, and the device's options
 * back to {@link DeviceCapabilities}. Everything is read from the descriptors (types, units,
 * constraints, INACTIVE); only the well-known option names of the SANE standard are assumed ({@code
 * source}, {@code mode}, {@code depth}, {@code resolution}, {@code tl-x}...).
 */
public final class SaneOptionMapper {

  private static final Logger LOG = LoggerFactory.getLogger(SaneOptionMapper.class);
  private static final int[] COMMON_DPI = {75, 100, 150, 200, 240, 300, 400, 600, 1200};

  private final SaneNames names;

  public SaneOptionMapper(SaneNames names) {
    this.names = names;
  }

  /**
   * Applies the options in the order backends expect (source, mode, depth, resolution, geometry,
   * brightness/contrast, then raw backend options) and returns the resolution the device took.
   *
   * @throws ScannerException naming the option and what the device offers when something cannot be
   *     set
   */
  public int apply(SaneHandle h, ScanOptions o) throws ScannerException {
    Optional<SaneOption> source = active(h, "source");
    if (source.isPresent() && source.get().stringList() != null) {
      List<String> offered = source.get().stringList();
      String pick =
          names
              .pick(o.source(), offered)
              .orElseThrow(
                  () ->
                      new ScannerException(
                          "scanner "
                              + h.deviceName()
                              + " has no source for "
                              + o.source().code()
                              + "; it offers "
                              + offered
                              + ". Choose another source in the scan profile, or add the"
                              + " device's name to sane-names.json."));
      h.set("source", pick);
    } else if (o.source().isFeeder()) {
      LOG.info("{} has no 'source' option; assuming it feeds by itself", h.deviceName());
    }

    boolean lineartByDepth = false;
    Optional<SaneOption> mode = active(h, "mode");
    if (mode.isPresent() && mode.get().stringList() != null) {
      List<String> offered = mode.get().stringList();
      Optional<String> pick = names.pick(o.colourMode(), offered);
      if (pick.isEmpty() && o.colourMode() == ColourMode.BLACK_AND_WHITE && depthOffers(h, 1)) {
        pick = names.pick(ColourMode.GREY, offered);
        lineartByDepth = pick.isPresent();
      }
      String chosen =
          pick.orElseThrow(
              () ->
                  new ScannerException(
                      "scanner "
                          + h.deviceName()
                          + " has no "
                          + o.colourMode().code()
                          + " mode; it offers "
                          + offered
                          + ". Choose another colour mode in the scan profile."));
      h.set("mode", chosen);
    }
    if (active(h, "depth").isPresent()) {
      int want = lineartByDepth || o.colourMode() == ColourMode.BLACK_AND_WHITE ? 1 : 8;
      if (depthOffers(h, want)) {
        h.set("depth", Integer.toString(want));
      }
    }

    int dpi = o.dpi();
    Optional<SaneOption> res = active(h, "resolution");
    if (res.isPresent()) {
      double v = res.get().nearest(o.dpi());
      String took = h.set("resolution", format(v));
      dpi = (int) Math.round(Double.parseDouble(first(took)));
      if (dpi != o.dpi()) {
        LOG.info("{}: asked for {} dpi, the device took {}", h.deviceName(), o.dpi(), dpi);
      }
    }

    applyGeometry(h, o.pageSize());
    applyLevel(h, "brightness", o.brightness());
    applyLevel(h, "contrast", o.contrast());

    for (Map.Entry<String, String> e : o.backendOptions().entrySet()) {
      h.set(e.getKey(), e.getValue());
    }
    if (res.isPresent()) {
      dpi = (int) Math.round(h.getNumber(h.option("resolution").orElseThrow()));
    }
    return dpi;
  }

  private void applyGeometry(SaneHandle h, PageSize size) throws ScannerException {
    Optional<SaneOption> brx = active(h, "br-x");
    Optional<SaneOption> bry = active(h, "br-y");
    if (brx.isEmpty() || bry.isEmpty() || brx.get().unit() != SaneLibrary.UNIT_MM) {
      return;
    }
    double[] bx = brx.get().bounds();
    double[] by = bry.get().bounds();
    if (bx == null || by == null) {
      return;
    }
    double tlx = bx[0];
    double tly = by[0];
    if (active(h, "tl-x").isPresent()) {
      h.set("tl-x", format(h.option("tl-x").orElseThrow().nearest(tlx)));
    }
    if (active(h, "tl-y").isPresent()) {
      h.set("tl-y", format(h.option("tl-y").orElseThrow().nearest(tly)));
    }
    double w = size == PageSize.AUTO ? bx[1] : Math.min(bx[1], tlx + size.widthMm());
    double hh = size == PageSize.AUTO ? by[1] : Math.min(by[1], tly + size.heightMm());
    h.set("br-x", format(h.option("br-x").orElseThrow().nearest(w)));
    h.set("br-y", format(h.option("br-y").orElseThrow().nearest(hh)));
    if (size != PageSize.AUTO) {
      for (String[] pw :
          new String[][] {{"page-width", "w"}, {"page-height", "h"}}) { // feeder paper size
        Optional<SaneOption> po = active(h, pw[0]);
        if (po.isPresent() && po.get().unit() == SaneLibrary.UNIT_MM) {
          double mm = pw[1].equals("w") ? size.widthMm() : size.heightMm();
          h.set(pw[0], format(po.get().nearest(mm)));
        }
      }
    }
  }

  private void applyLevel(SaneHandle h, String name, int level) throws ScannerException {
    if (level == 0) {
      return;
    }
    Optional<SaneOption> opt = active(h, name);
    if (opt.isEmpty() || opt.get().bounds() == null) {
      LOG.info("{} has no settable {}; ignoring {}", h.deviceName(), name, level);
      return;
    }
    double[] b = opt.get().bounds();
    double mid = (b[0] + b[1]) / 2;
    double v = mid + level / 100.0 * (b[1] - b[0]) / 2;
    h.set(name, format(opt.get().nearest(v)));
  }

  /** What the open device offers. */
  public DeviceCapabilities capabilities(SaneHandle h) throws ScannerException {
    Set<ScanSource> sources = EnumSet.noneOf(ScanSource.class);
    Optional<SaneOption> source = h.option("source");
    if (source.isPresent() && source.get().stringList() != null) {
      for (String s : source.get().stringList()) {
        names.sourceOf(s).ifPresent(sources::add);
      }
    }
    if (sources.isEmpty()) {
      sources.add(ScanSource.FLATBED);
    }
    Set<ColourMode> modes = EnumSet.noneOf(ColourMode.class);
    Optional<SaneOption> mode = h.option("mode");
    if (mode.isPresent() && mode.get().stringList() != null) {
      for (String m : mode.get().stringList()) {
        names.modeOf(m).ifPresent(modes::add);
      }
    }
    if (modes.contains(ColourMode.GREY) && depthOffers(h, 1)) {
      modes.add(ColourMode.BLACK_AND_WHITE);
    }
    TreeSet<Integer> dpis = new TreeSet<>();
    int min = 0;
    int max = 0;
    Optional<SaneOption> res = h.option("resolution");
    if (res.isPresent()) {
      SaneOption r = res.get();
      if (r.wordList() != null) {
        r.wordList().forEach(w -> dpis.add((int) Math.round(r.toNumber(w))));
      } else if (r.bounds() != null) {
        double[] b = r.bounds();
        dpis.add((int) Math.round(b[0]));
        dpis.add((int) Math.round(b[1]));
        for (int d : COMMON_DPI) {
          if (d >= b[0] && d <= b[1] && Math.abs(r.nearest(d) - d) < 0.5) {
            dpis.add(d);
          }
        }
      }
      if (!dpis.isEmpty()) {
        min = dpis.first();
        max = dpis.last();
      }
    }
    double maxW = bound(h, "br-x");
    double maxH = bound(h, "br-y");
    boolean levels = h.option("brightness").isPresent() && h.option("contrast").isPresent();
    List<String> all = new ArrayList<>();
    h.options().forEach(o -> all.add(o.name()));
    return new DeviceCapabilities(
        sources, new ArrayList<>(dpis), min, max, modes, maxW, maxH, levels, all);
  }

  private static double bound(SaneHandle h, String name) {
    return h.option(name)
        .filter(o -> o.unit() == SaneLibrary.UNIT_MM && o.bounds() != null)
        .map(o -> o.bounds()[1])
        .orElse(0.0);
  }

  private static boolean depthOffers(SaneHandle h, int depth) {
    return h.option("depth")
        .filter(SaneOption::active)
        .map(o -> o.wordList() != null && o.wordList().contains(depth))
        .orElse(false);
  }

  private static Optional<SaneOption> active(SaneHandle h, String name) {
    return h.option(name).filter(o -> o.active() && o.settable());
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String first(String v) {
    int c = v.indexOf(',');
    return c < 0 ? v : v.substring(0, c);
  }
}
