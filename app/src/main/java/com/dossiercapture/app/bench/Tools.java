package com.dossiercapture.app.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds and runs the external programs the comparisons use, one OpenMP thread each. */
final class Tools {

  private Tools() {}

  /** The executable on PATH, if any. */
  static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** What a run printed and how it ended. */
  record Result(int exit, String stdout, String stderr) {}

  /**
   * Runs a command with {@code OMP_THREAD_LIMIT=1}; stdout is captured, stderr goes to a file (kept
   * short in the result) or, for {@code null}, nowhere.
   */
  static Result run(List<String> command, Path stderrFile)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("OMP_THREAD_LIMIT", "1");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectError(
        stderrFile == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(stderrFile.toFile()));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    int exit = p.waitFor();
    String err =
        stderrFile != null && Files.exists(stderrFile)
            ? Files.readString(stderrFile, StandardCharsets.UTF_8)
            : "";
    if (err.length() > 2000) {
      err = "…" + err.substring(err.length() - 2000);
    }
    return new Result(exit, new String(out, StandardCharsets.UTF_8), err);
  }
}
