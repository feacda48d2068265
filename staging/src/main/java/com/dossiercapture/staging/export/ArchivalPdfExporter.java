package com.dossiercapture.staging.export;

import com.dossiercapture.domain.Catalogue;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.PageResult;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDPageLabelRange;
import org.apache.pdfbox.pdmodel.common.PDPageLabels;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * Archival export of a dossier (Apache PDFBox): one searchable PDF/A-2b volume with a generated
 * 卷宗封面, 卷内目录 and 卷内备考表, every document's pages in catalogue order with a bookmark per document and
 * page labels that follow the archival page numbers; per-document PDF/A files; and per-page colour
 * JPEGs.
 *
 * <p>Page images keep their scanned resolution: bitonal pages become CCITT G4 (lossless), grey and
 * colour pages JPEG at the administrator's quality (a JPEG original is embedded as it is). The OCR
 * word boxes become an invisible text layer ({@link TextLayer}). Every page's original is read
 * through {@link StagingStore#readOriginal}, so an altered or missing file stops the export with
 * {@link ExportException.Kind#DAMAGED_PAGE}.
 *
 * <p>Output is all or nothing: files are written under a temporary name beside the target, fsync'd
 * and renamed into place only when complete; on any failure nothing is left behind.
 */
public final class ArchivalPdfExporter {

  private final StagingStore store;
  private final Catalogue catalogue;

  /** An exporter over that store, with the default catalogue. */
  public ArchivalPdfExporter(StagingStore store) {
    this(store, Catalogue.loadDefault());
  }

  public ArchivalPdfExporter(StagingStore store, Catalogue catalogue) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  /**
   * Writes the dossier's archival volume to {@code out} and records the export in the audit log.
   *
   * @throws ExportException NOT_FOUND, NO_DOCUMENTS, DAMAGED_PAGE, OUTPUT, NO_FONT or IO; no file
   *     is left at {@code out} (an existing one is untouched)
   */
  public ExportResult exportDossier(String caseNumber, Path out, ExportOptions options) {
    long t0 = System.nanoTime();
    DossierPlan plan = DossierPlan.build(store, catalogue, caseNumber);
    Path target = checkFile(out);
    List<String> warnings = new ArrayList<>(plan.warnings());
    Path tmp = temp(target);
    int total;
    try {
      total = writeVolume(plan, tmp, options, warnings);
      commit(tmp, target);
    } catch (RuntimeException | IOException e) {
      deleteQuietly(tmp);
      throw translate(e, target);
    }
    long bytes = size(target);
    audit(options, plan, target);
    return new ExportResult(
        List.of(target),
        plan.scannedPages(),
        plan.numberedPages(),
        total,
        bytes,
        (System.nanoTime() - t0) / 1_000_000,
        warnings);
  }

  /**
   * Writes one PDF/A per document into {@code dir} ({@code 03-民事判决书.pdf}...), numbered pages
   * labelled with their dossier page numbers.
   */
  public ExportResult exportDocuments(String caseNumber, Path dir, ExportOptions options) {
    long t0 = System.nanoTime();
    DossierPlan plan = DossierPlan.build(store, catalogue, caseNumber);
    List<String> warnings = new ArrayList<>(plan.warnings());
    Path work = workDir(dir);
    List<Path> written = new ArrayList<>();
    try {
      List<Path> names = new ArrayList<>();
      for (DossierPlan.Doc d : plan.documents()) {
        String name =
            String.format(Locale.ROOT, "%02d-%s.pdf", d.document().ordinal(), safe(d.title()));
        Path f = work.resolve(name);
        writeDocument(plan, d, f, options, warnings);
        names.add(f);
      }
      for (Path f : names) {
        Path target = dir.resolve(f.getFileName());
        commit(f, target);
        written.add(target);
      }
    } catch (RuntimeException | IOException e) {
      throw translate(e, dir);
    } finally {
      deleteTree(work);
    }
    long bytes = written.stream().mapToLong(ArchivalPdfExporter::size).sum();
    return new ExportResult(
        written,
        plan.scannedPages(),
        plan.numberedPages(),
        plan.scannedPages(),
        bytes,
        (System.nanoTime() - t0) / 1_000_000,
        warnings);
  }

  /**
   * Writes every scanned page as an upright colour JPEG at {@link ExportOptions#jpegDpi()} into
   * {@code dir}: {@code 0001_p1.jpg} for numbered pages, {@code 0001_cover-1.jpg} for the pages of
   * unnumbered documents, in dossier order.
   */
  public ExportResult exportPageJpegs(String caseNumber, Path dir, ExportOptions options) {
    long t0 = System.nanoTime();
    DossierPlan plan = DossierPlan.build(store, catalogue, caseNumber);
    Path work = workDir(dir);
    List<Path> written = new ArrayList<>();
    List<Job> jobs = jobs(plan.documents());
    ExecutorService pool = pool(options.threads());
    try {
      List<Path> files = new ArrayList<>();
      ArrayDeque<Future<Path>> pending = new ArrayDeque<>();
      int seq = 0;
      int done = 0;
      for (Job j : jobs) {
        seq++;
        String label =
            j.doc().numbered()
                ? "p" + (j.doc().firstNumber() + j.index())
                : (j.doc().entry() == null ? "doc" : j.doc().entry().code())
                    + "-"
                    + (j.index() + 1);
        Path f = work.resolve(String.format(Locale.ROOT, "%04d_%s.jpg", seq, label));
        files.add(f);
        pending.add(
            pool.submit(
                () -> {
                  byte[] bytes = store.readOriginal(j.page().id());
                  Integer turned =
                      store.result(j.page().id()).map(PageResult::orientation).orElse(null);
                  int orientation = turned == null ? 0 : turned;
                  var img =
                      PageImages.colourAt(bytes, orientation, j.page().dpi(), options.jpegDpi());
                  try (OutputStream os = Files.newOutputStream(f)) {
                    PageImages.writeJpeg(img, options.jpegQuality(), options.jpegDpi(), os);
                  }
                  return f;
                }));
        if (pending.size() >= options.threads() * 2) {
          await(pending.poll(), jobs, done++);
        }
      }
      while (!pending.isEmpty()) {
        await(pending.poll(), jobs, done++);
      }
      for (Path f : files) {
        fsync(f);
        Path target = dir.resolve(f.getFileName());
        commit(f, target);
        written.add(target);
      }
    } catch (RuntimeException | IOException e) {
      throw translate(e, dir);
    } finally {
      pool.shutdownNow();
      deleteTree(work);
    }
    long bytes = written.stream().mapToLong(ArchivalPdfExporter::size).sum();
    return new ExportResult(
        written,
        plan.scannedPages(),
        plan.numberedPages(),
        0,
        bytes,
        (System.nanoTime() - t0) / 1_000_000,
        plan.warnings());
  }

  // -------------------------------------------------------------------------------------------
  // PDF assembly

  /** One scanned page to export: its document and position in it. */
  private record Job(DossierPlan.Doc doc, Page page, int index) {}

  /** A prepared page and what OCR found on it. */
  private record Ready(PageImages.Prepared image, PageResult result) {}

  private static List<Job> jobs(List<DossierPlan.Doc> docs) {
    List<Job> jobs = new ArrayList<>();
    for (DossierPlan.Doc d : docs) {
      for (int i = 0; i < d.pages().size(); i++) {
        jobs.add(new Job(d, d.pages().get(i), i));
      }
    }
    return jobs;
  }

  private int writeVolume(DossierPlan plan, Path file, ExportOptions o, List<String> warnings)
      throws IOException {
    try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        CjkFonts.FontSet fonts = CjkFonts.open(doc, CjkFonts.locate(o.fontFile()))) {
      LocalDate today = LocalDate.now();
      GeneratedPages gen = new GeneratedPages(doc, fonts);
      PDPageLabels labels = new PDPageLabels(doc);
      PDDocumentOutline outline = new PDDocumentOutline();

      PDPage cover = gen.cover(plan, o.parties(), today);
      labels.setLabelItem(0, label("封面", false, 1));
      bookmark(outline, "卷宗封面", cover);
      List<PDPage> contents = gen.contents(plan);
      labels.setLabelItem(1, label(contents.size() == 1 ? "目录" : "目录-", contents.size() > 1, 1));
      bookmark(outline, "卷内目录", contents.get(0));

      addScanned(doc, fonts, plan.documents(), o, labels, outline, warnings);

      PDPage remarks = gen.remarks(plan, o.actor(), today);
      labels.setLabelItem(doc.getNumberOfPages() - 1, label("备考表", false, 1));
      bookmark(outline, "卷内备考表", remarks);

      finish(doc, labels, outline, facts(plan, o, plan.dossier().caseNumber() + " 诉讼卷宗"));
      missingGlyphs(fonts, warnings);
      doc.save(file.toFile());
      fsync(file);
      return doc.getNumberOfPages();
    }
  }

  private void writeDocument(
      DossierPlan plan, DossierPlan.Doc d, Path file, ExportOptions o, List<String> warnings)
      throws IOException {
    try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        CjkFonts.FontSet fonts = CjkFonts.open(doc, CjkFonts.locate(o.fontFile()))) {
      PDPageLabels labels = new PDPageLabels(doc);
      PDDocumentOutline outline = new PDDocumentOutline();
      addScanned(doc, fonts, List.of(d), o, labels, outline, warnings);
      finish(doc, labels, outline, facts(plan, o, plan.dossier().caseNumber() + " " + d.title()));
      missingGlyphs(fonts, warnings);
      doc.save(file.toFile());
      fsync(file);
    }
  }

  private void addScanned(
      PDDocument doc,
      CjkFonts.FontSet fonts,
      List<DossierPlan.Doc> docs,
      ExportOptions o,
      PDPageLabels labels,
      PDDocumentOutline outline,
      List<String> warnings)
      throws IOException {
    List<Job> jobs = jobs(docs);
    ExecutorService pool = pool(o.threads());
    int noDpi = 0;
    int badWords = 0;
    PDOutlineItem pendingBookmark = null;
    try {
      ArrayDeque<Future<Ready>> pending = new ArrayDeque<>();
      int submitted = 0;
      for (int n = 0; n < jobs.size(); n++) {
        while (submitted < jobs.size() && pending.size() < o.threads() * 2) {
          Job j = jobs.get(submitted++);
          pending.add(pool.submit(() -> prepare(j, o)));
        }
        Ready ready = await(pending.poll(), jobs, n);
        Job j = jobs.get(n);
        if (j.index() == 0) {
          DossierPlan.Doc d = j.doc();
          String prefix = d.numbered() ? null : d.title() + "-";
          labels.setLabelItem(
              doc.getNumberOfPages(), label(prefix, true, d.numbered() ? d.firstNumber() : 1));
          // The bookmark points at the page created just below.
          pendingBookmark = new PDOutlineItem();
          pendingBookmark.setTitle(d.title());
          outline.addLast(pendingBookmark);
        }
        int dpi = j.page().dpi();
        if (dpi <= 0) {
          dpi = 300;
          noDpi++;
        }
        PageImages.Prepared img = ready.image();
        float w = img.width() * 72f / dpi;
        float h = img.height() * 72f / dpi;
        PDPage page = new PDPage(new PDRectangle(w, h));
        doc.addPage(page);
        if (pendingBookmark != null) {
          pendingBookmark.setDestination(page);
          pendingBookmark = null;
        }
        PDImageXObject x = img.toXObject(doc);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(x, 0, 0, w, h);
          PageResult r = ready.result();
          if (r != null && r.wordsJson() != null && !r.wordsJson().isBlank()) {
            try {
              TextLayer.write(
                  cs, fonts, TextLayer.parse(r.wordsJson()), img.width(), img.height(), w, h);
            } catch (IllegalArgumentException e) {
              badWords++;
              if (r.text() != null) {
                TextLayer.writePlain(cs, fonts, r.text(), w, h);
              }
            }
          } else if (r != null && r.text() != null && !r.text().isBlank()) {
            TextLayer.writePlain(cs, fonts, r.text(), w, h);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (noDpi > 0) {
      warnings.add(noDpi + " page(s) have no recorded resolution: 300 dpi assumed for their size");
    }
    if (badWords > 0) {
      warnings.add(
          badWords + " page(s) have unreadable word boxes: their plain OCR text was used instead");
    }
  }

  private Ready prepare(Job j, ExportOptions o) throws IOException {
    byte[] bytes = store.readOriginal(j.page().id());
    PageResult r = store.result(j.page().id()).orElse(null);
    int orientation = r == null || r.orientation() == null ? 0 : r.orientation();
    boolean bw = "black-and-white".equals(j.page().colourMode());
    return new Ready(
        PageImages.prepare(bytes, j.page().format(), orientation, bw, o.jpegQuality()), r);
  }

  private <T> T await(Future<T> f, List<Job> jobs, int n) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExportException(ExportException.Kind.IO, "the export was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      Job j = jobs.get(Math.max(0, Math.min(n, jobs.size() - 1)));
      String where =
          "page "
              + (j.index() + 1)
              + " of document "
              + j.doc().document().ordinal()
              + " ("
              + j.doc().title()
              + "; batch "
              + j.page().batchId()
              + " page "
              + j.page().seq()
              + ")";
      if (c instanceof StoreException se && se.kind() == StoreException.Kind.DAMAGED_PAGE) {
        throw new ExportException(
            ExportException.Kind.DAMAGED_PAGE, where + ": " + se.getMessage(), se);
      }
      if (c instanceof IOException io && !(c instanceof FileSystemException)) {
        throw new ExportException(
            ExportException.Kind.DAMAGED_PAGE,
            where + ": its image cannot be decoded (" + io.getMessage() + ")",
            io);
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      throw new ExportException(ExportException.Kind.IO, where + ": " + c, c);
    }
  }

  private static PDPageLabelRange label(String prefix, boolean decimal, int start) {
    PDPageLabelRange r = new PDPageLabelRange();
    if (prefix != null) {
      r.setPrefix(prefix);
    }
    if (decimal) {
      r.setStyle(PDPageLabelRange.STYLE_DECIMAL);
      r.setStart(start);
    }
    return r;
  }

  private static void bookmark(PDDocumentOutline outline, String title, PDPage page) {
    PDOutlineItem item = new PDOutlineItem();
    item.setTitle(title);
    item.setDestination(page);
    outline.addLast(item);
  }

  private static void finish(
      PDDocument doc, PDPageLabels labels, PDDocumentOutline outline, PdfaMetadata.Facts facts)
      throws IOException {
    PDDocumentCatalog cat = doc.getDocumentCatalog();
    cat.setPageLabels(labels);
    outline.openNode();
    cat.setDocumentOutline(outline);
    cat.setPageMode(PageMode.USE_OUTLINES);
    PDViewerPreferences prefs = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
    prefs.setDisplayDocTitle(true);
    cat.setViewerPreferences(prefs);
    PdfaMetadata.apply(doc, facts);
  }

  private static PdfaMetadata.Facts facts(DossierPlan plan, ExportOptions o, String title) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("caseNumber", plan.dossier().caseNumber());
    d.put("court", plan.dossier().court());
    d.put("dossierVersion", Integer.toString(plan.dossier().version()));
    d.put("verifiedBy", plan.verifiedBy());
    d.put("verifiedAt", plan.verifiedAt() == null ? null : plan.verifiedAt().toString());
    d.put("exportedBy", o.actor());
    d.put(
        "documentDates",
        plan.firstDate() == null ? null : plan.firstDate() + "/" + plan.lastDate());
    d.put("pageCount", Integer.toString(plan.numberedPages()));
    Calendar now = Calendar.getInstance();
    now.set(Calendar.MILLISECOND, 0);
    String version =
        Objects.requireNonNullElse(
            ArchivalPdfExporter.class.getPackage().getImplementationVersion(), "development");
    return new PdfaMetadata.Facts(
        title,
        plan.dossier().court(),
        "电子卷宗 " + plan.dossier().caseNumber() + "，" + plan.numberedPages() + " 页",
        plan.dossier().caseNumber(),
        "Dossier Capture " + version,
        now,
        d);
  }

  private static void missingGlyphs(CjkFonts.FontSet fonts, List<String> warnings) {
    if (!fonts.missing().isEmpty()) {
      warnings.add(
          "no embedded font can show "
              + String.join("", fonts.missing())
              + ": left out of the text layer");
    }
  }

  private void audit(ExportOptions o, DossierPlan plan, Path target) {
    try {
      store.audit(
          o.actor(),
          "dossier.export",
          "dossier",
          Long.toString(plan.dossier().id()),
          plan.dossier().caseNumber()
              + " v"
              + plan.dossier().version()
              + " → "
              + target
              + " sha256 "
              + sha256(target));
    } catch (RuntimeException | IOException e) {
      // The file is complete and valid; a store that cannot take the audit row says so on its own.
      throw new ExportException(
          ExportException.Kind.IO,
          "the export "
              + target
              + " was written but could not be recorded in the audit log: "
              + e.getMessage(),
          e);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Files: all or nothing

  private static ExecutorService pool(int threads) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "export-worker");
          t.setDaemon(true);
          return t;
        });
  }

  /** Checks the target file can be written; returns it absolute. */
  private static Path checkFile(Path out) {
    Path target = out.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      throw new ExportException(
          ExportException.Kind.OUTPUT, target + " is a folder: name the PDF file to write");
    }
    Path parent = target.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Kind.OUTPUT, "cannot create the folder " + parent + ": " + reason(e), e);
    }
    if (!Files.isWritable(parent)) {
      throw new ExportException(
          ExportException.Kind.OUTPUT, "the folder " + parent + " is not writable");
    }
    return target;
  }

  private static Path temp(Path target) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
  }

  /** A hidden working folder inside {@code dir} (created), removed after the export. */
  private static Path workDir(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (Files.exists(d) && !Files.isDirectory(d)) {
      throw new ExportException(ExportException.Kind.OUTPUT, d + " exists and is not a folder");
    }
    try {
      Files.createDirectories(d);
      return Files.createDirectory(d.resolve(".export-" + UUID.randomUUID() + ".part"));
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Kind.OUTPUT, "cannot write into the folder " + d + ": " + reason(e), e);
    }
  }

  private static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    fsync(target.getParent());
  }

  private static void fsync(Path p) {
    try (FileChannel ch =
        FileChannel.open(
            p, Files.isDirectory(p) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to sync a folder; the file itself was synced.
    }
  }

  private static ExportException translate(Exception e, Path where) {
    if (e instanceof ExportException ee) {
      return ee;
    }
    if (e instanceof StoreException se) {
      return new ExportException(
          se.kind() == StoreException.Kind.DAMAGED_PAGE
              ? ExportException.Kind.DAMAGED_PAGE
              : ExportException.Kind.IO,
          se.getMessage(),
          se);
    }
    if (e instanceof AccessDeniedException || e instanceof FileSystemException) {
      return new ExportException(
          ExportException.Kind.OUTPUT, "cannot write " + where + ": " + reason(e), e);
    }
    if (e instanceof IOException) {
      String m = String.valueOf(e.getMessage());
      ExportException.Kind k =
          m.contains("No space left") ? ExportException.Kind.OUTPUT : ExportException.Kind.IO;
      return new ExportException(k, "export to " + where + " failed: " + m, e);
    }
    return new ExportException(ExportException.Kind.IO, "export to " + where + " failed: " + e, e);
  }

  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more can be done; the name starts with a dot and ends with .part
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(ArchivalPdfExporter::deleteQuietly);
    } catch (IOException e) {
      // left for the user: a hidden .part folder
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  static String sha256(Path p) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file name from a title: path separators and characters Windows refuses become '_'. */
  static String safe(String title) {
    String s = title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
    if (s.length() > 60) {
      s = s.substring(0, 60);
    }
    return s.isEmpty() ? "document" : s;
  }
}
