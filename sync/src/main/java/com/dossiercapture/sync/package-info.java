/**
 * The client of the central case system: sends approved dossier versions from the staging store's
 * outbox, offline first and exactly once in effect. {@link com.dossiercapture.sync.SyncService}
 * runs it in the background (or once, for the command line); {@link
 * com.dossiercapture.sync.CentralClient} speaks the contract of {@code
 * openapi/central-case-system.yaml}.
 */
package com.dossiercapture.sync;
