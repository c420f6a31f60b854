package dev.wayfinder.health;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;

/**
 * What the zone builder asks of health: the current verdict for one endpoint. This is the seam
 * between probing and answering; the zone never sees probes, only states.
 */
@FunctionalInterface
public interface HealthView {

  /** The endpoint's current state. Must be cheap and must not block. */
  EndpointState state(Service service, Endpoint endpoint);

  /** Every endpoint healthy: the view before health checking runs. */
  static HealthView allHealthy() {
    return (s, e) -> EndpointState.HEALTHY;
  }
}
