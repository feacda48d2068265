package com.dossiercapture.scanner.sane;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanFault;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScannedPage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The messages between the workstation and its SANE host process ({@link SaneHostMain}), sent as
 * Java serialised objects over the child's stdin and stdout. Only plain values cross: requests one
 * way, replies the other; a scan's page waits for the workstation's acknowledgement (the page is
 * durable) before the host reads on, so a page is never in flight twice.
 */
final class SaneHostProtocol {

  private SaneHostProtocol() {}

  /** Workstation to host. */
  sealed interface Request extends Serializable {}

  record ListDevices(boolean includeTest) implements Request {}

  record GetCapabilities(DeviceInfo device) implements Request {}

  record Scan(DeviceInfo device, ScanOptions options) implements Request {}

  record Cancel() implements Request {}

  record FaultAnswer(FaultAction action) implements Request {}

  /** The page is durable ({@code refusal} null) or was refused, with the reason. */
  record PageAck(String refusal) implements Request {}

  /** Host to workstation. */
  sealed interface Reply extends Serializable {}

  record Ready(long pid) implements Reply {}

  record Devices(List<DeviceInfo> devices) implements Reply {}

  record Capabilities(DeviceCapabilities capabilities) implements Reply {}

  /** One scanned page as raw 8-bit or packed 1-bit samples. */
  record Page(
      int width,
      int height,
      int imageType,
      byte[] samples,
      int dpi,
      ColourMode colourMode,
      Side side,
      int sheet,
      int pageIndex)
      implements Reply {

    static Page of(ScannedPage p) {
      BufferedImage img = p.image();
      int type = img.getType();
      if (type != BufferedImage.TYPE_BYTE_GRAY
          && type != BufferedImage.TYPE_BYTE_BINARY
          && type != BufferedImage.TYPE_3BYTE_BGR) {
        BufferedImage c =
            new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        c.getGraphics().drawImage(img, 0, 0, null);
        img = c;
        type = BufferedImage.TYPE_3BYTE_BGR;
      }
      byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      return new Page(
          img.getWidth(),
          img.getHeight(),
          type,
          data,
          p.dpi(),
          p.colourMode(),
          p.side(),
          p.sheet(),
          p.pageIndex());
    }

    /** The page, its numbering shifted by what earlier host processes delivered. */
    ScannedPage toScannedPage(int pageOffset, int sheetOffset) throws IOException {
      if (width <= 0 || height <= 0) {
        throw new IOException("the SANE host sent a page of " + width + "×" + height + " pixels");
      }
      BufferedImage img = new BufferedImage(width, height, imageType);
      byte[] target = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      if (target.length != samples.length) {
        throw new IOException(
            "the SANE host sent "
                + samples.length
                + " bytes for a "
                + width
                + "×"
                + height
                + " page that needs "
                + target.length);
      }
      System.arraycopy(samples, 0, target, 0, samples.length);
      return new ScannedPage(
          img,
          dpi,
          colourMode,
          side,
          sheet + sheetOffset,
          pageIndex + pageOffset,
          Optional.empty());
    }
  }

  record Event(ScanEvent event) implements Reply {}

  record FaultQuestion(ScanFault fault) implements Reply {}

  record Done(ScanResult result) implements Reply {}

  /** A request failed: a {@code ScannerException} (or worse) in the host, with its message. */
  record Failed(String message) implements Reply {}

  /** Made by the workstation side when the host's output ends (never sent by the host). */
  record Died(String message) implements Reply {}

  /**
   * Writes one message and forgets it (no back references to earlier pages are kept by the stream,
   * so memory stays flat over a long batch).
   */
  static void write(ObjectOutputStream out, Serializable message) throws IOException {
    synchronized (out) {
      out.writeUnshared(message);
      out.reset();
      out.flush();
    }
  }
}
