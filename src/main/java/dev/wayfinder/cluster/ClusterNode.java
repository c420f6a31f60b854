package dev.wayfinder.cluster;

import dev.wayfinder.config.ClusterConfig;
import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.RegistryChanges;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceChange;
import dev.wayfinder.store.StateWrites;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This node's part of the cluster: its etcd session, the vote, the shared registry, the config-file
 * agreement and the leadership. The daemon makes it after the registry and the health checker know
 * their first services and before probing starts, and {@link #start()}s it.
 *
 * <p>Work arrives on three kinds of threads: the session's (etcd's view, in order), the probes'
 * (verdicts) and the registry's listeners; the latter two are handed to one thread of this node
 * ({@code cluster}) so neither a probe nor a registry batch ever waits for etcd.
 */
public final class ClusterNode implements ClusterView, AutoCloseable {
  private final ClusterConfig config;
  private final EtcdSession session;
  private final HealthChecker health;
  private final VoteBook votes;
  private final SharedRegistry shared;
  private final ConfigAgreement agreement;
  private final Leadership leadership;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster").daemon().factory());

  /** Every node seen alive since the start; those no longer alive are listed as such. */
  private final Set<String> seen = new TreeSet<>();

  private final Set<String> alive = new TreeSet<>();

  /**
   * @param leading told {@code true} when this node starts publishing, {@code false} when it stops;
   *     runs on the session's thread
   */
  public ClusterNode(
      ClusterConfig config,
      EtcdSession session,
      Registry registry,
      HealthChecker health,
      ServiceBodyReader bodies,
      Consumer<Boolean> leading) {
    this.config = config;
    this.session = session;
    this.health = health;
    this.votes = new VoteBook(config.node(), session, health);
    this.shared = new SharedRegistry(session, registry, health, bodies);
    this.agreement = new ConfigAgreement(session);
    this.leadership = new Leadership(session, leading);
    health.vote(v -> onWorker(() -> votes.ownVerdict(v)));
    agreement.local(configServices(registry.services()), List.of());
    registry.addListener(batch -> onWorker(() -> registryChanged(batch)));
    session.addListener(new SessionEvents());
  }

  /** Starts the session; returns at once (the node serves its own state until etcd answers). */
  public void start() {
    session.start();
  }

  /** The API's writes: to etcd, applied on every node. */
  public StateWrites stateWrites() {
    return shared;
  }

  private final class SessionEvents implements EtcdSession.Listener {
    @Override
    public void connected(Map<String, String> keys, long revision) {
      members(keys);
      shared.connected(keys, revision);
      agreement.connected(keys);
      votes.connected(keys);
      leadership.connected(keys);
    }

    @Override
    public void changed(String key, String value, long revision) {
      if (key.startsWith(ClusterKeys.MEMBERS)) {
        member(key.substring(ClusterKeys.MEMBERS.length()), value != null);
      }
      votes.changed(key, value);
      agreement.changed(key, value);
      leadership.changed(key, value);
      shared.changed(key, value, revision);
    }

    @Override
    public void disconnected(String reason) {
      synchronized (ClusterNode.this) {
        alive.clear();
      }
      votes.disconnected();
      leadership.disconnected();
    }
  }

  private synchronized void members(Map<String, String> keys) {
    alive.clear();
    for (String k : keys.keySet()) {
      if (k.startsWith(ClusterKeys.MEMBERS)) {
        member(k.substring(ClusterKeys.MEMBERS.length()), true);
      }
    }
  }

  private synchronized void member(String node, boolean up) {
    if (up) {
      alive.add(node);
      seen.add(node);
    } else {
      alive.remove(node);
    }
  }

  private void registryChanged(RegistryChanges batch) {
    List<Service> configPut = new ArrayList<>();
    List<String> configRemoved = new ArrayList<>();
    Set<String> added = new HashSet<>();
    for (ServiceChange c : batch.changes()) {
      Set<InetAddress> before = addresses(c.before());
      Set<InetAddress> after = addresses(c.after());
      for (InetAddress a : before) {
        if (!after.contains(a)) {
          votes.forget(c.name(), a);
        }
      }
      for (InetAddress a : after) {
        if (!before.contains(a)) {
          votes.added(c.name(), a);
        }
      }
      if (c.before() == null && c.after() != null) {
        added.add(c.name());
      }
      if (c.after() != null && c.after().source() == Service.Source.CONFIG) {
        configPut.add(c.after());
      } else if (c.before() != null && c.before().source() == Service.Source.CONFIG) {
        configRemoved.add(c.name());
      }
    }
    if (!added.isEmpty()) {
      shared.servicesAdded(added);
    }
    if (!configPut.isEmpty() || !configRemoved.isEmpty()) {
      agreement.local(configPut, configRemoved);
    }
  }

  private static Set<InetAddress> addresses(Service s) {
    if (s == null) {
      return Set.of();
    }
    Set<InetAddress> out = new HashSet<>();
    for (Endpoint e : s.endpoints()) {
      out.add(e.address());
    }
    return out;
  }

  private static List<Service> configServices(List<Service> all) {
    return all.stream().filter(s -> s.source() == Service.Source.CONFIG).toList();
  }

  @Override
  public synchronized Map<String, Object> status() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("node", config.node());
    o.put("leader", leadership.leader());
    o.put("etcd", session.connected() ? "connected" : "disconnected");
    List<Map<String, Object>> members = new ArrayList<>();
    Set<String> all = new TreeSet<>(seen);
    all.add(config.node());
    for (String n : all) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", n);
      m.put("alive", alive.contains(n));
      members.add(m);
    }
    o.put("members", members);
    List<Map<String, Object>> disagreements = new ArrayList<>();
    agreement
        .disagreements()
        .forEach(
            (service, groups) -> {
              Map<String, Object> d = new LinkedHashMap<>();
              d.put("service", service);
              d.put("nodes", groups);
              disagreements.add(d);
            });
    o.put("config_disagreements", disagreements);
    return o;
  }

  @Override
  public Map<String, String> votes(String service, InetAddress address) {
    return votes.votes(service, address);
  }

  @Override
  public String degradedReason() {
    return session.connected()
        ? null
        : "etcd is unreachable: serving the last known state and this node's own probes";
  }

  @Override
  public boolean connected() {
    return session.connected();
  }

  @Override
  public boolean leading() {
    return leadership.leading();
  }

  @Override
  public synchronized int aliveMembers() {
    return alive.size();
  }

  @Override
  public long etcdWrites() {
    return session.writes();
  }

  /**
   * Runs {@code task} on the node's thread. After {@link #close()} there is no session to tell:
   * probes that complete while the daemon stops are dropped here instead of failing.
   */
  private void onWorker(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException closed) {
      // closing: see above
    }
  }

  /** Closes the session (its leased keys lapse or are revoked) and the node's thread. */
  @Override
  public void close() {
    session.close();
    worker.shutdown();
    try {
      worker.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
