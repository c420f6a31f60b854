package dev.wayfinder.config;

import java.time.Duration;

/**
 * The {@code dns.limits:} section: bounds on what clients may hold of the server. A partial map
 * keeps the other defaults.
 *
 * @param tcpConnections TCP connections open at once over every listener (default 1000)
 * @param tcpPerSource TCP connections open at once from one client address (default 32)
 * @param tcpIdle a TCP connection with no byte read or written for this long is closed (RFC 7766
 *     6.2.3; default 10s)
 * @param forwardInFlight forwarded queries awaiting an upstream answer at once, over all upstreams;
 *     one more gets SERVFAIL at once (default 1000)
 */
public record LimitsConfig(
    int tcpConnections, int tcpPerSource, Duration tcpIdle, int forwardInFlight) {

  /** SPEC.md's defaults. */
  public static final LimitsConfig DEFAULT =
      new LimitsConfig(1000, 32, Duration.ofSeconds(10), 1000);
}
