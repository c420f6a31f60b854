package dev.wayfinder.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The {@code dns.forward:} section.
 *
 * @param upstreams resolvers to forward to, in order of preference; {@code "resolv.conf"} in the
 *     file is expanded to the nameservers of {@code /etc/resolv.conf} at load time (default). Empty
 *     means no forwarding: names outside the zone are REFUSED.
 * @param allowFrom sources that may use forwarding (default {@code 127.0.0.0/8} and {@code
 *     ::1/128}); never limits zone answers
 * @param cache the answer cache
 * @param timeout how long to wait for one upstream before trying the next (default 2s)
 */
public record ForwardConfig(
    List<InetSocketAddress> upstreams, List<Cidr> allowFrom, CacheConfig cache, Duration timeout) {

  public ForwardConfig {
    upstreams = List.copyOf(upstreams);
    allowFrom = List.copyOf(allowFrom);
  }
}
