package dev.wayfinder.registry;

import dev.wayfinder.config.EndpointConfig;
import dev.wayfinder.config.HealthConfig;
import java.util.List;

/**
 * A service and its endpoints, immutable; a change is a new {@code Service}.
 *
 * @param name relative to the zone, lower case, may hold dots
 * @param ttl answer TTL in seconds
 * @param ports named ports (SRV)
 * @param endpoints endpoints in config order
 * @param health how endpoints are probed
 * @param failOpen answer with all endpoints when none is healthy
 * @param maxAnswers most addresses in one answer, 0 = all
 * @param source where the service came from
 */
public record Service(
    String name,
    long ttl,
    List<Port> ports,
    List<EndpointConfig> endpoints,
    HealthConfig health,
    boolean failOpen,
    int maxAnswers,
    Source source) {

  public Service {
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
  }

  /** Where a service was defined. */
  public enum Source {
    CONFIG,
    API
  }
}
