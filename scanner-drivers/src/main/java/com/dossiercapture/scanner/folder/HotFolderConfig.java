package com.dossiercapture.scanner.folder;

import java.nio.file.Path;

/**
 * A hot folder and how it is watched, encoded in the device id: {@code
 * folder:/srv/scans/inbox?stable=2000&poll=250&idle=0}.
 *
 * @param inbox the folder the network scanner writes into ({@code done/} and {@code failed/} are
 *     created inside it)
 * @param stableMillis a file is taken once its size and modification time have not changed for this
 *     long
 * @param pollMillis how often the folder is listed
 * @param idleMillis end the session after this long without a new file; 0 = until cancelled
 */
public record HotFolderConfig(Path inbox, long stableMillis, long pollMillis, long idleMillis) {

  public HotFolderConfig {
    if (stableMillis < 0 || pollMillis < 1 || idleMillis < 0) {
      throw new IllegalArgumentException(
          "hot folder timing must be stable >= 0, poll >= 1, idle >= 0 ms");
    }
    inbox = inbox.toAbsolutePath().normalize();
  }

  /** Defaults: stable for 2 s, poll every 250 ms, run until cancelled. */
  public static HotFolderConfig of(Path inbox) {
    return new HotFolderConfig(inbox, 2000, 250, 0);
  }

  /** The local part of the device id. */
  public String toLocalId() {
    return inbox + "?stable=" + stableMillis + "&poll=" + pollMillis + "&idle=" + idleMillis;
  }

  /** Parses {@code /path?stable=..&poll=..&idle=..}. */
  public static HotFolderConfig parse(String localId) {
    int q = localId.indexOf('?');
    Path inbox = Path.of(q < 0 ? localId : localId.substring(0, q));
    HotFolderConfig c = of(inbox);
    long stable = c.stableMillis();
    long poll = c.pollMillis();
    long idle = c.idleMillis();
    if (q >= 0) {
      for (String kv : localId.substring(q + 1).split("&")) {
        if (kv.isBlank()) {
          continue;
        }
        String[] p = kv.split("=", 2);
        long v;
        try {
          v = Long.parseLong(p.length > 1 ? p[1] : "");
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "hot folder parameter " + p[0] + " needs a number of milliseconds", e);
        }
        switch (p[0]) {
          case "stable" -> stable = v;
          case "poll" -> poll = v;
          case "idle" -> idle = v;
          default ->
              throw new IllegalArgumentException(
                  "unknown hot folder parameter '" + p[0] + "': use stable, poll, idle");
        }
      }
    }
    return new HotFolderConfig(inbox, stable, poll, idle);
  }
}
