package dev.wayfinder.admin;

import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.store.StoredState;
import dev.wayfinder.store.StoredState.EndpointKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the store's state back at start, before DNS answers: the API's services (each body read
 * again through the config's reader, so a zone that changed since is judged by today's rules), then
 * drains and maintenance onto the health checker. What no longer fits is logged and skipped, never
 * fatal: the config file may have changed while the daemon was down.
 */
public final class StateRestore {
  private static final Logger log = LoggerFactory.getLogger(StateRestore.class);

  private StateRestore() {}

  /** The stored API services that are still valid. */
  public static List<Service> services(StoredState state, ServiceBodyReader bodies) {
    List<Service> out = new ArrayList<>(state.services().size());
    for (Map.Entry<String, String> e : state.services().entrySet()) {
      ServiceBodyReader.Result r =
          bodies.read(e.getValue(), e.getKey(), Service.Source.API, List.of());
      if (r.valid()) {
        out.add(r.service());
      } else {
        ServiceBodyReader.Problem p = r.problems().get(0);
        log.warn(
            "stored API service {} is not valid any more and is not served: {}: {}",
            e.getKey(),
            p.field(),
            p.message());
      }
    }
    return out;
  }

  /**
   * Logs the restored API services another source serves instead (the config file took their names
   * while the daemon was down): they stay in the store and the registry, and are served again when
   * the file lets the name go.
   */
  public static void warnShadowed(Registry registry, List<Service> restored) {
    List<String> names = restored.stream().map(Service::name).toList();
    for (String name : registry.heldByOthers(Service.Source.API, names)) {
      log.warn("stored API service {} is not served: the config file defines {} now", name, name);
    }
  }

  /**
   * Applies the stored drains and maintenance to {@code health}, which must know the services
   * already ({@link HealthChecker#update}); those of services or endpoints gone are skipped.
   */
  public static void endpointState(StoredState state, HealthChecker health) {
    for (String service : state.maintenance()) {
      health.setMaintenance(service, true);
    }
    for (EndpointKey k : state.endpointMaintenance()) {
      InetAddress a = IpLiteral.toAddress(k.address());
      if (a != null) {
        health.setEndpointMaintenance(k.service(), a, true);
      }
    }
    for (EndpointKey k : state.drains()) {
      InetAddress a = IpLiteral.toAddress(k.address());
      if (a != null) {
        health.drain(k.service(), a);
      }
    }
  }
}
