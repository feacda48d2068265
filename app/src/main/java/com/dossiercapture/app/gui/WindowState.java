package com.dossiercapture.app.gui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where the window was, how big, its divider positions and which station was shown: a small
 * properties file in the user's configuration folder ({@code $XDG_CONFIG_HOME/dossier-capture},
 * {@code ~/.config/dossier-capture}, or the folder named by the {@code dc.config.dir} system
 * property, which tests point at a temporary folder). A missing or broken file means defaults.
 */
final class WindowState {

  private final Path file;
  private final Properties props = new Properties();

  WindowState(Path file) {
    this.file = file;
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        props.clear(); // a broken file only costs the remembered layout
      }
    }
  }

  /** The file in the user's configuration folder. */
  static Path defaultFile() {
    String explicit = System.getProperty("dc.config.dir");
    Path dir;
    if (explicit != null) {
      dir = Path.of(explicit);
    } else if (System.getenv("XDG_CONFIG_HOME") != null) {
      dir = Path.of(System.getenv("XDG_CONFIG_HOME"), "dossier-capture");
    } else {
      dir = Path.of(System.getProperty("user.home"), ".config", "dossier-capture");
    }
    return dir.resolve("window.properties");
  }

  Path file() {
    return file;
  }

  double number(String key, double fallback) {
    try {
      String v = props.getProperty(key);
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  boolean has(String key) {
    return props.containsKey(key);
  }

  String text(String key, String fallback) {
    return props.getProperty(key, fallback);
  }

  void put(String key, Object value) {
    props.setProperty(key, String.valueOf(value));
  }

  /** Writes the file (temporary file, then moved into place); failures are ignored. */
  void save() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "window", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        props.store(out, "Dossier Capture window layout");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(WindowState.class)
          .warn("window layout not saved to {}: {}", file, e.toString());
    }
  }
}
