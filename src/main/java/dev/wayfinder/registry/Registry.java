package dev.wayfinder.registry;

import dev.wayfinder.config.EndpointConfig;
import dev.wayfinder.config.PortConfig;
import dev.wayfinder.config.ServiceConfig;
import dev.wayfinder.config.WayfinderConfig;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The set of services, owned here. Readers get immutable {@link Service} values; writers replace a
 * whole service. Listeners hear about every change, on the writer's thread.
 */
public final class Registry {
  private final Map<String, Service> services;
  private final List<Consumer<Collection<Service>>> listeners = new CopyOnWriteArrayList<>();

  private Registry(int expectedServices) {
    this.services = LinkedHashMap.newLinkedHashMap(expectedServices);
  }

  /**
   * A registry holding the config file's services. Services with equal port lists share one list
   * (at 100,000 services most are alike, and each list is four objects).
   */
  public static Registry fromConfig(WayfinderConfig config) {
    Registry r = new Registry(config.services().size());
    // By identity: the config already shares one list among equal ones, and hashing a list of
    // records per service is their generated hashCode, slow while cold.
    Map<List<PortConfig>, List<Port>> portLists = new IdentityHashMap<>();
    for (ServiceConfig s : config.services()) {
      List<Port> ports = portLists.computeIfAbsent(s.ports(), Registry::ports);
      r.services.put(s.name(), toService(s, ports, Service.Source.CONFIG));
    }
    return r;
  }

  /** Converts a validated config entry into the registry's model. */
  public static Service toService(ServiceConfig s, Service.Source source) {
    return toService(s, ports(s.ports()), source);
  }

  private static Service toService(ServiceConfig s, List<Port> ports, Service.Source source) {
    return new Service(
        s.name(),
        s.ttl(),
        ports,
        numbered(s.endpoints()),
        s.health(),
        s.failOpen(),
        s.maxAnswers(),
        source);
  }

  /**
   * The config's own endpoint list when each endpoint's ordinal is its position, as the config
   * readers make them (the registry keeps the list, not a copy); else a renumbered copy.
   */
  private static List<EndpointConfig> numbered(List<EndpointConfig> endpoints) {
    for (int i = 0; i < endpoints.size(); i++) {
      if (endpoints.get(i).ordinal() != i + 1) {
        EndpointConfig[] copy = new EndpointConfig[endpoints.size()];
        for (int k = 0; k < copy.length; k++) {
          EndpointConfig e = endpoints.get(k);
          copy[k] = new EndpointConfig(e.address(), e.hostname(), e.weight(), e.priority(), k + 1);
        }
        return List.of(copy);
      }
    }
    return endpoints;
  }

  private static List<Port> ports(List<PortConfig> config) {
    Port[] ports = new Port[config.size()];
    for (int i = 0; i < ports.length; i++) {
      PortConfig p = config.get(i);
      ports[i] = new Port(p.name(), p.protocol(), p.port());
    }
    return List.of(ports);
  }

  /** A snapshot of all services, in insertion order. */
  public synchronized List<Service> services() {
    return List.copyOf(services.values());
  }

  /** The named service, or {@code null}. */
  public synchronized Service get(String name) {
    return services.get(name);
  }

  /** Adds or replaces a service and tells the listeners. */
  public void put(Service service) {
    List<Service> now;
    synchronized (this) {
      services.put(service.name(), service);
      now = List.copyOf(services.values());
    }
    listeners.forEach(l -> l.accept(now));
  }

  /** Removes a service (if present) and tells the listeners. */
  public void remove(String name) {
    List<Service> now;
    synchronized (this) {
      if (services.remove(name) == null) {
        return;
      }
      now = List.copyOf(services.values());
    }
    listeners.forEach(l -> l.accept(now));
  }

  /** Called with the whole new service list after every change. */
  public void addListener(Consumer<Collection<Service>> listener) {
    listeners.add(listener);
  }
}
