package com.dossiercapture.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to {@code ../shared/realworld}: real files from other projects' test suites. They live
 * beside the repository, not in it; a test that uses them skips with a message when they are
 * absent.
 */
public final class SharedFiles {

  private SharedFiles() {}

  /** The shared folder, or {@code null} when it does not exist here. */
  public static Path sharedDir() {
    String prop = System.getProperty("dc.shared.dir");
    Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
    p = p.toAbsolutePath().normalize();
    return Files.isDirectory(p) ? p : null;
  }

  /** A file under {@code shared/realworld}, or the test is skipped with a message. */
  public static Path realworld(String relative) {
    Path shared = sharedDir();
    Assumptions.assumeTrue(
        shared != null,
        "skipped: ../shared is not beside the repository, so real-world file "
            + relative
            + " is absent");
    Path file = shared.resolve("realworld").resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: " + file + " does not exist");
    return file;
  }

  /** The repository root (where the parent pom lives). */
  public static Path repoDir() {
    String prop = System.getProperty("dc.repo.dir");
    if (prop != null) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("dossier-capture"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the repository root from " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
