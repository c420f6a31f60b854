package dev.wayfinder.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.config.ClusterConfig;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EtcdSession} on jetcd. One thread ({@code cluster-session}) runs the state machine and
 * renews the lease; jetcd's callbacks only hand work to it. It hands each event, in order, to a
 * second thread ({@code cluster-events}) that calls the listeners, so a burst of changes to apply
 * never delays a renewal (a late renewal looks like an outage).
 *
 * <p>The lease etcd holds is a second shorter than {@code lease_ttl} (from 3 s on): etcd revokes an
 * expired lease at its next check, up to 500 ms later, and the survivors then campaign and publish,
 * so a dead leader's successor publishes within {@code lease_ttl} of its death (SPEC).
 *
 * <p>Connected or not is decided here, never by jetcd's own retries: the lease is renewed every
 * quarter of its TTL, and a session that has not renewed it for its TTL less a second (at least two
 * thirds of it, at most 10 s), or whose watch stays broken that long, or whose lease or watch
 * revision is gone, is disconnected. Tolerating a failed renewal or a broken watch for that grace
 * is what lets a node ride through the loss of one etcd member and the election that may follow;
 * the lease itself still has a third of its TTL left. Each connection uses a fresh jetcd client, so
 * gRPC's own reconnect backoff (which grows to minutes) never delays a rejoin.
 */
