package com.dossiercapture.app.separator;

import com.dossiercapture.domain.CaseNumber;
import com.dossiercapture.domain.SeparatorCode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The batch separator sheet the operator puts on top of each dossier's paper: a QR code that names
 * the dossier (payload {@link SeparatorCode}) in each corner, so it reads in any feed direction,
 * and the case number in large type for people. Printed as a bi-level A4 page at 300 dpi.
 */
public final class SeparatorSheet {

  private static final int DPI = 300;
  private static final int W = 2480;
  private static final int H = 3508;

  private SeparatorSheet() {}

  /** Renders the sheet as a bi-level A4 image at 300 dpi. */
  public static BufferedImage render(CaseNumber caseNumber, String court) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    BitMatrix qr = qr(SeparatorCode.payload(caseNumber), 900);
    drawMatrix(g, qr, (W - qr.getWidth()) / 2, 700);
    BitMatrix small = qr(SeparatorCode.payload(caseNumber), 420);
    drawMatrix(g, small, 120, H - 120 - small.getHeight());
    drawMatrix(g, small, W - 120 - small.getWidth(), H - 120 - small.getHeight());
    centred(g, "卷宗分隔页", new Font(Font.SANS_SERIF, Font.BOLD, 150), 450);
    centred(
        g,
        caseNumber.normalised(),
        new Font(Font.SANS_SERIF, Font.BOLD, fit(g, caseNumber.normalised())),
        1900);
    if (court != null && !court.isBlank()) {
      centred(g, court, new Font(Font.SANS_SERIF, Font.PLAIN, 100), 2100);
    }
    centred(
        g,
        "Batch separator sheet — place on top of the dossier's first page",
        new Font(Font.SANS_SERIF, Font.PLAIN, 55),
        2350);
    g.setStroke(new java.awt.BasicStroke(12));
    g.drawRect(60, 60, W - 120, H - 120);
    g.dispose();
    return img;
  }

  /** Writes the sheet as a one-page PDF (CCITT G4 image, a few kilobytes). */
  public static void writePdf(CaseNumber caseNumber, String court, Path out) throws IOException {
    BufferedImage img = render(caseNumber, court);
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDImageXObject x = CCITTFactory.createFromImage(doc, img);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(x, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
      }
      doc.getDocumentInformation().setTitle("卷宗分隔页 " + caseNumber.normalised());
      doc.getDocumentInformation().setCreator("Dossier Capture");
      doc.save(out.toFile());
    }
  }

  private static BitMatrix qr(String payload, int size) {
    try {
      return new QRCodeWriter()
          .encode(
              payload,
              BarcodeFormat.QR_CODE,
              size,
              size,
              Map.of(
                  EncodeHintType.CHARACTER_SET,
                  "UTF-8",
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  4));
    } catch (WriterException e) {
      throw new IllegalStateException("cannot encode the separator QR code", e);
    }
  }

  private static void drawMatrix(Graphics2D g, BitMatrix m, int x0, int y0) {
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          g.fillRect(x0 + x, y0 + y, 1, 1);
        }
      }
    }
  }

  private static int fit(Graphics2D g, String text) {
    for (int size = 200; size > 40; size -= 10) {
      if (g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, size)).stringWidth(text)
          < W - 300) {
        return size;
      }
    }
    return 40;
  }

  private static void centred(Graphics2D g, String text, Font f, int baseline) {
    g.setFont(f);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, (W - fm.stringWidth(text)) / 2, baseline);
  }

  /** The sheet's resolution. */
  public static int dpi() {
    return DPI;
  }
}
