package com.dossiercapture.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fills a small tmpfs (mounted by the test when it runs as root; skipped with a message otherwise):
 * ingest fails with a clear DISK_FULL error, the store stays consistent, earlier pages are intact.
 */
class DiskFullTest {

  @TempDir Path base;
  Path mount;
  boolean mounted;

  @BeforeEach
  void mountSmallFilesystem() throws Exception {
    mount = base.resolve("small");
    Files.createDirectories(mount);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    Assumptions.assumeTrue(
        ok,
        "skipped: cannot mount a small tmpfs here (needs root and mount rights): " + out.strip());
    mounted = true;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskRefusesTheNextPageAndKeepsTheEarlierOnes() throws Exception {
    Path dir = mount.resolve("store");
    List<Page> stored = new ArrayList<>();
    StoreException failure = null;
    try (StagingStore store = StagingStore.open(dir)) {
      Batch b = store.createBatch(BatchSpec.of("op"));
      for (int i = 0; i < 200 && failure == null; i++) {
        try {
          stored.add(
              store.ingestRaster(
                  b.id(), TestPages.page(700, 990, 500 + i), PageMeta.of("p" + i, 100)));
        } catch (StoreException e) {
          failure = e;
        }
      }
      assertThat(failure).as("the 6 MB disk filled up").isNotNull();
      assertThat(failure.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
      assertThat(failure.getMessage()).contains("disk is full");
      assertThat(stored).isNotEmpty();
      for (Page p : stored) {
        assertThat(StagingStore.sha256(store.readOriginal(p.id()))).isEqualTo(p.sha256());
      }
      assertThat(store.pages(b.id())).hasSize(stored.size());
      // Still full: the next try fails the same way and changes nothing.
      assertThatThrownBy(
              () ->
                  store.ingestRaster(
                      b.id(), TestPages.page(700, 990, 9999), PageMeta.of("again", 100)))
          .isInstanceOf(StoreException.class);
      assertThat(store.pages(b.id())).hasSize(stored.size());
    }
    // The operator frees space; the store reopens consistent, with every acknowledged page.
    Process grow =
        new ProcessBuilder("mount", "-o", "remount,size=64m", mount.toString()).inheritIO().start();
    assertThat(grow.waitFor(20, TimeUnit.SECONDS) && grow.exitValue() == 0).isTrue();
    try (StagingStore store = StagingStore.open(dir)) {
      assertThat(store.recovery().damaged()).isEmpty();
      CheckReport check = store.check();
      assertThat(check.integrity()).isEqualTo("ok");
      assertThat(check.problems()).isEmpty();
      assertThat(check.pagesChecked()).isEqualTo(stored.size());
    }
  }
}
