package dev.wayfinder.health;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One service's health: its current definition and probe, its endpoints' state machines keyed by
 * address, and their probe schedules. Mutations happen under the {@link HealthChecker}'s lock;
 * reads of states and of the endpoint map are lock-free.
 */
final class ServiceHealth {
  private final String name;
  private volatile EndpointTable endpoints;
  private final Map<InetAddress, ScheduledFuture<?>> schedules = new HashMap<>();
  private volatile Service service;
  private volatile Probe probe;
  private volatile boolean maintenance;

  ServiceHealth(Service service, Consumer<StateChange> recorder) {
    this.name = service.name();
    this.service = service;
    this.probe = Probes.create(service.health());
    List<EndpointHealth> made = new ArrayList<>(service.endpoints().size());
    addresses(service).forEach(a -> made.add(new EndpointHealth(name, a, recorder)));
    this.endpoints = EndpointTable.of(made);
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

  EndpointHealth endpoint(InetAddress address) {
    return endpoints.get(address);
  }

  List<EndpointHealth> endpoints() {
    return endpoints.values();
  }

  /**
   * Takes a new version of the service. Endpoints that stay keep their state; a changed {@code
   * health:} section gets a new probe and new schedules.
   *
   * @param newcomer builds the state machine of an added endpoint
   */
  void replace(Service next, BiFunction<String, InetAddress, EndpointHealth> newcomer) {
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
    Set<InetAddress> wanted = addresses(next);
    EndpointTable before = endpoints;
    for (EndpointHealth e : before.values()) {
      if (!wanted.contains(e.address())) {
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
    for (EndpointHealth e : endpoints.values()) {
      schedules.computeIfAbsent(
          e.address(),
          a -> scheduler.schedule(service.health().interval(), e.probing, check.apply(this, e)));
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
    ScheduledFuture<?> f = schedules.remove(address);
    if (f != null) {
      f.cancel(false);
    }
  }

  private void cancelAll() {
    schedules.values().forEach(f -> f.cancel(false));
    schedules.clear();
  }

  private static Set<InetAddress> addresses(Service service) {
    Set<InetAddress> out = new LinkedHashSet<>();
    for (Endpoint e : service.endpoints()) {
      out.add(e.address());
    }
    return out;
  }
}
