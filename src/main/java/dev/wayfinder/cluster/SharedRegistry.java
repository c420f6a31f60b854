package dev.wayfinder.cluster;

import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.store.StateWrites;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's state in cluster mode: services, drains and maintenance live in etcd (SPEC "Cluster
 * mode"), and every node, the writer included, applies them from the session's view of etcd, so all
 * nodes apply the same changes in the same order. Services enter the registry as {@code CLUSTER}
 * services; drains and maintenance apply to whichever node has the service, config-file services
 * included.
 *
 * <p>As the API's {@link StateWrites}, a write returns once etcd has it and this node has applied
 * it (the API's answer then shows it); it fails with an {@link IOException} while etcd is
 * unreachable. Without etcd the last view stays applied.
 */
final class SharedRegistry implements StateWrites {
  private static final Logger log = LoggerFactory.getLogger(SharedRegistry.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

  private final EtcdSession session;
  private final Registry registry;
  private final HealthChecker health;
  private final ServiceBodyReader bodies;

  private final Map<String, String> definitions = new HashMap<>();
  private final Set<String> drains = new HashSet<>();
  private final Set<String> endpointMaintenance = new HashSet<>();
  private final Set<String> maintenance = new HashSet<>();

  /** The revision of the last change applied; writers wait for theirs. */
  private long applied;

  SharedRegistry(
      EtcdSession session, Registry registry, HealthChecker health, ServiceBodyReader bodies) {
    this.session = session;
    this.registry = registry;
    this.health = health;
    this.bodies = bodies;
  }

  /** (Re)connected: the whole view replaces the last one. */
  synchronized void connected(Map<String, String> keys, long revision) {
    Map<String, String> defs = new HashMap<>();
    Set<String> newDrains = new HashSet<>();
    Set<String> newEndpointMaintenance = new HashSet<>();
    Set<String> newMaintenance = new HashSet<>();
    keys.forEach(
        (k, v) -> {
          if (k.startsWith(ClusterKeys.SERVICES)) {
            defs.put(k.substring(ClusterKeys.SERVICES.length()), v);
          } else if (k.startsWith(ClusterKeys.DRAINS)) {
            newDrains.add(k.substring(ClusterKeys.DRAINS.length()));
          } else if (k.startsWith(ClusterKeys.ENDPOINT_MAINTENANCE)) {
            newEndpointMaintenance.add(k.substring(ClusterKeys.ENDPOINT_MAINTENANCE.length()));
          } else if (k.startsWith(ClusterKeys.MAINTENANCE)) {
            newMaintenance.add(k.substring(ClusterKeys.MAINTENANCE.length()));
          }
        });
    definitions.clear();
    definitions.putAll(defs);
    List<Service> services = new ArrayList<>(defs.size());
    defs.forEach((name, body) -> readService(name, body, services));
    registry.sink(Service.Source.CLUSTER).replaceAll(services);
    reconcile(drains, newDrains, Flag.DRAIN);
    reconcile(endpointMaintenance, newEndpointMaintenance, Flag.ENDPOINT_MAINTENANCE);
    reconcile(maintenance, newMaintenance, Flag.MAINTENANCE);
    advance(revision);
  }

  /** One key changed in etcd. */
  synchronized void changed(String key, String value, long revision) {
    if (key.startsWith(ClusterKeys.SERVICES)) {
      String name = key.substring(ClusterKeys.SERVICES.length());
      if (value == null) {
        definitions.remove(name);
        registry.sink(Service.Source.CLUSTER).apply(List.of(), List.of(name));
      } else {
        definitions.put(name, value);
        List<Service> one = new ArrayList<>(1);
        readService(name, value, one);
        registry.sink(Service.Source.CLUSTER).apply(one, one.isEmpty() ? List.of(name) : List.of());
      }
    } else if (key.startsWith(ClusterKeys.DRAINS)) {
      flag(drains, key.substring(ClusterKeys.DRAINS.length()), value != null, Flag.DRAIN);
    } else if (key.startsWith(ClusterKeys.ENDPOINT_MAINTENANCE)) {
      flag(
          endpointMaintenance,
          key.substring(ClusterKeys.ENDPOINT_MAINTENANCE.length()),
          value != null,
          Flag.ENDPOINT_MAINTENANCE);
    } else if (key.startsWith(ClusterKeys.MAINTENANCE)) {
      flag(
          maintenance,
          key.substring(ClusterKeys.MAINTENANCE.length()),
          value != null,
          Flag.MAINTENANCE);
    }
    advance(revision);
  }

  /**
   * Services that (re)appeared in this node's registry, from any source: the shared drains and
   * maintenance apply to them too (a config reload may add a service the cluster drained).
   */
  synchronized void servicesAdded(Set<String> names) {
    for (String m : maintenance) {
      if (names.contains(m)) {
        Flag.MAINTENANCE.apply(health, m, true);
      }
    }
    for (String d : endpointMaintenance) {
      if (names.contains(serviceOf(d))) {
        Flag.ENDPOINT_MAINTENANCE.apply(health, d, true);
      }
    }
    for (String d : drains) {
      if (names.contains(serviceOf(d))) {
        Flag.DRAIN.apply(health, d, true);
      }
    }
  }

  private void readService(String name, String body, List<Service> into) {
    ServiceBodyReader.Result r;
    synchronized (bodies) {
      r = bodies.read(body, name, Service.Source.CLUSTER, List.of());
    }
    if (r.valid()) {
      into.add(r.service());
    } else {
      ServiceBodyReader.Problem p = r.problems().get(0);
      log.warn(
          "cluster service {} is not valid here and is not served: {}: {}",
          name,
          p.field(),
          p.message());
    }
  }

  private void reconcile(Set<String> held, Set<String> wanted, Flag flag) {
    for (String gone : List.copyOf(held)) {
      if (!wanted.contains(gone)) {
        flag(held, gone, false, flag);
      }
    }
    for (String k : wanted) {
      if (!held.contains(k)) {
        flag(held, k, true, flag);
      }
    }
  }

  private void flag(Set<String> held, String target, boolean on, Flag flag) {
    if (on ? held.add(target) : held.remove(target)) {
      flag.apply(health, target, on);
    }
  }

  private static String serviceOf(String target) {
    int slash = target.indexOf('/');
    return slash < 0 ? target : target.substring(0, slash);
  }

  /** What a key under drains/, maintenance/ or endpoint-maintenance/ sets on the checker. */
  private enum Flag {
    DRAIN,
    ENDPOINT_MAINTENANCE,
    MAINTENANCE;

    /** {@code target}: {@code service} or {@code service/address}. */
    void apply(HealthChecker health, String target, boolean on) {
      if (this == MAINTENANCE) {
        health.setMaintenance(target, on);
        return;
      }
      int slash = target.indexOf('/');
      InetAddress a = slash < 0 ? null : IpLiteral.toAddress(target.substring(slash + 1));
      if (a == null) {
        return;
      }
      String service = target.substring(0, slash);
      if (this == ENDPOINT_MAINTENANCE) {
        health.setEndpointMaintenance(service, a, on);
      } else if (on) {
        health.drain(service, a);
      } else {
        health.undrain(service, a);
      }
    }
  }

  private void advance(long revision) {
    if (revision > applied) {
      applied = revision;
      notifyAll();
    }
  }

  /** Waits until this node has applied {@code revision}; false at the deadline. */
  private synchronized boolean awaitApplied(long revision, long deadlineNanos)
      throws InterruptedException {
    while (applied < revision) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  // The API's writes. Not synchronized: the wait for the watch must not hold the lock it needs.

  @Override
  public void putService(String name, String body) throws IOException {
    commit(session.put(ClusterKeys.service(name), body), "save service " + name);
  }

  @Override
  public void deleteService(String name) throws IOException {
    List<CompletableFuture<Long>> writes = new ArrayList<>();
    writes.add(session.delete(ClusterKeys.service(name)));
    synchronized (this) {
      for (String d : drains) {
        if (serviceOf(d).equals(name)) {
          writes.add(session.delete(ClusterKeys.DRAINS + d));
        }
      }
      for (String d : endpointMaintenance) {
        if (serviceOf(d).equals(name)) {
          writes.add(session.delete(ClusterKeys.ENDPOINT_MAINTENANCE + d));
        }
      }
      if (maintenance.contains(name)) {
        writes.add(session.delete(ClusterKeys.maintenance(name)));
      }
    }
    for (CompletableFuture<Long> w : writes) {
      commit(w, "delete service " + name);
    }
  }

  @Override
  public void setDrained(String service, String address, boolean on) throws IOException {
    setKey(ClusterKeys.drain(service, address), on, "drain " + service + " " + address);
  }

  @Override
  public void setEndpointMaintenance(String service, String address, boolean on)
      throws IOException {
    setKey(
        ClusterKeys.endpointMaintenance(service, address),
        on,
        "maintenance of " + service + " " + address);
  }

  @Override
  public void setMaintenance(String service, boolean on) throws IOException {
    setKey(ClusterKeys.maintenance(service), on, "maintenance of " + service);
  }

  private void setKey(String key, boolean on, String what) throws IOException {
    commit(on ? session.put(key, "") : session.delete(key), what);
  }

  /** Waits for etcd's answer, then for this node to apply it. */
  private void commit(CompletableFuture<Long> write, String what) throws IOException {
    long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
    long revision;
    try {
      revision = write.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!awaitApplied(revision, deadline)) {
        log.warn("{}: etcd has it, this node has not applied it yet", what);
      }
    } catch (ExecutionException e) {
      throw new IOException("cannot " + what + " in etcd: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IOException("cannot " + what + " in etcd: no answer in " + WRITE_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while saving to etcd", e);
    }
  }
}