public final class JetcdSession implements EtcdSession {
  private static final Logger LOG = LoggerFactory.getLogger(JetcdSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_GRACE = Duration.ofSeconds(10);
  private static final Duration REVOKE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration FIRST_CONNECT = Duration.ofSeconds(4);

  private final ClusterConfig config;
  private final EtcdKeys keys;
  private final Duration leaseTtl; // the lease granted: see leaseTtl(Duration)
  private final SessionTiming timing;
  private final String memberValue;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final SessionThread thread = new SessionThread("cluster-session");

  /** Where listeners run, in order: off the session's thread, which must keep renewing. */
  private final SessionThread events = new SessionThread("cluster-events");

  private final AtomicLong writes = new AtomicLong();

  // Written on the session thread; read from callers' threads by the write methods.
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile Client client;
  private volatile long leaseId;

  // Session thread only.
  private boolean started;
  private int failures;
  private boolean outageReported;
  private volatile SessionWatch watch;

  public JetcdSession(ClusterConfig config) {
    this.config = config;
    this.keys = new EtcdKeys(config.prefix());
    this.leaseTtl = leaseTtl(config.leaseTtl());
    this.timing = SessionTiming.of(leaseTtl, MAX_GRACE);
    this.memberValue = memberJson(config.node(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /** The TTL of the lease granted for {@code lease_ttl}: a second shorter, from 3 s on. */
  static Duration leaseTtl(Duration configured) {
    return configured.getSeconds() >= 3 ? configured.minusSeconds(1) : configured;
  }

  /** A session for {@code config}, already connecting. */
  public static JetcdSession start(ClusterConfig config, Listener... listeners) {
    JetcdSession session = new JetcdSession(config);
    for (Listener l : listeners) {
      session.addListener(l);
    }
    session.start();
    return session;
  }

  @Override
  public String node() {
    return config.node();
  }

  @Override
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  @Override
  public void start() {
    thread.execute(
        () -> {
          if (!started) {
            started = true;
            thread.every(this::tick, timing.tick());
            connect();
          }
        });
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public CompletableFuture<Long> putLeased(String key, String value) {
    return write(
        c ->
            c.getKVClient()
                .put(
                    keys.absolute(key),
                    EtcdKeys.bytes(value),
                    PutOption.builder().withLeaseId(leaseId).build())
                .thenApply(r -> r.getHeader().getRevision()));
  }

  @Override
  public CompletableFuture<Long> put(String key, String value) {
    return write(
        c ->
            c.getKVClient()
                .put(keys.absolute(key), EtcdKeys.bytes(value))
                .thenApply(r -> r.getHeader().getRevision()));
  }

  @Override
  public CompletableFuture<Long> delete(String key) {
    return write(
        c ->
            c.getKVClient().delete(keys.absolute(key)).thenApply(r -> r.getHeader().getRevision()));
  }

  /**
   * etcd's election primitive: the put happens only while the key's create revision is 0 (it does
   * not exist). Holding it already (this node's value under this lease) also counts as holding it,
   * so a node may ask again after a reconnect.
   */
  @Override
  public CompletableFuture<Boolean> createLeased(String key, String value) {
    return write(
        c -> {
          long lease = leaseId;
          ByteSequence k = keys.absolute(key);
          ByteSequence v = EtcdKeys.bytes(value);
          return c.getKVClient()
              .txn()
              .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
              .Then(Op.put(k, v, PutOption.builder().withLeaseId(lease).build()))
              .Else(Op.get(k, GetOption.DEFAULT))
              .commit()
              .thenApply(r -> holds(r, v, lease));
        });
  }

  @Override
  public long lease() {
    return leaseId;
  }

  @Override
  public long writes() {
    return writes.get();
  }

  /** Stops renewing and revokes the lease, so this node's leased keys go at once. */
  @Override
  public void close() {
    shutDown(true);
  }

  /**
   * Stops as a crashed process would: no more renewals and no revoke, so this node's leased keys
   * stay until the lease lapses. For tests of what the other nodes see.
   */
  void abandon() {
    shutDown(false);
  }

  // ---- the session thread's state machine ----

  /** One attempt to (re)connect; on failure, schedules the next one. */
  private void connect() {
    if (closed || connected) {
      return;
    }
    Client c = null;
    // The first connection of a process loads gRPC, protobuf and Netty's HTTP/2 classes on the
    // way: it gets longer than a renewal, or every start would log a spurious outage.
    Duration call = leaseId == 0 ? FIRST_CONNECT.plus(timing.call()) : timing.call();
    try {
      c = ClientFactory.build(config.etcd(), call);
      client = c;
      SessionStart start = new SessionStart(c, keys, call);
      long lease = start.lease(leaseId, leaseTtl);
      leaseId = lease;
      writes.incrementAndGet();
      start.putMember(keys.absolute("members/" + config.node()), memberValue, lease);
      SessionStart.Snapshot snapshot = start.snapshot();
      watch =
          new SessionWatch(c, keys, snapshot.revision(), thread, this::watchFailed, this::changed);
      connected = true;
      failures = 0;
      outageReported = false;
      timing.renewed();
      LOG.info(
          "connected to etcd as {}: lease {}, revision {}, {} keys",
          config.node(),
          Long.toHexString(lease),
          snapshot.revision(),
          snapshot.keys().size());
      notifyListeners(l -> l.connected(snapshot.keys(), snapshot.revision()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(c);
    } catch (Exception e) {
      closeQuietly(c);
      failures++;
      String reason = SessionStart.reason(e);
      if (!outageReported) {
        outageReported = true;
        LOG.warn("cannot reach etcd {}: {}; retrying", config.etcd(), reason);
      } else {
        LOG.debug("etcd connect attempt {} failed: {}", failures, reason);
      }
      if (!closed) {
        thread.schedule(this::connect, ReconnectDelay.after(failures));
      }
    }
  }

  /** Runs every {@code leaseTtl / 10}: gives up on a lapsing lease or watch, renews when due. */
  private void tick() {
    try {
      if (connected && !closed) {
        checkAndRenew();
      }
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again: the session must keep ticking.
      LOG.error("cluster session tick failed", e);
    }
  }

  private void checkAndRenew() {
    String late = timing.overdue();
    if (late == null) {
      late = watch.brokenFor(timing.grace());
    }
    if (late != null) {
      disconnect(late);
      return;
    }
    if (timing.renewDue()) {
      Client c = client;
      SessionTiming.Attempt attempt = timing.renewing();
      c.getLeaseClient()
          .keepAliveOnce(leaseId)
          .orTimeout(timing.renewTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((r, t) -> thread.execute(() -> renewed(c, attempt, t)));
    }
  }

  private void renewed(Client c, SessionTiming.Attempt attempt, Throwable failure) {
    if (c != client || !connected) {
      return;
    }
    if (failure == null) {
      timing.renewedAt(attempt);
    } else if (SessionStart.leaseGone(failure)) {
      disconnect("lease " + Long.toHexString(leaseId) + " expired");
    } else {
      timing.renewFailed();
      LOG.debug("lease renewal failed: {}", SessionStart.reason(failure));
    }
  }

  private void changed(String key, String value, long revision) {
    if (connected) {
      notifyListeners(l -> l.changed(key, value, revision));
    }
  }

  /** A watch that cannot resume (its revision was compacted): a fresh snapshot is needed. */
  private void watchFailed(String reason) {
    if (connected) {
      disconnect(reason);
    }
  }

  private void disconnect(String reason) {
    connected = false;
    watch.close();
    client.close();
    LOG.warn("disconnected from etcd: {}; reconnecting", reason);
    outageReported = true;
    notifyListeners(l -> l.disconnected(reason));
    if (!closed) {
      thread.schedule(this::connect, ReconnectDelay.FIRST);
    }
  }

  private void notifyListeners(java.util.function.Consumer<Listener> call) {
    events.execute(
        () -> {
          for (Listener l : listeners) {
            if (closed) {
              return;
            }
            try {
              call.accept(l);
            } catch (RuntimeException e) {
              LOG.error("cluster listener {} failed", l, e);
            }
          }
        });
  }

  // ---- writes and shutdown, from any thread ----

  private <T> CompletableFuture<T> write(
      java.util.function.Function<Client, CompletableFuture<T>> send) {
    Client c = client;
    if (!connected || c == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("etcd is not connected"));
    }
    writes.incrementAndGet();
    return send.apply(c).orTimeout(timing.call().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean holds(TxnResponse response, ByteSequence value, long lease) {
    if (response.isSucceeded()) {
      return true;
    }
    return response.getGetResponses().stream()
        .flatMap(g -> g.getKvs().stream())
        .anyMatch((KeyValue kv) -> kv.getLease() == lease && kv.getValue().equals(value));
  }

  private synchronized void shutDown(boolean revoke) {
    if (closed) {
      return;
    }
    closed = true;
    connected = false;
    thread.stop();
    events.stop();
    if (watch != null) {
      watch.close();
    }
    Client c = client;
    if (c != null) {
      if (revoke && leaseId != 0) {
        SessionStart.revokeQuietly(c, leaseId, REVOKE_TIMEOUT);
      }
      c.close();
    }
  }

  private static void closeQuietly(Client c) {
    if (c != null) {
      c.close();
    }
  }

  private static String memberJson(String node, Instant started) {
    Map<String, String> value = new LinkedHashMap<>();
    value.put("node", node);
    value.put("started", started.toString());
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
