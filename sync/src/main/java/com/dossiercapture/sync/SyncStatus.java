package com.dossiercapture.sync;

import java.time.Instant;

/**
 * What the sync is doing, for the status bar and the command line.
 *
 * @param connectivity whether the central system answered last time
 * @param queuedDossiers dossier versions waiting to be sent
 * @param queuedPages pages of those versions not yet confirmed by the server (an estimate while a
 *     dossier is being sent)
 * @param rejectedDossiers versions the server rejected: a person must look
 * @param lastError the last failure, in words, or {@code null}
 * @param lastErrorAt when it happened
 * @param lastSentAt when a dossier version was last confirmed
 * @param sending the case number being sent now, or {@code null}
 */
public record SyncStatus(
    Connectivity connectivity,
    int queuedDossiers,
    int queuedPages,
    int rejectedDossiers,
    String lastError,
    Instant lastErrorAt,
    Instant lastSentAt,
    String sending) {

  /** Whether the central system can be reached. */
  public enum Connectivity {
    UNKNOWN,
    ONLINE,
    OFFLINE
  }
}
