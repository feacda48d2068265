package com.dossiercapture.sync;

import com.dossiercapture.staging.Documents;
import com.dossiercapture.staging.OutboxItem;
import com.dossiercapture.staging.Page;
import com.dossiercapture.staging.StagingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one queued dossier version: asks what the server already has, uploads only the missing
 * pages (in parallel, streamed from their files), checks the server now holds every page, and only
 * then commits the manifest. Every step is safe to repeat after any failure or crash.
 */
final class DossierSender {

  /** Progress of the current dossier. */
  interface Progress {
    void pages(int confirmed, int total);
  }

  /** What sending one dossier did. */
  record Sent(Receipt receipt, int pagesUploaded, long bytesUploaded) {}

  private final StagingStore store;
  private final Documents documents;
  private final CentralClient client;
  private final ExecutorService uploads;

  DossierSender(StagingStore store, CentralClient client, ExecutorService uploads) {
    this.store = store;
    this.documents = new Documents(store);
    this.client = client;
    this.uploads = uploads;
  }

  Sent send(OutboxItem item, Progress progress) {
    ManifestView mv = ManifestView.parse(item.payload());
    byte[] manifest = item.payload().getBytes(StandardCharsets.UTF_8);
    String sha = CentralClient.sha256(manifest);
    int total = mv.pages().size();

    // 1. Perhaps it was committed already (we crashed, or the reply was lost, before recording it).
    Optional<Receipt> status = client.versionStatus(mv.caseNumber(), mv.version());
    if (status.isPresent()) {
      if (status.get().manifestSha256().equals(sha)) {
        progress.pages(total, total);
        return new Sent(status.get(), 0, 0);
      }
      throw new SyncException(
          SyncException.Kind.REJECTED,
          com.dossiercapture.sync.api.ErrorCode.VERSION_CONFLICT,
          null,
          "the central system already holds version "
              + mv.version()
              + " of "
              + mv.caseNumber()
              + " with a different manifest: approve the dossier again to send a new version",
          null);
    }

    // 2. Only the pages it lacks.
    List<String> hashes = mv.pages().stream().map(ManifestView.PageRef::sha256).toList();
    Set<String> missing = client.missingPages(hashes);
    progress.pages(total - missing.size(), total);

    // 3. Upload them, a few at a time; the first failure stops the rest.
    List<ManifestView.PageRef> todo =
        mv.pages().stream().filter(p -> missing.contains(p.sha256())).toList();
    AtomicBoolean abort = new AtomicBoolean();
    AtomicReference<SyncException> first = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger(total - missing.size());
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    for (ManifestView.PageRef ref : todo) {
      futures.add(
          uploads.submit(
              () -> {
                if (abort.get()) {
                  return;
                }
                try {
                  upload(ref);
                  bytes.addAndGet(ref.byteSize());
                  progress.pages(done.incrementAndGet(), total);
                } catch (SyncException e) {
                  abort.set(true);
                  first.accumulateAndGet(e, DossierSender::worse);
                } catch (RuntimeException e) {
                  abort.set(true);
                  first.accumulateAndGet(
                      new SyncException(
                          SyncException.Kind.TRANSIENT, "page upload failed: " + e, e),
                      DossierSender::worse);
                }
              }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        abort.set(true);
        Thread.currentThread().interrupt();
        throw new SyncException(SyncException.Kind.TRANSIENT, "sending was interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    if (first.get() != null) {
      throw first.get();
    }
    int uploaded = todo.size();

    // 4. The server must now hold every page: the manifest commits only after that.
    Set<String> stillMissing = client.missingPages(hashes);
    if (!stillMissing.isEmpty()) {
      throw new SyncException(
          SyncException.Kind.TRANSIENT,
          "the central system still lacks "
              + stillMissing.size()
              + " page(s) it had acknowledged; they will be sent again");
    }

    // 5. Commit the version.
    Receipt r = client.commit(mv.caseNumber(), mv.version(), item.idempotencyKey(), manifest);
    return new Sent(r, uploaded, bytes.get());
  }

  private void upload(ManifestView.PageRef ref) {
    Optional<Page> page = documents.pageBySha256(ref.sha256());
    if (page.isEmpty()) {
      throw new SyncException(
          SyncException.Kind.LOCAL,
          "page " + ref.sha256().substring(0, 12) + " of the manifest is not in the staging store");
    }
    Page p = page.get();
    if ("damaged".equals(p.state())) {
      throw new SyncException(
          SyncException.Kind.LOCAL,
          "page "
              + p.seq()
              + " of batch "
              + p.batchId()
              + " is damaged (its file is missing or altered): restore it from a backup");
    }
    Path file = store.originalPath(p);
    client.uploadPage(p.sha256(), file, p.byteSize(), ref.mediaType());
  }

  /** The failure that decides the outcome: a person-needed one beats a retryable one. */
  private static SyncException worse(SyncException a, SyncException b) {
    if (a == null) {
      return b;
    }
    return !b.retryable() && a.retryable() ? b : a;
  }
}
