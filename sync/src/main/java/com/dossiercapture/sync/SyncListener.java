package com.dossiercapture.sync;

/**
 * Receives the sync status whenever it changes. Called on the sync thread: a user interface hands
 * the value over to its own thread (e.g. through a throttled bridge) and returns at once.
 */
@FunctionalInterface
public interface SyncListener {

  void onStatus(SyncStatus status);
}
