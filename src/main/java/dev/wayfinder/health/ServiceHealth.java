package dev.wayfinder.health;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;

/**
 * One service's health: its current definition and probe, its endpoints' state machines keyed by
 * address, and their probe schedules. Mutations happen under the {@link HealthChecker}'s lock;
 * reads of states and of the endpoint map are lock-free.
 */
final class ServiceHealth {
  /** Up to this many endpoints, duplicate addresses are looked for by a scan, not a set. */
  private static final int FEW = 16;

  private final String name;

  /**
   * Null while nothing needs the machines: a service nobody probes (type {@code none}) gets them
   * when an operator drains or maintains it or one of its endpoints, or a new version of it is
   * probed. Until then its endpoints are unknown (answered), as fresh machines would report. Made
   * eagerly they would cost a table per service and a machine per endpoint, objects the collector
   * traces for nothing.
   */
  private volatile EndpointTable endpoints;

  /** Records the machines' changes; kept to make them when first needed. */
  private final Recorder recorder;

  /** Null until the first schedule: a service of type {@code none} never has one. */
  private Map<InetAddress, ScheduledFuture<?>> schedules;

  private volatile Service service;
  private volatile Probe probe;
  private volatile boolean maintenance;

  ServiceHealth(Service service, Recorder recorder) {
    this.name = service.name();
    this.service = service;
    this.probe = Probes.create(service.health());
    this.recorder = recorder;
    this.endpoints = probe == null ? null : EndpointTable.of(stateMachines(service, recorder));
  }

  /** Makes the state machines if they are not made yet (under the checker's lock). */
  void makeMachines() {
    if (endpoints == null) {
      endpoints = EndpointTable.of(stateMachines(service, recorder));
    }
  }

  /** How many endpoints have no machine yet, all unknown: every one until they are made. */
  int unmade() {
    return endpoints == null ? service.endpoints().size() : 0;
  }

  /**
   * A state machine per distinct address, in config order. For a few endpoints the duplicates are
   * looked for among the machines made so far, with no list of addresses in between: this runs for
   * every service at the start (100,000 at the scale target).
   */
  private static EndpointHealth[] stateMachines(Service service, Recorder recorder) {
    List<Endpoint> endpoints = service.endpoints();
    if (endpoints.size() > FEW) {
      List<InetAddress> addresses = addresses(service);
      EndpointHealth[] made = new EndpointHealth[addresses.size()];
      for (int i = 0; i < made.length; i++) {
        made[i] = new EndpointHealth(service.name(), addresses.get(i), recorder);
      }
      return made;
    }
    EndpointHealth[] made = new EndpointHealth[endpoints.size()];
    int n = 0;
    for (int i = 0; i < made.length; i++) {
      InetAddress a = endpoints.get(i).address();
      if (!madeFor(made, n, a)) {
        made[n++] = new EndpointHealth(service.name(), a, recorder);
      }
    }
    return n == made.length ? made : Arrays.copyOf(made, n);
  }

  private static boolean madeFor(EndpointHealth[] made, int n, InetAddress address) {
    for (int k = 0; k < n; k++) {
      if (made[k].address().equals(address)) {
        return true;
      }
    }
    return false;
  }

  String name() {
    return name;
  }

  Service service() {
    return service;
  }

  /** The probe, or {@code null} for type {@code none}. */
  Probe probe() {
    return probe;
  }

  boolean maintenance() {
    return maintenance;
  }

  void setMaintenance(boolean on) {
    maintenance = on;
  }

  /** The machine of {@code address}; {@code null} when it is not an endpoint or not made yet. */
  EndpointHealth endpoint(InetAddress address) {
    EndpointTable t = endpoints;
    return t == null ? null : t.get(address);
  }

  /** The machines made (all of them once any is: see {@link #makeMachines}). */
  List<EndpointHealth> endpoints() {
    EndpointTable t = endpoints;
    return t == null ? List.of() : t.values();
  }

  /**
   * Takes a new version of the service. Endpoints that stay keep their state; a changed {@code
   * health:} section gets a new probe and new schedules.
   *
   * @param newcomer builds the state machine of an added endpoint
   */
  void replace(Service next, BiFunction<String, InetAddress, EndpointHealth> newcomer) {
    if (next == service) {
      return; // the registry hands the same object for a service that did not change
    }
    if (endpoints == null) {
      // No machine exists yet, so none has a state to keep (nor a schedule, nor maintenance).
      service = next;
      probe = Probes.create(next.health());
      if (probe != null) {
        endpoints = EndpointTable.of(stateMachines(next, recorder));
      }
      return;
    }
    if (!next.health().equals(service.health())) {
      Probe old = probe;
      probe = Probes.create(next.health());
      if (old != null) {
        old.close();
      }
      endpoints.values().forEach(EndpointHealth::resetStreak);
      cancelAll();
    }
    service = next;
    List<InetAddress> wanted = addresses(next);
    EndpointTable before = endpoints;
    Collection<InetAddress> stay = wanted.size() > FEW ? new HashSet<>(wanted) : wanted;
    for (EndpointHealth e : before.values()) {
      if (!stay.contains(e.address())) {
        cancel(e.address());
      }
    }
    List<EndpointHealth> after = new ArrayList<>(wanted.size());
    for (InetAddress a : wanted) {
      EndpointHealth kept = before.get(a);
      after.add(kept != null ? kept : newcomer.apply(name, a));
    }
    endpoints = EndpointTable.of(after);
  }

  /** Schedules every endpoint that has no schedule yet (none for type {@code none}). */
  void scheduleMissing(
      ProbeScheduler scheduler,
      BiFunction<ServiceHealth, EndpointHealth, ProbeScheduler.Check> check) {
    if (probe == null) {
      return;
    }
    if (schedules == null) {
      schedules = new HashMap<>();
    }
    for (EndpointHealth e : endpoints.values()) {
      schedules.computeIfAbsent(
          e.address(),
          a -> scheduler.schedule(service.health().interval(), e.probing(), check.apply(this, e)));
    }
  }

  /** Stops probing every endpoint and closes the probe. */
  void close() {
    cancelAll();
    if (probe != null) {
      probe.close();
    }
  }

  private void cancel(InetAddress address) {
    ScheduledFuture<?> f = schedules == null ? null : schedules.remove(address);
    if (f != null) {
      f.cancel(false);
    }
  }

  private void cancelAll() {
    if (schedules != null) {
      schedules.values().forEach(f -> f.cancel(false));
      schedules.clear();
    }
  }

  /**
   * The service's endpoint addresses in config order, each once (the config and the API reject
   * duplicates; an {@link EndpointTable} must not hold any). A scan for a few, a set above that.
   */
  private static List<InetAddress> addresses(Service service) {
    List<Endpoint> endpoints = service.endpoints();
    if (endpoints.size() > FEW) {
      Set<InetAddress> out = new LinkedHashSet<>();
      for (Endpoint e : endpoints) {
        out.add(e.address());
      }
      return List.copyOf(out);
    }
    List<InetAddress> out = new ArrayList<>(endpoints.size());
    for (Endpoint e : endpoints) {
      if (!out.contains(e.address())) {
        out.add(e.address());
      }
    }
    return out;
  }
}
