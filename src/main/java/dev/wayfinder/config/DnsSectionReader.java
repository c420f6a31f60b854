package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.DnsNames;
import dev.wayfinder.registry.IpLiteral;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates the {@code dns:} section, with its forward, cache, rate_limit, limits and transfer
 * parts.
 */
final class DnsSectionReader {
  static final String DEFAULT_ZONE = "svc.cluster.local";
  static final long DEFAULT_TTL = 10;

  /** The upstream word that expands to the nameservers of resolv.conf. */
  static final String RESOLV_CONF_WORD = "resolv.conf";

  private static final Set<String> DNS_KEYS =
      keys(
          "listen",
          "zone",
          "ttl",
          "search",
          "reverse",
          "forward",
          "rate_limit",
          "limits",
          "transfer");
  private static final Set<String> FORWARD_KEYS =
      keys("upstreams", "allow_from", "cache", "timeout");
  private static final Set<String> CACHE_KEYS =
      keys("max_entries", "max_ttl", "negative_ttl", "serve_stale");
  private static final Set<String> RATE_KEYS =
      keys("global_rps", "per_source_rps", "per_source_burst", "slip");
  private static final Set<String> LIMITS_KEYS =
      keys("tcp_connections", "tcp_per_source", "tcp_idle", "forward_in_flight");
  private static final Set<String> TRANSFER_KEYS = keys("allow_from", "notify", "tsig");

  private static final InetSocketAddress DEFAULT_LISTEN =
      new InetSocketAddress(IpLiteral.toAddress("127.0.0.1"), 5353);
  private static final List<Cidr> LOOPBACK =
      List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
  private static final List<Cidr> LOOPBACK_HOSTS =
      List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("::1/128"));

  private DnsSectionReader() {}

  /** The {@code dns:} section of the root, unvalidated until read. */
  static Section section(Section root) {
    return root.section("dns", DNS_KEYS);
  }

  /** {@code dns.zone}, which service names are checked against. */
  static String zone(Section dns) {
    return dns.value("zone", DnsNames::name, DEFAULT_ZONE);
  }

  /** {@code dns.ttl}, every service's default TTL. */
  static long ttl(Section dns) {
    return dns.value("ttl", Values.TTL, DEFAULT_TTL);
  }

  /**
   * Reads {@code dns} from the root; {@code tsigKeys} are the names {@code transfer.tsig} may use.
   */
  static DnsConfig read(Section root, Set<String> tsigKeys) {
    Section dns = section(root);
    List<InetSocketAddress> listen =
        dns.values(
            "listen",
            t -> SocketAddresses.parse(t, SocketAddresses.PORT_REQUIRED),
            List.of(DEFAULT_LISTEN));
    if (listen.isEmpty() && dns.has("listen")) {
      dns.error("listen", "needs at least one address");
    }
    return new DnsConfig(
        listen,
        zone(dns),
        ttl(dns),
        dns.values("search", DnsNames::name, List.of()),
        dns.value("reverse", Values.BOOL, true),
        forward(dns.section("forward", FORWARD_KEYS)),
        rateLimit(dns.section("rate_limit", RATE_KEYS)),
        transfer(dns.section("transfer", TRANSFER_KEYS), tsigKeys),
        limits(dns.section("limits", LIMITS_KEYS)));
  }

  private static ForwardConfig forward(Section f) {
    List<InetSocketAddress> upstreams;
    if (f.has("upstreams")) {
      upstreams =
          f.values("upstreams", upstream(f.context()), List.<List<InetSocketAddress>>of()).stream()
              .flatMap(List::stream)
              .toList();
    } else {
      upstreams = ResolvConf.nameserversOrNone(f.context().resolvConf());
    }
    Section c = f.section("cache", CACHE_KEYS);
    CacheConfig cache =
        new CacheConfig(
            c.value("max_entries", Values.number(1, Long.MAX_VALUE), 100_000L),
            c.value("max_ttl", Values.DURATION, Duration.ofHours(1)),
            c.value("negative_ttl", Values.DURATION, Duration.ofSeconds(30)),
            c.value("serve_stale", Values.DURATION, Duration.ZERO));
    return new ForwardConfig(
        upstreams,
        f.values("allow_from", Cidr::parse, LOOPBACK),
        cache,
        f.value("timeout", Values.POSITIVE_DURATION, Duration.ofSeconds(2)));
  }

  /** One upstream entry: {@code IP}, {@code IP:PORT}, {@code [v6]:PORT} or the resolv.conf word. */
  private static Function<String, List<InetSocketAddress>> upstream(LoadContext ctx) {
    return t -> {
      if (!t.equals(RESOLV_CONF_WORD)) {
        return List.of(SocketAddresses.parse(t, ResolvConf.DNS_PORT));
      }
      try {
        return ResolvConf.nameservers(ctx.resolvConf());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read " + ctx.resolvConf() + ": " + e.getMessage());
      }
    };
  }

  private static RateLimitConfig rateLimit(Section r) {
    Function<String, Integer> rate = Values.integer(0, Integer.MAX_VALUE);
    return new RateLimitConfig(
        r.value("global_rps", rate, 0),
        r.value("per_source_rps", rate, 0),
        r.value("per_source_burst", rate, 0),
        r.value("slip", Values.integer(0, RateLimitConfig.MAX_SLIP), RateLimitConfig.DEFAULT_SLIP));
  }

  private static LimitsConfig limits(Section l) {
    Function<String, Integer> count = Values.integer(1, Integer.MAX_VALUE);
    LimitsConfig d = LimitsConfig.DEFAULT;
    return new LimitsConfig(
        l.value("tcp_connections", count, d.tcpConnections()),
        l.value("tcp_per_source", count, d.tcpPerSource()),
        l.value("tcp_idle", Values.POSITIVE_DURATION, d.tcpIdle()),
        l.value("forward_in_flight", count, d.forwardInFlight()));
  }

  private static TransferConfig transfer(Section t, Set<String> tsigKeys) {
    return new TransferConfig(
        t.values("allow_from", Cidr::parse, LOOPBACK_HOSTS),
        t.values("notify", s -> SocketAddresses.parse(s, ResolvConf.DNS_PORT), List.of()),
        tsigReference(t, "tsig", tsigKeys));
  }

  /** A key name that must be one of {@code tsig_keys}; {@code null} when absent. */
  static String tsigReference(Section s, String key, Set<String> tsigKeys) {
    String name = s.value(key, DnsNames::name, null);
    if (name != null && !tsigKeys.contains(name)) {
      s.error(key, "no such key in tsig_keys: " + name);
    }
    return name;
  }
}
