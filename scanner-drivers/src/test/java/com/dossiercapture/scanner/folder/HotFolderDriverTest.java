package com.dossiercapture.scanner.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.RecordingEvents;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.testsupport.SharedFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotFolderDriverTest {

  private final HotFolderDriver driver = new HotFolderDriver();
  private static final ScanOptions OPTS =
      new ScanOptions(ScanSource.ADF_FRONT, 200, ColourMode.GREY, PageSize.AUTO, 0, 0, 0, Map.of());

  private DeviceInfo dev(Path inbox, long stable, long idle) throws Exception {
    return driver
        .resolve("folder:" + inbox + "?stable=" + stable + "&poll=20&idle=" + idle)
        .orElseThrow();
  }

  private static byte[] png(int w, int h, int grey) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSample(1, 1, 0, grey);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static String[] names(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toArray(String[]::new);
    }
  }

  @Test
  void takesAFileOnlyWhenCompleteAndMovesItOnlyAfterTheAcknowledgement(@TempDir Path inbox)
      throws Exception {
    byte[] data = png(400, 300, 77);
    Path target = inbox.resolve("scan-001.png");
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (var out = Files.newOutputStream(target)) {
                    int third = data.length / 3;
                    out.write(data, 0, third);
                    out.flush();
                    Thread.sleep(150);
                    out.write(data, third, third);
                    out.flush();
                    Thread.sleep(150);
                    out.write(data, 2 * third, data.length - 2 * third);
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                });
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void page(ScannedPage p) throws Exception {
            // not yet acknowledged: the original must still be in the inbox
            assertThat(target).exists();
            assertThat(inbox.resolve("done/scan-001.png")).doesNotExist();
            super.page(p);
          }
        };
    ScanResult r = driver.scan(dev(inbox, 250, 900), OPTS, ev, new ScanCancellation());
    writer.join();
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(ev.pages.get(0).image().getRaster().getSample(1, 1, 0)).isEqualTo(77);
    assertThat(ev.pages.get(0).origin()).contains(target);
    assertThat(target).doesNotExist();
    assertThat(names(inbox.resolve("done"))).containsExactly("scan-001.png");
    assertThat(names(inbox.resolve("failed"))).isEmpty();
  }

  @Test
  void temporaryNamesAreIgnoredUntilRenamedIntoPlace(@TempDir Path inbox) throws Exception {
    Path part = inbox.resolve("doc.png.part");
    Files.write(part, png(50, 50, 10));
    ScanCancellation cancel = new ScanCancellation();
    RecordingEvents ev = new RecordingEvents();
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Thread.sleep(400);
                    assertThat(ev.pages).isEmpty();
                    Files.move(part, inbox.resolve("doc.png"));
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                });
    ScanResult r = driver.scan(dev(inbox, 0, 1200), OPTS, ev, cancel);
    t.join();
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(names(inbox.resolve("done"))).containsExactly("doc.png");
  }

  @Test
  void corruptFilesGoToFailedWithAReasonAndTheOthersContinue(@TempDir Path inbox) throws Exception {
    byte[] good = png(60, 40, 200);
    Files.write(inbox.resolve("a-garbage.png"), "this is not a PNG at all".getBytes());
    Files.write(inbox.resolve("b-truncated.png"), Arrays.copyOf(good, good.length / 2));
    Files.write(inbox.resolve("c-good.png"), good);
    RecordingEvents ev = new RecordingEvents();
    ScanResult r = driver.scan(dev(inbox, 50, 600), OPTS, ev, new ScanCancellation());
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(names(inbox.resolve("done"))).containsExactly("c-good.png");
    assertThat(names(inbox.resolve("failed")))
        .containsExactly(
            "a-garbage.png",
            "a-garbage.png.reason.txt",
            "b-truncated.png",
            "b-truncated.png.reason.txt");
    assertThat(Files.readString(inbox.resolve("failed/a-garbage.png.reason.txt")))
        .contains("a-garbage.png")
        .contains("Rescan");
    assertThat(ev.of(ScanEvent.InputRejected.class)).hasSize(2);
  }

  @Test
  void multiPageTiffDeliversEveryPageAsDuplexSides(@TempDir Path inbox) throws Exception {
    Path tif = inbox.resolve("batch.tif");
    ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(tif.toFile())) {
      w.setOutput(out);
      w.prepareWriteSequence(null);
      for (int i = 0; i < 3; i++) {
        BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 10 * (i + 1));
        w.writeToSequence(new IIOImage(img, null, null), null);
      }
      w.endWriteSequence();
    } finally {
      w.dispose();
    }
    RecordingEvents ev = new RecordingEvents();
    driver.scan(
        dev(inbox, 50, 600), OPTS.withSource(ScanSource.ADF_DUPLEX), ev, new ScanCancellation());
    assertThat(ev.pages).hasSize(3);
    assertThat(ev.pages)
        .extracting(p -> p.image().getRaster().getSample(0, 0, 0))
        .containsExactly(10, 20, 30);
    assertThat(ev.pages)
        .extracting(ScannedPage::side)
        .containsExactly(Side.FRONT, Side.BACK, Side.FRONT);
    assertThat(ev.pages).extracting(ScannedPage::sheet).containsExactly(1, 1, 2);
  }

  @Test
  void aRefusedPageLeavesTheOriginalInTheInbox(@TempDir Path inbox) throws Exception {
    Files.write(inbox.resolve("x.png"), png(30, 30, 5));
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void page(ScannedPage p) throws Exception {
            throw new java.io.IOException("staging disk full");
          }
        };
    assertThatThrownBy(() -> driver.scan(dev(inbox, 50, 600), OPTS, ev, new ScanCancellation()))
        .hasMessageContaining("staging disk full")
        .hasMessageContaining("stays in");
    assertThat(inbox.resolve("x.png")).exists();
    assertThat(names(inbox.resolve("done"))).isEmpty();
  }

  @Test
  void cancelEndsAWaitingSession(@TempDir Path inbox) throws Exception {
    ScanCancellation cancel = new ScanCancellation();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cancel.cancel();
            });
    ScanResult r = driver.scan(dev(inbox, 50, 0), OPTS, new RecordingEvents(), cancel);
    assertThat(r.end()).isEqualTo(ScanResult.End.CANCELLED);
  }

  @Test
  void realWorldImagesFromOtherProjects(@TempDir Path inbox) throws Exception {
    String[] files = {
      "ocrmypdf-test-resources/baiona_cmyk.jpg",
      "ocrmypdf-test-resources/baiona_colormapped.png",
      "ocrmypdf-test-resources/baiona_alpha.png",
      "ocrmypdf-test-resources/baiona_gray.png",
      "rapidocr-test-files/img_exif_orientation.jpg"
    };
    int i = 0;
    for (String f : files) {
      Path src = SharedFiles.realworld(f);
      Files.copy(src, inbox.resolve((i++) + "-" + src.getFileName()));
    }
    RecordingEvents ev = new RecordingEvents();
    ScanResult r = driver.scan(dev(inbox, 50, 800), OPTS, ev, new ScanCancellation());
    assertThat(r.pagesDelivered())
        .as("rejected: %s", ev.of(ScanEvent.InputRejected.class))
        .isEqualTo(5);
    assertThat(ev.pages.get(0).image().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR); // CMYK
    assertThat(ev.pages.get(3).image().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(names(inbox.resolve("done"))).hasSize(5);
  }
}
