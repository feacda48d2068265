package com.dossiercapture.staging.export;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts embedded for Chinese text (the generated cover, contents and remarks, and the invisible
 * OCR text layer). PDF/A needs every font embedded; PDFBox can subset only TrueType outlines
 * ({@code glyf}), so the Noto CJK fonts (CFF outlines in an OpenType collection) cannot be used.
 * The default is AR PL UMing (Debian package {@code fonts-arphic-uming}, Arphic Public License,
 * free to redistribute), a Song/Ming face like the one printed court documents use; WenQuanYi Zen
 * Hei ({@code fonts-wqy-zenhei}, GPLv2 with a font embedding exception) and Windows' SimSun are
 * fallbacks. {@code DC_EXPORT_FONT} (environment) or {@code dc.export.font} (system property) names
 * another .ttf/.ttc.
 */
public final class CjkFonts {

  /** Where installed fonts are looked for, best first. */
  static final List<Path> CANDIDATES =
      List.of(
          Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
          Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
          Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
          Path.of("C:\\Windows\\Fonts\\simsun.ttc"));

  /** The Debian package the launcher and the .deb install for export. */
  public static final String DEBIAN_PACKAGE = "fonts-arphic-uming";

  private CjkFonts() {}

  /**
   * The font file to use: the explicit one, else {@code dc.export.font} / {@code DC_EXPORT_FONT},
   * else the first installed candidate.
   *
   * @throws ExportException NO_FONT when there is none
   */
  public static Path locate(Path explicit) {
    if (explicit != null) {
      if (!Files.isReadable(explicit)) {
        throw new ExportException(
            ExportException.Kind.NO_FONT, "the font file " + explicit + " cannot be read");
      }
      return explicit;
    }
    String configured = System.getProperty("dc.export.font", System.getenv("DC_EXPORT_FONT"));
    if (configured != null && !configured.isBlank()) {
      return locate(Path.of(configured));
    }
    for (Path p : CANDIDATES) {
      if (Files.isReadable(p)) {
        return p;
      }
    }
    throw new ExportException(
        ExportException.Kind.NO_FONT,
        "no embeddable Chinese TrueType font is installed (looked for "
            + CANDIDATES
            + "); install the package "
            + DEBIAN_PACKAGE
            + " (apt-get install "
            + DEBIAN_PACKAGE
            + ") or name a .ttf/.ttc with DC_EXPORT_FONT");
  }

  /** Opens the faces of a font file for one document. */
  static FontSet open(PDDocument doc, Path file) {
    try {
      return new FontSet(doc, file);
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Kind.NO_FONT, "cannot read the font " + file + ": " + e.getMessage(), e);
    }
  }

  /** A run of text that one font can show. */
  record Run(PDType0Font font, String text) {}

  /**
   * The faces of one font file, embedded as subsets into one document on first use. Text is split
   * into runs by the first face that has each character; characters no face has are left out and
   * counted.
   */
  static final class FontSet implements Closeable {
    private final PDDocument doc;
    private final Closeable source;
    private final List<TrueTypeFont> faces = new ArrayList<>();
    private final List<CmapLookup> cmaps = new ArrayList<>();
    private final PDType0Font[] loaded;
    private final Set<String> missing = new LinkedHashSet<>();

    FontSet(PDDocument doc, Path file) throws IOException {
      this.doc = doc;
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".ttc")) {
        TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
        source = ttc;
        List<TrueTypeFont> all = new ArrayList<>();
        ttc.processAllFonts(all::add);
        // Simplified Chinese faces first (UMingCN before UMingTW/HK).
        all.sort((a, b) -> Boolean.compare(!isSimplified(a), !isSimplified(b)));
        faces.addAll(all);
      } else {
        TrueTypeFont ttf =
            new TTFParser().parse(new RandomAccessReadBufferedFile(new File(file.toString())));
        source = ttf;
        faces.add(ttf);
      }
      for (TrueTypeFont f : faces) {
        if (f instanceof OpenTypeFont otf && otf.isPostScript()) {
          close();
          throw new ExportException(
              ExportException.Kind.NO_FONT,
              "the font "
                  + file
                  + " has CFF (PostScript) outlines, which cannot be embedded as a subset;"
                  + " use a TrueType font such as "
                  + DEBIAN_PACKAGE);
        }
        cmaps.add(f.getUnicodeCmapLookup(false));
      }
      if (faces.isEmpty()) {
        close();
        throw new ExportException(ExportException.Kind.NO_FONT, "the font " + file + " is empty");
      }
      loaded = new PDType0Font[faces.size()];
    }

    private static boolean isSimplified(TrueTypeFont f) {
      try {
        String n = f.getName();
        return n != null && (n.endsWith("CN") || n.contains("SC") || n.contains("GB"));
      } catch (IOException e) {
        return false;
      }
    }

    /** The primary face (for generated text). */
    PDType0Font primary() throws IOException {
      return face(0);
    }

    private PDType0Font face(int i) throws IOException {
      if (loaded[i] == null) {
        loaded[i] = PDType0Font.load(doc, faces.get(i), true);
      }
      return loaded[i];
    }

    private int faceFor(int codePoint) {
      for (int i = 0; i < cmaps.size(); i++) {
        CmapLookup c = cmaps.get(i);
        if (c != null && c.getGlyphId(codePoint) > 0) {
          return i;
        }
      }
      return -1;
    }

    /** Splits text into runs of one face each; characters no face has are dropped and counted. */
    List<Run> runs(String text) throws IOException {
      List<Run> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      int curFace = -1;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        int f = cp == ' ' ? (curFace >= 0 ? curFace : faceFor(cp)) : faceFor(cp);
        if (f < 0) {
          if (!Character.isWhitespace(cp) && !Character.isISOControl(cp)) {
            missing.add(new String(Character.toChars(cp)));
          }
          continue;
        }
        if (f != curFace && !cur.isEmpty()) {
          out.add(new Run(face(curFace), cur.toString()));
          cur.setLength(0);
        }
        curFace = f;
        cur.appendCodePoint(cp);
      }
      if (!cur.isEmpty()) {
        out.add(new Run(face(curFace), cur.toString()));
      }
      return out;
    }

    /** Width of text at size 1, in text space units (1/1000 of the em are divided out). */
    float width(String text) throws IOException {
      float w = 0;
      for (Run r : runs(text)) {
        w += r.font().getStringWidth(r.text()) / 1000f;
      }
      return w;
    }

    /** Characters that no face could show (left out of the PDF text). */
    Set<String> missing() {
      return missing;
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }
}
