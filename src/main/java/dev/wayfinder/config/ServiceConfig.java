package dev.wayfinder.config;

import java.util.List;

/**
 * One entry of {@code services:}.
 *
 * @param name relative to the zone, lower case, may hold dots ({@code web.prod})
 * @param ttl answer TTL in seconds (default: {@code dns.ttl})
 * @param ports named ports for SRV (default none)
 * @param endpoints the endpoints, in config order (default none)
 * @param health how endpoints are probed (default type {@code none})
 * @param failOpen answer with all endpoints when none is healthy (default true)
 * @param maxAnswers most addresses in one answer, 0 = all (default 0)
 */
public record ServiceConfig(
    String name,
    long ttl,
    List<PortConfig> ports,
    List<EndpointConfig> endpoints,
    HealthConfig health,
    boolean failOpen,
    int maxAnswers) {

  public ServiceConfig {
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
  }
}
