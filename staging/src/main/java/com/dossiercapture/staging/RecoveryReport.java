package com.dossiercapture.staging;

import java.util.List;

/**
 * What opening the store found and did.
 *
 * @param uncleanShutdown the store was not closed properly last time (crash, kill, power loss)
 * @param quarantined files moved to quarantine: page files with no row, partial writes
 * @param damaged pages marked damaged: file missing, wrong size or wrong hash
 * @param requeued work items that were running when the program stopped, queued again
 * @param pagesVerified pages whose hash was checked on open
 */
public record RecoveryReport(
    boolean uncleanShutdown,
    List<Incident> quarantined,
    List<Incident> damaged,
    int requeued,
    int pagesVerified) {

  public boolean clean() {
    return quarantined.isEmpty() && damaged.isEmpty();
  }
}
