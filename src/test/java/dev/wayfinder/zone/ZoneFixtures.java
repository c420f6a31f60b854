package dev.wayfinder.zone;

import dev.wayfinder.config.CacheConfig;
import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.config.ForwardConfig;
import dev.wayfinder.config.RateLimitConfig;
import dev.wayfinder.config.TransferConfig;
import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Config and services built directly, as the loader would produce them. */
final class ZoneFixtures {
  static final String ZONE = "svc.cluster.local";

  private ZoneFixtures() {}

  static DnsConfig dns() {
    return new DnsConfig(
        List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("::", 5353)),
        ZONE,
        10,
        List.of("default.svc.cluster.local", "svc.cluster.local"),
        true,
        new ForwardConfig(
            List.of(),
            List.of(),
            new CacheConfig(1000, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO),
            Duration.ofSeconds(2)),
        RateLimitConfig.OFF,
        new TransferConfig(List.of(), List.of(), null));
  }

  static HealthSpec noHealth() {
    return new HealthSpec(
        HealthSpec.Type.NONE,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        2,
        3,
        "200-399",
        null,
        null,
        null,
        List.of());
  }

  static Endpoint ep(String address, String hostname, int priority, int ordinal) {
    return new Endpoint(IpLiteral.toAddress(address), hostname, 1, priority, ordinal);
  }

  static Service service(
      String name, long ttl, List<Port> ports, boolean failOpen, int maxAnswers, Endpoint... eps) {
    return new Service(
        name, ttl, ports, List.of(eps), noHealth(), failOpen, maxAnswers, Service.Source.CONFIG);
  }

  /**
   * The test zone: {@code web} (two v4, one with a hostname, one v6, http/tcp 8080), {@code
   * web.prod}, {@code db} (active-standby priorities), {@code big} (max_answers 2 of 5, x/udp 9),
   * {@code empty} (no endpoints).
   */
  static List<Service> services() {
    return List.of(
        service(
            "web",
            30,
            List.of(new Port("http", "tcp", 8080)),
            true,
            0,
            ep("10.0.0.1", "web-a", 0, 1),
            ep("10.0.0.2", null, 0, 2),
            ep("fd00::1", null, 0, 3)),
        service("web.prod", 10, List.of(), true, 0, ep("10.1.0.1", null, 0, 1)),
        service(
            "db",
            10,
            List.of(new Port("pg", "tcp", 5432)),
            false,
            0,
            ep("10.2.0.1", null, 0, 1),
            ep("10.2.0.2", null, 0, 2),
            ep("10.2.0.3", null, 1, 3)),
        service(
            "big",
            10,
            List.of(new Port("x", "udp", 9)),
            true,
            2,
            ep("10.3.0.1", null, 0, 1),
            ep("10.3.0.2", null, 0, 2),
            ep("10.3.0.3", null, 0, 3),
            ep("10.3.0.4", null, 0, 4),
            ep("10.3.0.5", null, 0, 5)),
        service("empty", 10, List.of(), true, 0));
  }

  /** {@code n} services of three endpoints each, for size checks. */
  static List<Service> many(int n) {
    List<Service> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int hi = (i >> 8) & 0xff;
      int lo = i & 0xff;
      out.add(
          service(
              "s" + i,
              10,
              List.of(new Port("http", "tcp", 80)),
              true,
              0,
              ep("10." + hi + "." + lo + ".1", null, 0, 1),
              ep("10." + hi + "." + lo + ".2", "h2", 0, 2),
              ep("fd00::" + Integer.toHexString(i + 1), null, 0, 3)));
    }
    return out;
  }

  /** A health view with the given states by address; every other endpoint is healthy. */
  static HealthView states(Map<String, EndpointState> byAddress) {
    return (s, e) -> byAddress.getOrDefault(e.address().getHostAddress(), EndpointState.HEALTHY);
  }
}
