package dev.wayfinder.publish;

import dev.wayfinder.config.PublishConfig;
import dev.wayfinder.config.TsigKeyConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.TSIG;

/**
 * Keeps the A/AAAA RRsets of the configured names at one RFC 2136 primary equal to the answer sets
 * of their services.
 *
 * <p>{@link #changed} only records the latest desired set per name and wakes the target's one
 * worker thread; it never waits for the network. The worker sends, in one update message, the
 * minimal difference between what the server holds and what is desired for every name that changed
 * since its last send: additions first, then deletions, so a name is never empty in between. At
 * start, every {@code reconcileInterval}, and before the first try after a failure, it first reads
 * the live sets back (A and AAAA queries) so drift made behind its back is repaired. A failure is
 * retried with exponential backoff and jitter (at most 30 s apart); the latest desired state is
 * kept meanwhile. Records are never withdrawn at {@link #stop}.
 */
public final class Rfc2136Target implements PublishTarget {
  static final Duration DEFAULT_RECONCILE = Duration.ofMinutes(5);
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(Rfc2136Target.class);

  private final String target;
  private final Rfc2136Client client;
  private final PublishOutcomes outcomes;
  private final Map<String, List<PublishConfig.Record>> recordsByService = new HashMap<>();
  private final Map<String, Long> ttlByName = new LinkedHashMap<>();
  private final Duration reconcileInterval;
  private final Backoff backoff;

  private final Object lock = new Object();
  private final Map<String, Set<InetAddress>> desired = new LinkedHashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private boolean reconcileDue = true;
  private boolean stopped;
  private boolean failing;
  private Instant lastSuccess;
  private String lastError;
  private Thread worker;

  /** Only the worker reads and writes this: what the server holds, as far as known. */
  private final Map<String, Set<InetAddress>> live = new HashMap<>();

  /** Only the worker reads and writes this: failed tries in a row, for the backoff. */
  private int failures;

  Rfc2136Target(
      PublishConfig entry,
      TSIG tsig,
      PublishOutcomes outcomes,
      Duration reconcileInterval,
      Backoff backoff,
      Duration timeout) {
    this.target = entry.server() + " " + entry.zone();
    this.client =
        new Rfc2136Client(Rfc2136Client.server(entry.server()), entry.zone(), tsig, timeout);
    this.outcomes = outcomes;
    this.reconcileInterval = reconcileInterval;
    this.backoff = backoff;
    for (PublishConfig.Record r : entry.records()) {
      recordsByService.computeIfAbsent(r.service(), s -> new ArrayList<>()).add(r);
      ttlByName.put(Rfc2136Client.absolute(r.name()), r.ttl());
    }
  }

  /**
   * The target for one {@code publish:} entry of type {@code rfc2136}, its TSIG key looked up by
   * name in {@code keys}; reconciles every 5 minutes.
   */
  public static Rfc2136Target create(
      PublishConfig entry, List<TsigKeyConfig> keys, PublishOutcomes outcomes) {
    Duration every = entry.reconcileInterval();
    return create(entry, keys, outcomes, every != null ? every : DEFAULT_RECONCILE);
  }

  /** {@link #create(PublishConfig, List, PublishOutcomes)} reading back every {@code reconcile}. */
  public static Rfc2136Target create(
      PublishConfig entry,
      List<TsigKeyConfig> keys,
      PublishOutcomes outcomes,
      Duration reconcileInterval) {
    return new Rfc2136Target(
        entry,
        Rfc2136Keys.signer(entry.tsig(), keys),
        outcomes,
        reconcileInterval,
        Backoff.DEFAULT,
        TIMEOUT);
  }

  @Override
  public String type() {
    return "rfc2136";
  }

  @Override
  public String target() {
    return target;
  }

  /**
   * Takes the answer sets of {@code current} as desired and starts the worker. A configured service
   * absent from {@code current} leaves its name as the server has it.
   */
  @Override
  public void start(Map<String, List<InetAddress>> current) {
    synchronized (lock) {
      if (worker != null) {
        throw new IllegalStateException("already started: " + target);
      }
      current.forEach(this::want);
      worker = Thread.ofPlatform().name("publish-rfc2136 " + target).daemon().unstarted(this::run);
    }
    worker.start();
  }

  @Override
  public void changed(AnswerSetChange change) {
    synchronized (lock) {
      if (want(change.service(), change.after())) {
        lock.notifyAll();
      }
    }
  }

  /** Records the desired set of every name of {@code service}; caller holds the lock. */
  private boolean want(String service, List<InetAddress> addresses) {
    List<PublishConfig.Record> records = recordsByService.get(service);
    if (records == null) {
      return false;
    }
    // One read-only set serves every name of the service: desired sets are only compared and sent.
    Set<InetAddress> set = new TreeSet<>(Rfc2136Client::compare);
    set.addAll(addresses);
    Set<InetAddress> wanted = Collections.unmodifiableSet(set);
    for (PublishConfig.Record r : records) {
      String name = Rfc2136Client.absolute(r.name());
      desired.put(name, wanted);
      dirty.add(name);
    }
    return true;
  }

