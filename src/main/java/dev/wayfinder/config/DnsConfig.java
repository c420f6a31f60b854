package dev.wayfinder.config;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The {@code dns:} section.
 *
 * @param listen addresses that each serve UDP and TCP (default {@code 127.0.0.1:5353})
 * @param zone the authoritative zone, lower case, no trailing dot (default {@code
 *     svc.cluster.local})
 * @param ttl default answer TTL in seconds; also the SOA minimum (default 10)
 * @param search the clients' resolv.conf search list, lower case, no trailing dots (default none)
 * @param reverse serve PTR for endpoint addresses (default true)
 * @param forward forwarding of names outside the zone
 * @param rateLimit response rate limiting (default off)
 * @param transfer zone transfer (AXFR/IXFR) and NOTIFY
 * @param limits bounds on TCP connections and forwarded queries in flight
 */
public record DnsConfig(
    List<InetSocketAddress> listen,
    String zone,
    long ttl,
    List<String> search,
    boolean reverse,
    ForwardConfig forward,
    RateLimitConfig rateLimit,
    TransferConfig transfer,
    LimitsConfig limits) {

  public DnsConfig {
    listen = List.copyOf(listen);
    search = List.copyOf(search);
  }

  /** With the default {@link LimitsConfig#DEFAULT}. */
  public DnsConfig(
      List<InetSocketAddress> listen,
      String zone,
      long ttl,
      List<String> search,
      boolean reverse,
      ForwardConfig forward,
      RateLimitConfig rateLimit,
      TransferConfig transfer) {
    this(listen, zone, ttl, search, reverse, forward, rateLimit, transfer, LimitsConfig.DEFAULT);
  }
}
