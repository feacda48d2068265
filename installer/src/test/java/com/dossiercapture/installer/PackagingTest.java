package com.dossiercapture.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the Linux app-image and .deb with {@code installer/package.sh} from the app's build
 * ({@code app/target/dist/lib}), runs the packaged launcher with {@code version} and with {@code
 * process} on sample pages (comparing its report with the development build's), and checks the
 * .deb's control data. Runs in every full build; off with {@code -Ddc.installer.test=false} (2–3
 * minutes); skipped with the reason otherwise, or when jpackage or fakeroot is missing.
 */
class PackagingTest {

  /** What the .deb must depend on (architecture.md, stack-facts.md). */
  static final List<String> DEPENDS =
      List.of(
          "tesseract-ocr",
          "tesseract-ocr-chi-sim",
          "tesseract-ocr-chi-tra",
          "libtesseract5",
          "libsane1",
          "libgtk-3-0",
          "fonts-noto-cjk",
          "fonts-arphic-uming");

  @TempDir Path tmp;

  record Run(int exit, String out) {}

  static Run run(Path dir, long timeoutSeconds, String... cmd)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("packaging", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    // The packaged app must work without the development launcher's environment.
    pb.environment().remove("OMP_THREAD_LIMIT");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          String.join(" ", cmd)
              + " did not finish in "
              + timeoutSeconds
              + " s:\n"
              + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(p.exitValue(), out);
  }

  /** Report lines without their per-stage milliseconds, which differ from run to run. */
  static List<String> withoutTimings(List<String> lines) {
    return lines.stream().map(l -> l.replaceAll("\"ms\":\\{[^}]*\\},?", "")).toList();
  }

  static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  @Test
  void appImageRunsAndTheDebDeclaresItsDependencies() throws Exception {
    assumeTrue(
        Boolean.getBoolean("dc.installer.test"),
        "packaging test off (-Ddc.installer.test=false): run `mvn -pl installer verify` after `mvn package`"
            + " (or ./dossier-capture package --type all)");
    Path repo = Path.of(System.getProperty("dc.repo.dir", "..")).toAbsolutePath().normalize();
    Path dist = repo.resolve("app/target/dist/lib");
    assumeTrue(
        Files.isDirectory(dist)
            && Files.list(dist).anyMatch(p -> p.getFileName().toString().startsWith("app-")),
        "no app build in " + dist + ": run `./mvnw -B -DskipTests package` first");
    Path jdk = Path.of(System.getProperty("java.home"));
    assumeTrue(
        Files.isExecutable(jdk.resolve("bin/jpackage"))
            && Files.isExecutable(jdk.resolve("bin/jlink")),
        "jpackage/jlink not in " + jdk + ": a full JDK 25 is needed to package");
    assumeTrue(onPath("fakeroot"), "fakeroot is missing: apt-get install fakeroot");
    assumeTrue(
        onPath("dpkg-deb"), "dpkg-deb is missing: the .deb is built on Debian-family systems");
    assumeTrue(onPath("zip"), "zip is missing: apt-get install zip");

    Path out = tmp.resolve("packages");
    Run pkg =
        run(
            repo,
            420,
            "env",
            "JAVA_HOME=" + jdk,
            "bash",
            repo.resolve("installer/package.sh").toString(),
            "--type",
            "all",
            "--out",
            out.toString());
    assertThat(pkg.exit()).as("package.sh output:\n%s", pkg.out()).isZero();

    // The app-image: launcher, trimmed natives.
    Path launcher = out.resolve("dossier-capture/bin/dossier-capture");
    assertThat(launcher).isExecutable();
    Path appDir = out.resolve("dossier-capture/lib/app");
    try (Stream<Path> jars = Files.list(appDir)) {
      Path opencv =
          jars.filter(p -> p.getFileName().toString().startsWith("opencv-"))
              .findFirst()
              .orElseThrow();
      try (ZipFile z = new ZipFile(opencv.toFile())) {
        List<String> natives =
            z.stream()
                .map(e -> e.getName())
                .filter(n -> n.matches(".*\\.(so|dll|dylib)$"))
                .toList();
        assertThat(natives).hasSize(1).allMatch(n -> n.startsWith("nu/pattern/opencv/linux/"));
      }
    }
    String cfg = Files.readString(out.resolve("dossier-capture/lib/app/dossier-capture.cfg"));
    assertThat(cfg).contains("--enable-native-access=ALL-UNNAMED", "-Xmx");

    Run version = run(tmp, 60, launcher.toString(), "version");
    assertThat(version.exit()).as(version.out()).isZero();
    assertThat(version.out()).contains("Dossier Capture", "Java 25");

    // The first pages of the shipped sample batch, through the packaged launcher and through the
    // development build: the same report (timings aside).
    Path input = Files.createDirectories(tmp.resolve("scans"));
    Path samples = repo.resolve("samples/src/main/resources/sample-batch");
    for (int i = 1; i <= 6; i++) {
      String name = String.format("p%05d.png", i);
      Files.copy(samples.resolve(name), input.resolve(name));
    }
    Path report = tmp.resolve("report.jsonl");
    Run process =
        run(
            tmp,
            300,
            launcher.toString(),
            "process",
            "--input",
            input.toString(),
            "--report",
            report.toString(),
            "--workers",
            "2");
    assertThat(process.exit()).as(process.out()).isZero();
    List<String> lines = Files.readAllLines(report);
    assertThat(lines).as("packaged process output:\n%s", process.out()).hasSize(6);
    assertThat(lines).allMatch(l -> l.contains("\"docType\"") && !l.contains("\"error\""));
    Path devReport = tmp.resolve("dev-report.jsonl");
    Run dev =
        run(
            tmp,
            300,
            jdk.resolve("bin/java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            dist + "/*",
            "com.dossiercapture.app.Main",
            "process",
            "--input",
            input.toString(),
            "--report",
            devReport.toString(),
            "--workers",
            "2");
    assertThat(dev.exit()).as(dev.out()).isZero();
    assertThat(withoutTimings(lines)).isEqualTo(withoutTimings(Files.readAllLines(devReport)));

    // The .deb: control data and contents.
    Path deb;
    try (Stream<Path> s = Files.list(out)) {
      deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
    }
    Run info = run(tmp, 60, "dpkg-deb", "-I", deb.toString());
    assertThat(info.exit()).isZero();
    String depends =
        info.out().lines().filter(l -> l.strip().startsWith("Depends:")).findFirst().orElse("");
    List<String> declared = new ArrayList<>();
    for (String d : depends.substring(depends.indexOf(':') + 1).split(",")) {
      declared.add(d.strip().split("[ (]")[0]);
    }
    assertThat(declared).containsAll(DEPENDS);
    assertThat(info.out()).contains("Package: dossier-capture");
    Run contents = run(tmp, 60, "dpkg-deb", "-c", deb.toString());
    assertThat(contents.out())
        .contains("./opt/dossier-capture/bin/dossier-capture")
        .contains("./opt/dossier-capture/lib/dossier-capture.png");
    assertThat(Arrays.asList(contents.out().split("\n"))).anyMatch(l -> l.endsWith(".desktop"));
  }
}
