package dev.wayfinder.registry;

import java.util.List;

/**
 * A service and its endpoints, immutable; a change is a new {@code Service}. Its identity is its
 * name (normalised: lower case, relative to the zone).
 *
 * @param name relative to the zone, lower case, may hold dots
 * @param ttl answer TTL in seconds
 * @param ports named ports (SRV)
 * @param endpoints endpoints in their defined order (their ordinals are 1, 2, ...)
 * @param health how endpoints are probed
 * @param failOpen answer with all endpoints when none is healthy
 * @param maxAnswers most addresses in one answer, 0 = all
 * @param source where the service is defined
 */
public record Service(
    String name,
    long ttl,
    List<Port> ports,
    List<Endpoint> endpoints,
    HealthSpec health,
    boolean failOpen,
    int maxAnswers,
    Source source) {

  public Service {
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
  }

  /**
   * Where a service is defined. When two sources define one name, the first in this order is the
   * one served (see {@link Registry}).
   */
  public enum Source {
    /** The config file: the operator's own file on this node. */
    CONFIG,
    /** The admin API, kept in the local store. */
    API,
    /** The cluster's shared registry in etcd. */
    CLUSTER
  }

  /** This service as defined by {@code other} (the same values otherwise). */
  public Service withSource(Source other) {
    return other == source
        ? this
        : new Service(name, ttl, ports, endpoints, health, failOpen, maxAnswers, other);
  }
}
