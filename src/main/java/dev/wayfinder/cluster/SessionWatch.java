package dev.wayfinder.cluster;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch on the prefix for one connection, resumed by the session itself from the revision after
 * the last change it delivered, so a broken stream (an etcd member gone, a leader election) loses
 * no change and repeats none. A revision that etcd has compacted away cannot be resumed; that is
 * fatal for the connection, which then starts over with a new snapshot. Session thread only, except
 * jetcd's callbacks, which only hand work to it.
 */
final class SessionWatch {
  private static final Logger LOG = LoggerFactory.getLogger(SessionWatch.class);
  private static final Duration RESUME = Duration.ofMillis(200);

  /** Where changes go, in revision order. */
  interface Changes {
    void changed(String key, String value, long revision);
  }

  private final Client client;
  private final EtcdKeys keys;
  private final SessionThread thread;
  private final Consumer<String> fatal;
  private final Changes changes;
  private long lastRevision;
  private Watch.Watcher watcher;
  private int generation;
  private long brokenSince;
  private String brokenReason;
  private boolean closed;

  SessionWatch(
      Client client,
      EtcdKeys keys,
      long snapshotRevision,
      SessionThread thread,
      Consumer<String> fatal,
      Changes changes) {
    this.client = client;
    this.keys = keys;
    this.thread = thread;
    this.fatal = fatal;
    this.changes = changes;
    this.lastRevision = snapshotRevision;
    open();
  }

  /** Why the watch counts as failed (broken for longer than {@code grace}), or null. */
  String brokenFor(Duration grace) {
    if (brokenSince == 0) {
      return null;
    }
    long since = System.nanoTime() - brokenSince;
    return since > grace.toNanos()
        ? "watch broken for " + Duration.ofNanos(since).toMillis() + " ms: " + brokenReason
        : null;
  }

  void close() {
    closed = true;
    stopWatcher();
  }

  private void open() {
    int gen = ++generation;
    WatchOption option =
        WatchOption.builder()
            .isPrefix(true)
            .withRevision(lastRevision + 1)
            .withCreateNotify(true)
            .withRequireLeader(true)
            .build();
    watcher =
        client
            .getWatchClient()
            .watch(
                keys.root(),
                option,
                Watch.listener(
                    r -> thread.execute(() -> received(gen, r)),
                    t -> thread.execute(() -> broken(gen, t)),
                    () -> thread.execute(() -> broken(gen, null))));
  }

  private void received(int gen, WatchResponse response) {
    if (gen != generation || closed) {
      return;
    }
    brokenSince = 0;
    for (WatchEvent event : response.getEvents()) {
      KeyValue kv = event.getKeyValue();
      String key = keys.relative(kv.getKey());
      long revision = kv.getModRevision();
      lastRevision = Math.max(lastRevision, revision);
      if (key != null) {
        boolean put = event.getEventType() == WatchEvent.EventType.PUT;
        changes.changed(key, put ? EtcdKeys.text(kv.getValue()) : null, revision);
      }
    }
  }

  private void broken(int gen, Throwable failure) {
    if (gen != generation || closed) {
      return;
    }
    stopWatcher();
    if (failure instanceof CompactedException) {
      fatal.accept("watch revision " + (lastRevision + 1) + " was compacted");
      return;
    }
    String reason = failure == null ? "watch ended" : SessionStart.reason(failure);
    if (brokenSince == 0) {
      brokenSince = System.nanoTime();
      brokenReason = reason;
    }
    LOG.debug("watch broken ({}); resuming from revision {}", reason, lastRevision + 1);
    thread.schedule(
        () -> {
          if (!closed && watcher == null) {
            open();
          }
        },
        RESUME);
  }

  /** Closes the jetcd watcher; its completion callback then carries a stale generation. */
  private void stopWatcher() {
    generation++;
    Watch.Watcher w = watcher;
    watcher = null;
    if (w != null) {
      w.close();
    }
  }
}
