package com.dossiercapture.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/** The product's version and the default locations it works in. */
public final class AppInfo {

  private AppInfo() {}

  /** The version the build stamped into {@code version.properties}. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = AppInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through
    }
    return p.getProperty("version", "development");
  }

  /**
   * The workstation's own staging store when none is given: {@code $DC_STORE}, else {@code
   * $XDG_DATA_HOME/dossier-capture/store}, else {@code ~/.local/share/dossier-capture/store}.
   */
  public static Path defaultStore() {
    String env = System.getenv("DC_STORE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("dossier-capture").resolve("store");
  }
}