  @Override
  public TargetStatus status() {
    synchronized (lock) {
      String status = failing ? "failing" : lastSuccess == null ? "pending" : "ok";
      return new TargetStatus(type(), target, status, lastSuccess, lastError, dirty.size());
    }
  }

  /** Stops the worker within {@code timeout}; what the server holds stays as it is. */
  @Override
  public void stop(Duration timeout) {
    Thread w;
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
      w = worker;
    }
    if (w == null) {
      return;
    }
    try {
      w.join(timeout.toMillis());
      if (w.isAlive()) {
        w.interrupt();
        w.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long nextReconcile = System.nanoTime();
    long retryAt = 0;
    while (true) {
      boolean reconcile;
      synchronized (lock) {
        try {
          while (!stopped) {
            long now = System.nanoTime();
            long until = retryAt != 0 ? retryAt : nextReconcile;
            boolean ready =
                retryAt != 0 ? now - retryAt >= 0 : !dirty.isEmpty() || now - nextReconcile >= 0;
            if (ready) {
              break;
            }
            long waitMillis = Math.max(1, (until - now) / 1_000_000);
            lock.wait(waitMillis);
          }
        } catch (InterruptedException e) {
          return;
        }
        if (stopped) {
          return;
        }
        reconcile = reconcileDue || System.nanoTime() - nextReconcile >= 0;
      }
      try {
        if (reconcile) {
          readBack();
          nextReconcile = System.nanoTime() + reconcileInterval.toNanos();
        }
        push();
        retryAt = 0;
        succeeded();
      } catch (Rfc2136Failure | RuntimeException e) {
        // A RuntimeException is a message dnsjava cannot build or parse: retried like any
        // failure, never fatal.
        failures++;
        retryAt = System.nanoTime() + backoff.delay(failures).toNanos();
        failed(e instanceof Rfc2136Failure f ? f : new Rfc2136Failure("error", e.toString()));
      }
    }
  }

  /** Reads every desired name's live set and marks the names that differ. */
  private void readBack() throws Rfc2136Failure {
    List<String> names;
    synchronized (lock) {
      names = new ArrayList<>(desired.keySet());
    }
    Map<String, Set<InetAddress>> read = new HashMap<>();
    for (String name : names) {
      read.put(name, client.read(name));
    }
    live.putAll(read);
    synchronized (lock) {
      reconcileDue = false;
      for (String name : names) {
        if (!desired.get(name).equals(read.get(name))) {
          dirty.add(name);
        }
      }
    }
  }

  /**
   * Sends one update for all dirty names, if any differs from the server. A name whose live set is
   * not known yet (its service had no answer set at start) is read first. On a failure the names
   * stay dirty.
   */
  private void push() throws Rfc2136Failure {
    Map<String, Set<InetAddress>> wanted = new LinkedHashMap<>();
    synchronized (lock) {
      for (String name : dirty) {
        wanted.put(name, desired.get(name));
      }
      dirty.clear();
    }
    try {
      send(wanted);
    } catch (Rfc2136Failure f) {
      synchronized (lock) {
        dirty.addAll(wanted.keySet());
      }
      throw f;
    }
  }

  private void send(Map<String, Set<InetAddress>> wanted) throws Rfc2136Failure {
    List<Rfc2136Client.NameChange> changes = new ArrayList<>();
    for (Map.Entry<String, Set<InetAddress>> e : wanted.entrySet()) {
      String name = e.getKey();
      if (!live.containsKey(name)) {
        live.put(name, client.read(name));
      }
      Rfc2136Client.NameChange c =
          Rfc2136Client.NameChange.between(name, ttlByName.get(name), live.get(name), e.getValue());
      if (!c.isEmpty()) {
        changes.add(c);
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    client.update(changes);
    live.putAll(wanted);
    outcomes.updated(target, "ok");
    log.info("rfc2136 {}: updated {}", target, wanted.keySet());
  }

  private void succeeded() {
    boolean recovered;
    synchronized (lock) {
      recovered = failing;
      failing = false;
      lastSuccess = Instant.now();
    }
    failures = 0;
    if (recovered) {
      log.info("rfc2136 {}: recovered", target);
      outcomes.recovered(target);
    }
  }

  private void failed(Rfc2136Failure f) {
    boolean first;
    synchronized (lock) {
      first = !failing;
      failing = true;
      lastError = f.getMessage();
      reconcileDue = true;
    }
    outcomes.updated(target, f.result());
    if (first) {
      log.warn("rfc2136 {}: failing: {}", target, f.getMessage());
      outcomes.failing(target, f.getMessage());
    }
  }
}
