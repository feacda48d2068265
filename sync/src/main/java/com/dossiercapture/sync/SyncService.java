package com.dossiercapture.sync;

import com.dossiercapture.staging.Approval;
import com.dossiercapture.staging.OutboxItem;
import com.dossiercapture.staging.StagingStore;
import com.dossiercapture.staging.StoreException;
import com.dossiercapture.sync.SyncStatus.Connectivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the staging store's outbox to the central case system. In the workstation it runs on one
 * background thread ({@link #start()}): it checks the server is reachable, sends every due dossier
 * version, and when the network is down it waits, probing now and then, and drains the queue by
 * itself when the server answers again. From the command line {@link #runOnce()} makes one pass.
 *
 * <p>Outcomes are recorded in the store: confirmed versions are marked sent (and their dossier
 * synced) only with the server's receipt; temporary failures are retried with exponential backoff
 * and jitter (or after the server's Retry-After); rejections keep the version in the outbox as
 * rejected, with the server's reason, until a person fixes the dossier. Nothing here blocks
 * scanning or verification: the store is touched only in short transactions.
 */
public final class SyncService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
  private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
  private static final String ACTOR = "sync";

  private final StagingStore store;
  private final SyncSettings settings;
  private final CentralClient client;
  private final Approval approval;
  private final ExecutorService uploads;
  private final DossierSender sender;
  private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Long, Instant> serverAskedToWait = new ConcurrentHashMap<>();
  private final Map<Long, Integer> pageCounts = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  private boolean wakeRequested;
  private Thread thread;
  private volatile boolean closed;

  private volatile Connectivity connectivity = Connectivity.UNKNOWN;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile Instant lastSentAt;
  private volatile String sending;
  private volatile int queuedDossiers;
  private volatile int queuedPages;
  private volatile int rejected;
  private final AtomicInteger currentDone = new AtomicInteger();
  private volatile long lastProgressNanos;

  public SyncService(StagingStore store, SyncSettings settings) {
    this.store = store;
    this.settings = settings;
    this.client = new CentralClient(settings);
    this.approval = new Approval(store);
    this.uploads =
        Executors.newFixedThreadPool(
            settings.parallelUploads(),
            r -> {
              Thread t = new Thread(r, "sync-upload");
              t.setDaemon(true);
              return t;
            });
    this.sender = new DossierSender(store, client, uploads);
  }

  public void addListener(SyncListener l) {
    listeners.add(l);
    l.onStatus(status());
  }

  public void removeListener(SyncListener l) {
    listeners.remove(l);
  }

  /** The status now. */
  public SyncStatus status() {
    return new SyncStatus(
        connectivity,
        queuedDossiers,
        Math.max(0, queuedPages - currentDone.get()),
        rejected,
        lastError,
        lastErrorAt,
        lastSentAt,
        sending);
  }

  /** Starts the background thread (once). */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    refreshCounts();
    thread = Thread.ofPlatform().name("sync").daemon(true).start(this::loop);
  }

  /** Looks at the outbox now (e.g. right after an approval) instead of at the next poll. */
  public void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  /**
   * One pass for the command line: checks the server answers, then tries every pending version
   * once, whatever its retry schedule.
   */
  public RunSummary runOnce() {
    refreshCounts();
    try {
      client.health();
      setConnectivity(Connectivity.ONLINE);
    } catch (SyncException e) {
      setConnectivity(Connectivity.OFFLINE);
      error(e.getMessage());
      return new RunSummary(0, queuedDossiers, 0, 0, 0, List.of(e.getMessage()));
    }
    return pass(true);
  }

  /**
   * Puts a rejected version back in the queue (after the cause was fixed, e.g. the court registered
   * the case number).
   */
  public void requeue(long outboxId, String actor) {
    boolean isRejected = approval.outbox("rejected").stream().anyMatch(i -> i.id() == outboxId);
    if (!isRejected) {
      throw new StoreException(
          StoreException.Kind.INVALID, "outbox item " + outboxId + " is not rejected");
    }
    store.markOutboxRetry(outboxId, "re-queued by " + actor, Instant.now());
    store.audit(actor, "outbox.requeue", "outbox", Long.toString(outboxId), null);
    refreshCounts();
    wakeUp();
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    uploads.shutdownNow();
    client.close();
  }

  // -------------------------------------------------------------------------------------------

  private void loop() {
    Duration probeWait = settings.probeInterval();
    boolean cameBack = false;
    while (!closed) {
      try {
        if (connectivity != Connectivity.ONLINE) {
          try {
            client.health();
            cameBack = connectivity == Connectivity.OFFLINE;
            setConnectivity(Connectivity.ONLINE);
            probeWait = settings.probeInterval();
            if (cameBack) {
              LOG.info("the central system answers again: sending what was queued");
            }
          } catch (SyncException e) {
            if (connectivity != Connectivity.OFFLINE) {
              LOG.warn("the central system cannot be reached: {}", e.getMessage());
            }
            setConnectivity(Connectivity.OFFLINE);
            error(e.getMessage());
            refreshCounts();
            pause(probeWait);
            probeWait = min(probeWait.multipliedBy(2), settings.itemRetry().max());
            continue;
          }
        }
        // After an outage, everything that waited for the network goes now, not at its backoff.
        pass(cameBack);
        cameBack = false;
        if (connectivity == Connectivity.ONLINE) {
          pause(settings.pollInterval());
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.error("sync pass failed", e);
        error("sync failed: " + e.getMessage());
        pause(settings.pollInterval());
      }
    }
  }

  private RunSummary pass(boolean ignoreSchedule) {
    int sent = 0;
    int retrying = 0;
    int rejectedNow = 0;
    int pages = 0;
    long bytes = 0;
    List<String> messages = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    outer:
    while (!closed) {
      Instant now = Instant.now();
      List<OutboxItem> due = store.dueOutbox(ignoreSchedule ? FAR_FUTURE : now, 50);
      boolean any = false;
      for (OutboxItem item : due) {
        if (!seen.add(item.id()) || !Approval.OUTBOX_KIND.equals(item.kind())) {
          continue;
        }
        Instant wait = serverAskedToWait.get(item.id());
        if (wait != null && wait.isAfter(now)) {
          continue;
        }
        any = true;
        Outcome o = sendOne(item);
        switch (o.kind) {
          case SENT -> {
            sent++;
            pages += o.pages;
            bytes += o.bytes;
          }
          case RETRY -> {
            retrying++;
            messages.add(item.idempotencyKey() + ": " + o.message);
          }
          case REJECTED -> {
            rejectedNow++;
            messages.add(item.idempotencyKey() + ": " + o.message);
          }
          case OFFLINE -> {
            retrying++;
            messages.add(item.idempotencyKey() + ": " + o.message);
            break outer;
          }
        }
      }
      if (!any) {
        break;
      }
    }
    refreshCounts();
    return new RunSummary(sent, retrying, rejectedNow, pages, bytes, List.copyOf(messages));
  }

  private enum OutcomeKind {
    SENT,
    RETRY,
    REJECTED,
    OFFLINE
  }

  private record Outcome(OutcomeKind kind, String message, int pages, long bytes) {}

  private Outcome sendOne(OutboxItem item) {
    sending = item.idempotencyKey();
    currentDone.set(0);
    emit();
    try {
      DossierSender.Sent s =
          sender.send(
              item,
              (confirmed, total) -> {
                currentDone.set(confirmed);
                long t = System.nanoTime();
                if (t - lastProgressNanos > 250_000_000L || confirmed == total) {
                  lastProgressNanos = t;
                  emit();
                }
              });
      approval.recordSynced(item.id(), Replies.JSON.writeValueAsString(s.receipt()), ACTOR);
      serverAskedToWait.remove(item.id());
      lastSentAt = Instant.now();
      setConnectivity(Connectivity.ONLINE);
      LOG.info(
          "{} confirmed by the central system (receipt {}, {} page(s) uploaded)",
          item.idempotencyKey(),
          s.receipt().receipt(),
          s.pagesUploaded());
      return new Outcome(OutcomeKind.SENT, null, s.pagesUploaded(), s.bytesUploaded());
    } catch (SyncException e) {
      return failed(item, e);
    } catch (StoreException e) {
      String msg = "the staging store failed while sending: " + e.getMessage();
      store.markOutboxRetry(
          item.id(), msg, Instant.now().plus(settings.itemRetry().delay(item.attempts())));
      error(msg);
      return new Outcome(OutcomeKind.RETRY, msg, 0, 0);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      String msg = "sending failed unexpectedly: " + e;
      LOG.error("{}: {}", item.idempotencyKey(), msg, e);
      store.markOutboxRetry(
          item.id(), msg, Instant.now().plus(settings.itemRetry().delay(item.attempts())));
      error(msg);
      return new Outcome(OutcomeKind.RETRY, msg, 0, 0);
    } finally {
      sending = null;
      currentDone.set(0);
    }
  }

  private Outcome failed(OutboxItem item, SyncException e) {
    String msg = e.getMessage();
    error(msg);
    Instant now = Instant.now();
    switch (e.kind()) {
      case REJECTED, LOCAL -> {
        LOG.warn("{} rejected: {}", item.idempotencyKey(), msg);
        store.markOutboxRejected(item.id(), msg);
        return new Outcome(OutcomeKind.REJECTED, msg, 0, 0);
      }
      case OFFLINE -> {
        setConnectivity(Connectivity.OFFLINE);
        store.markOutboxRetry(
            item.id(), msg, now.plus(settings.itemRetry().delay(item.attempts())));
        return new Outcome(OutcomeKind.OFFLINE, msg, 0, 0);
      }
      case THROTTLED -> {
        Duration d =
            e.retryAfter() == null
                ? settings.itemRetry().delay(item.attempts())
                : min(e.retryAfter(), settings.longestRetryAfter());
        serverAskedToWait.put(item.id(), now.plus(d));
        store.markOutboxRetry(item.id(), msg, now.plus(d));
        return new Outcome(OutcomeKind.RETRY, msg, 0, 0);
      }
      default -> {
        LOG.warn("{} will be retried: {}", item.idempotencyKey(), msg);
        store.markOutboxRetry(
            item.id(), msg, now.plus(settings.itemRetry().delay(item.attempts())));
        return new Outcome(OutcomeKind.RETRY, msg, 0, 0);
      }
    }
  }

  private void refreshCounts() {
    List<OutboxItem> pending = store.dueOutbox(FAR_FUTURE, Integer.MAX_VALUE);
    int dossiers = 0;
    int pages = 0;
    Set<Long> live = new HashSet<>();
    for (OutboxItem i : pending) {
      if (!Approval.OUTBOX_KIND.equals(i.kind())) {
        continue;
      }
      dossiers++;
      live.add(i.id());
      pages +=
          pageCounts.computeIfAbsent(
              i.id(),
              id -> {
                try {
                  return ManifestView.parse(i.payload()).pages().size();
                } catch (SyncException e) {
                  return 0;
                }
              });
    }
    pageCounts.keySet().retainAll(live);
    queuedDossiers = dossiers;
    queuedPages = pages;
    rejected = store.outboxCount("rejected");
    emit();
  }

  private void setConnectivity(Connectivity c) {
    if (connectivity != c) {
      connectivity = c;
      emit();
    }
  }

  private void error(String message) {
    lastError = message;
    lastErrorAt = Instant.now();
    emit();
  }

  private void emit() {
    SyncStatus s = status();
    for (SyncListener l : listeners) {
      try {
        l.onStatus(s);
      } catch (RuntimeException e) {
        LOG.warn("a sync listener failed", e);
      }
    }
  }

  private void pause(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    synchronized (wake) {
      while (!wakeRequested && !closed) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          wake.wait(Math.max(1, left / 1_000_000L));
        } catch (InterruptedException e) {
          if (closed) {
            return;
          }
        }
      }
      wakeRequested = false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
