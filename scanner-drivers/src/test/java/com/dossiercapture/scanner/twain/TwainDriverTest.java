package com.dossiercapture.scanner.twain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dossiercapture.domain.ColourMode;
import com.dossiercapture.domain.Side;
import com.dossiercapture.scanner.DeviceCapabilities;
import com.dossiercapture.scanner.DeviceInfo;
import com.dossiercapture.scanner.DiscoveryOptions;
import com.dossiercapture.scanner.FaultAction;
import com.dossiercapture.scanner.FaultKind;
import com.dossiercapture.scanner.PageSize;
import com.dossiercapture.scanner.RecordingEvents;
import com.dossiercapture.scanner.ScanCancellation;
import com.dossiercapture.scanner.ScanEvent;
import com.dossiercapture.scanner.ScanOptions;
import com.dossiercapture.scanner.ScanResult;
import com.dossiercapture.scanner.ScanSource;
import com.dossiercapture.scanner.ScannedPage;
import com.dossiercapture.scanner.ScannerException;
import com.sun.jna.Structure;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TWAIN driver against a fake DSM compiled from C that speaks the real binary interface. */
class TwainDriverTest {

  private FakeDsm.Control fake;
  private TwainDriver driver;
  private DeviceInfo device;
  private static final ScanOptions DUPLEX_GREY =
      new ScanOptions(ScanSource.ADF_DUPLEX, 100, ColourMode.GREY, PageSize.A4, 0, 0, 0, Map.of());

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeDsm.control();
    fake.fake_configure("reset", 0);
    driver = new TwainDriver(FakeDsm.dsm());
    device = driver.devices(DiscoveryOptions.realOnly()).get(0);
  }

  @Test
  void structuresHaveTheCLayoutWithTwoBytePacking() {
    Object[][] sizes = {
      {"TW_FIX32", new TwainStructs.Fix32()},
      {"TW_VERSION", new TwainStructs.Version()},
      {"TW_IDENTITY", new TwainStructs.Identity()},
      {"TW_USERINTERFACE", new TwainStructs.UserInterface()},
      {"TW_CAPABILITY", new TwainStructs.Capability()},
      {"TW_ONEVALUE", new TwainStructs.OneValue()},
      {"TW_RANGE", new TwainStructs.Range()},
      {"TW_IMAGEINFO", new TwainStructs.ImageInfo()},
      {"TW_SETUPMEMXFER", new TwainStructs.SetupMemXfer()},
      {"TW_MEMORY", new TwainStructs.Memory()},
      {"TW_IMAGEMEMXFER", new TwainStructs.ImageMemXfer()},
      {"TW_PENDINGXFERS", new TwainStructs.PendingXfers()},
      {"TW_EVENT", new TwainStructs.Event()},
      {"TW_STATUS", new TwainStructs.Status()},
      {"TW_CALLBACK2", new TwainStructs.Callback2()},
      {"TW_ENTRYPOINT", new TwainStructs.EntryPoint()}
    };
    for (Object[] s : sizes) {
      assertThat((long) ((Structure) s[1]).size())
          .as("sizeof %s", s[0])
          .isEqualTo(fake.fake_layout((String) s[0]));
    }
    assertThat((long) TwainStructs.Enumeration.itemsOffset())
        .isEqualTo(fake.fake_layout("TW_ENUMERATION.ItemList"));
    String[][] offsets = {
      {"TW_IDENTITY", "Version"},
      {"TW_IDENTITY", "ProtocolMajor"},
      {"TW_IDENTITY", "SupportedGroups"},
      {"TW_IDENTITY", "Manufacturer"},
      {"TW_IDENTITY", "ProductName"},
      {"TW_USERINTERFACE", "hParent"},
      {"TW_CAPABILITY", "hContainer"},
      {"TW_ONEVALUE", "Item"},
      {"TW_RANGE", "CurrentValue"},
      {"TW_IMAGEINFO", "ImageWidth"},
      {"TW_IMAGEINFO", "BitsPerPixel"},
      {"TW_IMAGEINFO", "PixelType"},
      {"TW_IMAGEMEMXFER", "BytesPerRow"},
      {"TW_IMAGEMEMXFER", "Memory"},
      {"TW_MEMORY", "TheMem"},
      {"TW_PENDINGXFERS", "EOJ"},
      {"TW_EVENT", "TWMessage"},
      {"TW_CALLBACK2", "RefCon"},
      {"TW_CALLBACK2", "Message"},
      {"TW_ENTRYPOINT", "DSM_MemAllocate"}
    };
    for (String[] o : offsets) {
      TwainStructs.Packed2 s =
          java.util.Arrays.stream(sizes)
              .filter(x -> x[0].equals(o[0]))
              .map(x -> (TwainStructs.Packed2) x[1])
              .findFirst()
              .orElseThrow();
      long jna = s.offsetOf(o[1]);
      assertThat(jna)
          .as("offsetof %s.%s", o[0], o[1])
          .isEqualTo(fake.fake_layout(o[0] + "." + o[1]));
    }
  }

  @Test
  void listsSourcesAndReadsCapabilityContainers() throws Exception {
    assertThat(device.id()).isEqualTo("twain:Fake Duplex Scanner");
    DeviceCapabilities caps = driver.capabilities(device);
    assertThat(caps.colourModes()).containsExactlyInAnyOrder(ColourMode.values()); // enumeration
    assertThat(caps.minDpi()).isEqualTo(50); // range
    assertThat(caps.maxDpi()).isEqualTo(600);
    assertThat(caps.duplex()).isTrue(); // one-value
    assertThat(fake.fake_state()).as("back to state 2 (DSM closed)").isEqualTo(2);
    assertThat(fake.fake_live_containers()).isPositive();
  }

  @Test
  void memoryTransferOfSeveralDuplexPages() throws Exception {
    RecordingEvents ev = new RecordingEvents();
    ScanResult r = driver.scan(device, DUPLEX_GREY, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(ev.pages).hasSize(6); // 3 sheets, both sides
    assertThat(ev.pages).extracting(ScannedPage::sheet).containsExactly(1, 1, 2, 2, 3, 3);
    assertThat(ev.pages)
        .extracting(ScannedPage::side)
        .containsExactly(Side.FRONT, Side.BACK, Side.FRONT, Side.BACK, Side.FRONT, Side.BACK);
    for (ScannedPage p : ev.pages) {
      BufferedImage img = p.image();
      assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
      assertThat(img.getWidth()).isEqualTo(200); // 2.00 in at 100 dpi
      assertThat(img.getHeight()).isEqualTo(300); // 3.00 in, in many 4 KB strips
      assertThat(p.dpi()).isEqualTo(100);
      int page = p.pageIndex();
      for (int y : new int[] {0, 17, 150, 299}) {
        for (int x : new int[] {0, 5, 199}) {
          assertThat(img.getRaster().getSample(x, y, 0)).isEqualTo((page * 37 + y * 3 + x) & 0xff);
        }
      }
    }
    assertThat(ev.of(ScanEvent.AdfEmpty.class)).containsExactly(new ScanEvent.AdfEmpty(6));
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void colourAndLineArtNegotiatedThroughPixelTypeAndResolution() throws Exception {
    RecordingEvents ev = new RecordingEvents();
    driver.scan(
        device,
        DUPLEX_GREY.withSource(ScanSource.ADF_FRONT).withColourMode(ColourMode.COLOUR).withDpi(150),
        ev,
        new ScanCancellation());
    assertThat(ev.pages).hasSize(3);
    BufferedImage c = ev.pages.get(1).image();
    assertThat(c.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(c.getWidth()).isEqualTo(300);
    int rgb = c.getRGB(10, 20);
    assertThat((rgb >> 16) & 0xff).isEqualTo((37 + 10) & 0xff); // R from page 1
    assertThat((rgb >> 8) & 0xff).isEqualTo(20); // G = row
    assertThat(rgb & 0xff).isEqualTo(11); // B = page*11

    fake.fake_configure("reset", 0);
    RecordingEvents bw = new RecordingEvents();
    driver.scan(
        device, DUPLEX_GREY.withColourMode(ColourMode.BLACK_AND_WHITE), bw, new ScanCancellation());
    BufferedImage b = bw.pages.get(0).image();
    assertThat(b.getType()).isEqualTo(BufferedImage.TYPE_BYTE_BINARY);
    // fake: byte i of row y is 0xff when (i + y/8 + page) is odd; chocolate: 0 = black
    assertThat(b.getRGB(8, 0) & 0xffffff).isEqualTo(0xffffff);
    assertThat(b.getRGB(0, 0) & 0xffffff).isZero();
  }

  @ParameterizedTest
  @CsvSource({"20, PAPER_JAM", "21, DOUBLE_FEED", "24, COVER_OPEN"})
  void faultMidPageIsClearedAndTheSessionContinues(int cc, FaultKind kind) throws Exception {
    fake.fake_configure("fail_at_page", 4); // sheet 2 back, after its first strip
    fake.fake_configure("fail_cc", cc);
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.RESUME);
    ScanResult r = driver.scan(device, DUPLEX_GREY, ev, new ScanCancellation());
    assertThat(ev.faults).extracting(f -> f.kind()).containsExactly(kind);
    assertThat(ev.faults.get(0).pagesDeliveredBefore()).isEqualTo(3);
    assertThat(ev.faults.get(0).detail()).contains("state 7");
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    // sheet 2 is fed again: its front a second time, then its back
    assertThat(ev.pages).extracting(ScannedPage::sheet).containsExactly(1, 1, 2, 2, 2, 3, 3);
    assertThat(ev.pages.get(3).image().getRaster().getSample(0, 0, 0))
        .isEqualTo(ev.pages.get(2).image().getRaster().getSample(0, 0, 0));
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void faultWithStopKeepsPagesAndClosesCleanly() throws Exception {
    fake.fake_configure("fail_at_page", 2);
    RecordingEvents ev = new RecordingEvents(f -> FaultAction.STOP);
    ScanResult r = driver.scan(device, DUPLEX_GREY, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.STOPPED_ON_FAULT);
    assertThat(r.pagesDelivered()).isEqualTo(1);
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void failureOpeningTheDsmState2() throws Exception {
    fake.fake_configure("fail_opendsm", 1);
    assertThatThrownBy(
            () -> driver.scan(device, DUPLEX_GREY, new RecordingEvents(), new ScanCancellation()))
        .isInstanceOf(TwainException.class)
        .hasMessageContaining("open the Data Source Manager")
        .hasMessageContaining("state 2")
        .hasMessageContaining("TWCC_BUMMER");
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void failureOpeningTheSourceState3() throws Exception {
    fake.fake_configure("fail_opends", 1);
    assertThatThrownBy(
            () -> driver.scan(device, DUPLEX_GREY, new RecordingEvents(), new ScanCancellation()))
        .hasMessageContaining("open the source Fake Duplex Scanner")
        .hasMessageContaining("state 3")
        .hasMessageContaining("TWCC_NODS");
    assertThat(fake.fake_state()).isEqualTo(2);
    DeviceInfo ghost = new DeviceInfo("twain:No Such Scanner", "twain", "x", "", "", false);
    fake.fake_configure("reset", 0);
    assertThatThrownBy(() -> driver.capabilities(ghost)).hasMessageContaining("is not installed");
  }

  @Test
  void failureSettingACapabilityState4() throws Exception {
    fake.fake_configure("fail_setcap", 0x1013); // CAP_DUPLEXENABLED
    assertThatThrownBy(
            () -> driver.scan(device, DUPLEX_GREY, new RecordingEvents(), new ScanCancellation()))
        .hasMessageContaining("set capability 0x1013")
        .hasMessageContaining("TWCC_BADVALUE");
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void failureEnablingState4To5AndEmptyFeeder() throws Exception {
    fake.fake_configure("fail_enable_cc", 16); // TWCC_DENIED
    assertThatThrownBy(
            () -> driver.scan(device, DUPLEX_GREY, new RecordingEvents(), new ScanCancellation()))
        .hasMessageContaining("enable the source")
        .hasMessageContaining("TWCC_DENIED");
    assertThat(fake.fake_state()).isEqualTo(2);

    fake.fake_configure("reset", 0);
    fake.fake_configure("sheets", 0);
    RecordingEvents ev = new RecordingEvents();
    ScanResult r = driver.scan(device, DUPLEX_GREY, ev, new ScanCancellation());
    assertThat(r.end()).isEqualTo(ScanResult.End.COMPLETED);
    assertThat(ev.of(ScanEvent.AdfEmpty.class)).containsExactly(new ScanEvent.AdfEmpty(0));
  }

  @Test
  void failureEndingATransferState7() throws Exception {
    fake.fake_configure("fail_endxfer", 1);
    RecordingEvents ev = new RecordingEvents();
    assertThatThrownBy(() -> driver.scan(device, DUPLEX_GREY, ev, new ScanCancellation()))
        .hasMessageContaining("end the transfer")
        .hasMessageContaining("TWCC_OPERATIONERROR");
    assertThat(ev.pages).hasSize(1); // delivered before the failure, kept
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void cancelFromAnotherThreadResetsPendingTransfers() throws Exception {
    fake.fake_configure("sheets", 20);
    ScanCancellation cancel = new ScanCancellation();
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void page(ScannedPage p) throws Exception {
            super.page(p);
            if (p.pageIndex() == 2) {
              Thread t = Thread.ofPlatform().start(cancel::cancel);
              t.join();
            }
          }
        };
    ScanResult r = driver.scan(device, DUPLEX_GREY, ev, cancel);
    assertThat(r.end()).isEqualTo(ScanResult.End.CANCELLED);
    assertThat(r.pagesDelivered()).isEqualTo(3);
    assertThat(fake.fake_state()).isEqualTo(2);
  }

  @Test
  void refusedPageStopsWithAClearMessage() throws Exception {
    RecordingEvents ev =
        new RecordingEvents() {
          @Override
          public void page(ScannedPage p) throws Exception {
            throw new java.io.IOException("disk full");
          }
        };
    assertThatThrownBy(() -> driver.scan(device, DUPLEX_GREY, ev, new ScanCancellation()))
        .isInstanceOf(ScannerException.class)
        .hasMessageContaining("disk full");
    assertThat(fake.fake_state()).isEqualTo(2);
  }
}
