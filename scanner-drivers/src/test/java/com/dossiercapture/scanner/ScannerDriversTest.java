package com.dossiercapture.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScannerDriversTest {

  private record Fake(
      String id, Set<OperatingSystem> operatingSystems, int priority, Availability availability)
      implements ScannerDriverProvider {
    @Override
    public ScannerDriver create() {
      return new ScannerDriver() {
        @Override
        public String id() {
          return Fake.this.id;
        }

        @Override
        public String displayName() {
          return id;
        }

        @Override
        public List<DeviceInfo> devices(DiscoveryOptions o) throws ScannerException {
          if (id.equals("broken")) {
            throw new ScannerException("backend exploded");
          }
          return List.of(new DeviceInfo(id + ":one", id, "one", "", "", false));
        }

        @Override
        public DeviceCapabilities capabilities(DeviceInfo d) {
          throw new UnsupportedOperationException();
        }

        @Override
        public ScanResult scan(DeviceInfo d, ScanOptions o, ScanEvents e, ScanCancellation c) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }

  @Test
  void filtersByOsAndAvailabilityAndOrdersByPriority() {
    ScannerDrivers d =
        ScannerDrivers.from(
            List.of(
                new Fake("low", Set.of(OperatingSystem.LINUX), 1, Availability.yes()),
                new Fake("win", Set.of(OperatingSystem.WINDOWS), 99, Availability.yes()),
                new Fake("high", Set.of(OperatingSystem.LINUX), 50, Availability.yes()),
                new Fake(
                    "missing",
                    Set.of(OperatingSystem.LINUX),
                    70,
                    Availability.no("libfoo not installed: apt install libfoo"))),
            OperatingSystem.LINUX);
    assertThat(d.drivers()).extracting(ScannerDriver::id).containsExactly("high", "low");
    assertThat(d.unavailable())
        .extracting(ScannerDrivers.Unavailable::id)
        .containsExactlyInAnyOrder("win", "missing");
    assertThat(d.unavailable()).anyMatch(u -> u.reason().contains("apt install libfoo"));
  }

  @Test
  void oneBrokenDriverDoesNotHideTheOthers() {
    ScannerDrivers d =
        ScannerDrivers.from(
            List.of(
                new Fake("broken", Set.of(OperatingSystem.LINUX), 5, Availability.yes()),
                new Fake("fine", Set.of(OperatingSystem.LINUX), 1, Availability.yes())),
            OperatingSystem.LINUX);
    List<String> errors = new java.util.ArrayList<>();
    assertThat(d.devices(DiscoveryOptions.realOnly(), errors))
        .extracting(DeviceInfo::id)
        .containsExactly("fine:one");
    assertThat(errors).containsExactly("broken: backend exploded");
  }

  @Test
  void serviceLoaderFindsTheBundledDrivers() throws Exception {
    ScannerDrivers d = ScannerDrivers.load();
    List<String> ids = d.drivers().stream().map(ScannerDriver::id).toList();
    assertThat(ids).contains("simulated", "folder");
    if (OperatingSystem.current() == OperatingSystem.LINUX) {
      assertThat(ids).contains("sane").doesNotContain("twain"); // TWAIN is Windows-only
      assertThat(ids.indexOf("sane")).isLessThan(ids.indexOf("simulated"));
    }
    assertThat(d.resolve("simulated:builtin?sheets=2", DiscoveryOptions.realOnly()).test())
        .isTrue();
    assertThatThrownBy(() -> d.resolve("nosuch:thing", DiscoveryOptions.realOnly()))
        .hasMessageContaining("no usable driver 'nosuch'");
  }

  @Test
  void osFamilies() {
    assertThat(OperatingSystem.of("Windows 11")).isEqualTo(OperatingSystem.WINDOWS);
    assertThat(OperatingSystem.of("Linux")).isEqualTo(OperatingSystem.LINUX);
    assertThat(OperatingSystem.of("Mac OS X")).isEqualTo(OperatingSystem.MAC);
  }
}
