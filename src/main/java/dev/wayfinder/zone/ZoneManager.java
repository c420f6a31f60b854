package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current {@link ZoneSnapshot}: applies changes of services (added, replaced, removed; see
 * {@link #apply}) and of health verdicts ({@link #healthChanged}) incrementally, building only the
 * changed services' names, and publishes each new snapshot with one atomic reference swap. The
 * serial grows on every change of content.
 *
 * <p>Serials are seconds since the epoch when possible (so they survive restarts and keep growing),
 * and at least one more than the last one otherwise (RFC 1982 arithmetic). A batch whose records
 * equal the current ones keeps the snapshot and its serial, so secondaries are not told to transfer
 * an unchanged zone (RFC 1996). Writers are serialized (the rebuild thread, the callers of {@link
 * #update}, and the compaction thread when it swaps in a whole build); readers never lock.
 *
 * <p>Threads: {@code zone-rebuild} applies the coalesced changes; {@code zone-compact} builds the
 * zone whole in the background once derived versions have piled up waste ({@link
 * #compactInBackground}), so no change waits for a whole build.
 */
public final class ZoneManager implements ZoneView, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZoneManager.class);

  /** Serial arithmetic is modulo 2^32 (RFC 1982); epoch seconds fit until 2106. */
  private static final long SERIAL_MASK = 0xffffffffL;

  private final DnsConfig config;
  private final HealthView health;
  private final Clock clock;
  private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>();
  private final Coalescer<Change> pending = new Coalescer<>(Change::merge, this::applyBatch);

  /** Told of each serial change ({@link #addSerialListener}). */
  private final List<Consumer<ZoneSnapshot>> serialListeners = new CopyOnWriteArrayList<>();

  /** The last serial changes, for IXFR; written before the snapshot it leads to is swapped in. */
  private volatile ZoneHistory history;

  /** The index of the current content; built when first needed, dropped when a batch fails. */
  private ContentIndex index;

  /** Builds whole snapshots in the background ({@link #compactInBackground}). */
  private final ExecutorService compactor =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("zone-compact").daemon().factory());

  /**
   * The services changed since the content a running compaction builds from, to apply again on top
   * of it; null when no compaction runs.
   */
  private Set<String> changedSinceCompaction;

  /**
   * What is pending for one service: its new definition ({@code service}, or null when removed)
   * when {@code definition}, else only a fresh look at its verdicts.
   */
  private record Change(Service service, boolean definition) {
    static final Change VERDICT = new Change(null, false);
    static final Change REMOVED = new Change(null, true);

    /** A registry change wins over a verdict (it evaluates health anyway); the later one else. */
    static Change merge(Change pending, Change arriving) {
      return arriving.definition || !pending.definition ? arriving : pending;
    }
  }

  public ZoneManager(DnsConfig config, HealthView health, Collection<Service> initial) {
    this(config, health, initial, Clock.systemUTC());
  }

  /** With a clock of the caller's, for serial tests. */
  ZoneManager(DnsConfig config, HealthView health, Collection<Service> initial, Clock clock) {
    this.config = config;
    this.health = health;
    this.clock = clock;
    long serial = Math.max(1, epochSeconds());
    current.set(ZoneSnapshot.build(config, ZoneContent.of(initial, health), serial));
    history = new ZoneHistory(new ZoneRecords(config));
  }

  /**
   * Services were put (added, or replaced by name) and removed in the registry. Returns at once;
   * the rebuild thread applies the change right away, with whatever else arrives meanwhile (the
   * latest value of a service wins), and {@link #current} shows it once applied: typically within a
   * few milliseconds, however large the zone. Safe to call from any thread; each call's changes are
   * applied in the order of the calls.
   */
  public void apply(Collection<Service> putServices, Collection<String> removedNames) {
    for (Service s : putServices) {
      pending.add(s.name(), new Change(s, true));
    }
    for (String name : removedNames) {
      pending.add(name, Change.REMOVED);
    }
  }

  /** {@link #apply}, on this thread, before returning: for tests and the scale probe. */
  void applyNow(Collection<Service> putServices, Collection<String> removedNames) {
    Map<String, Change> batch = new LinkedHashMap<>();
    putServices.forEach(s -> batch.put(s.name(), new Change(s, true)));
    removedNames.forEach(name -> batch.put(name, Change.REMOVED));
    applyBatch(batch);
  }

  /**
   * The registry holds exactly {@code services} now: the differences from the current content (and
   * of the verdicts since) are applied as per-service changes, on the caller's thread, before this
   * returns. Serialized with the rebuild thread; a change passed to {@link #apply} and not yet
   * applied is applied after.
   */
  public synchronized void update(Collection<Service> services) {
    Map<String, Change> changes = new LinkedHashMap<>();
    Set<String> listed = new HashSet<>();
    ZoneContent content = current.get().content();
    for (Service s : services) {
      // The first of a name wins, as in a whole build.
      if (listed.add(s.name())) {
        ServiceAnswers before = content.service(s.name());
        boolean same = before != null && before.service().equals(s);
        // An unchanged service's verdicts are looked at again, as a whole rebuild would.
        changes.put(s.name(), same ? Change.VERDICT : new Change(s, true));
      }
    }
    for (ServiceAnswers sa : content.services()) {
      if (!listed.contains(sa.service().name())) {
        changes.put(sa.service().name(), Change.REMOVED);
      }
    }
    applyBatch(changes);
  }

  /**
   * A health verdict of {@code service} changed: its names are rebuilt on the zone's rebuild
   * thread, at once, together with any other changes that arrive meanwhile. Returns at once; safe
   * to call from any thread (the health checker's listener thread).
   */
  public void healthChanged(String service) {
    pending.add(service, Change.VERDICT);
  }

  /**
   * Rebuilds the answer sets of the named services from the current health verdicts, now, on this
   * thread. Names not in the zone are ignored.
   */
  void rebuildServices(Collection<String> names) {
    Map<String, Change> batch = new LinkedHashMap<>();
    names.forEach(name -> batch.put(name, Change.VERDICT));
    applyBatch(batch);
  }

  /**
   * Applies one batch: each service's new entry (health evaluated now) against the current one; a
   * batch that changes no record keeps the snapshot and its serial.
   */
  private synchronized void applyBatch(Map<String, Change> batch) {
    ZoneSnapshot old = current.get();
    ZoneContent content = old.content();
    Map<String, ServiceAnswers> changes = new LinkedHashMap<>();
    boolean definitions = false;
    for (Map.Entry<String, Change> c : batch.entrySet()) {
      ServiceAnswers before = content.service(c.getKey());
      Service s = c.getValue().definition() ? c.getValue().service() : service(before);
      ServiceAnswers after = s == null ? null : new ServiceAnswers(s, AnswerSet.of(s, health));
      if (after == null
          ? before != null
          : before == null || !before.contentKey().equals(after.contentKey())) {
        changes.put(c.getKey(), after);
        definitions |= before == null || after == null || !before.service().equals(s);
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    ContentIndex moved = definitions ? indexFor(content, changes) : null;
    ZoneSnapshot next = old.withChanges(changes, moved, nextSerial(old));
    history = history.plus(old.serial(), next.serial(), content, changes);
    current.set(next);
    if (moved != null) {
      index = moved;
    }
    if (changedSinceCompaction != null) {
      changedSinceCompaction.addAll(changes.keySet());
    } else if (next.wasteful(50)) {
      compactInBackground();
    }
    tellSerialListeners(next);
  }

  private void tellSerialListeners(ZoneSnapshot next) {
    for (Consumer<ZoneSnapshot> listener : serialListeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        log.error("a zone serial listener failed", e);
      }
    }
  }

  @Override
  public List<ZoneDiff> changes(long fromSerial, long toSerial) {
    return history.between(fromSerial, toSerial);
  }

  /** See {@link ZoneView#addSerialListener}: called on the zone's writer thread, in its lock. */
  @Override
  public void addSerialListener(Consumer<ZoneSnapshot> listener) {
    serialListeners.add(listener);
  }

  /**
   * Builds the current content whole on the compaction thread, while changes go on being applied
   * incrementally; then applies the services changed meanwhile on top of it, on that thread, and
   * swaps it in. Only the last few of those changes are applied holding the writers' lock, so the
   * rebuild thread waits for a few changes, never for a whole build, and the waste derived versions
   * pile up is dropped before {@link ZoneSnapshot#withChanges} would have to build whole in line.
   * Returns the task (done once swapped in, or dropped on failure).
   */
  synchronized Future<?> compactInBackground() {
    ZoneSnapshot from = current.get();
    changedSinceCompaction = new HashSet<>();
    try {
      return compactor.submit(() -> compact(from.content(), from.serial()));
    } catch (RejectedExecutionException e) {
      changedSinceCompaction = null; // closed
      return CompletableFuture.completedFuture(null);
    }
  }

  private void compact(ZoneContent content, long serial) {
    try {
      ZoneSnapshot whole = ZoneSnapshot.build(config, content.laidOut(), serial);
      // An index of its own: the rebuild thread moves the shared one meanwhile.
      ContentIndex own = ContentIndex.of(whole.content());
      for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
        Map<String, ServiceAnswers> changes;
        long serialNow;
        synchronized (this) {
          if (changedSinceCompaction.size() <= CHANGES_APPLIED_IN_LOCK) {
            break;
          }
          changes = takeChangedSinceCompaction();
          serialNow = current.get().serial();
        }
        own.apply(whole.content(), changes);
        whole = whole.withChanges(changes, own, serialNow);
      }
      adopt(whole, own);
    } catch (RuntimeException e) {
      log.error("background zone build failed; changes go on being applied incrementally", e);
      synchronized (this) {
        changedSinceCompaction = null;
      }
    }
  }

  /** Catching up outside the lock stops after this many rounds, or once so few changes remain. */
  private static final int CATCH_UP_ROUNDS = 4;

  private static final int CHANGES_APPLIED_IN_LOCK = 32;

  /** The current entries of the services changed since the compaction took its content. */
  private Map<String, ServiceAnswers> takeChangedSinceCompaction() {
    ZoneContent now = current.get().content();
    Map<String, ServiceAnswers> changes = new LinkedHashMap<>();
    changedSinceCompaction.forEach(name -> changes.put(name, now.service(name)));
    changedSinceCompaction = new HashSet<>();
    return changes;
  }

  /**
   * Swaps in {@code whole} (whose services index is {@code own}) with the services changed since it
   * caught up applied again: its content is the current one then, so the serial stays.
   */
  private synchronized void adopt(ZoneSnapshot whole, ContentIndex own) {
    Map<String, ServiceAnswers> changes = takeChangedSinceCompaction();
    changedSinceCompaction = null;
    own.apply(whole.content(), changes);
    current.set(whole.withChanges(changes, own, current.get().serial()));
    index = own;
  }

  private static Service service(ServiceAnswers sa) {
    return sa == null ? null : sa.service();
  }

  /** The index moved to the content after {@code changes}; rebuilt if a batch failed before. */
  private ContentIndex indexFor(ZoneContent before, Map<String, ServiceAnswers> changes) {
    ContentIndex moving = index != null ? index : ContentIndex.of(before);
    index = null; // until the new snapshot is built: a failure leaves no index out of step
    moving.apply(before, changes);
    return moving;
  }

  private long nextSerial(ZoneSnapshot old) {
    return Math.max(old.serial() + 1, epochSeconds()) & SERIAL_MASK;
  }

  /** Stops the rebuild thread; the current snapshot stays readable. */
  @Override
  public void close() {
    pending.close();
    compactor.shutdownNow();
  }

  @Override
  public ZoneSnapshot current() {
    return current.get();
  }

  private long epochSeconds() {
    return clock.millis() / 1000;
  }
}
