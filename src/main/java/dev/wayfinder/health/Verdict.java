package dev.wayfinder.health;

import java.net.InetAddress;

/**
 * A change of this node's own verdict for an endpoint, after rise/fall: what it votes in cluster
 * mode.
 *
 * @param service the service's name
 * @param endpoint the endpoint's address
 * @param state {@code HEALTHY} or {@code UNHEALTHY}
 * @param detail the probe detail that made it, such as {@code HTTP 503}
 */
public record Verdict(String service, InetAddress endpoint, EndpointState state, String detail) {}
