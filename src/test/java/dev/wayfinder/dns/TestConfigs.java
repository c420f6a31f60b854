package dev.wayfinder.dns;

import dev.wayfinder.config.AdminConfig;
import dev.wayfinder.config.CacheConfig;
import dev.wayfinder.config.Cidr;
import dev.wayfinder.config.DiagnosticsConfig;
import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.config.ForwardConfig;
import dev.wayfinder.config.QueryLogConfig;
import dev.wayfinder.config.RateLimitConfig;
import dev.wayfinder.config.TransferConfig;
import dev.wayfinder.config.TsigKeyConfig;
import dev.wayfinder.config.WayfinderConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Hand-built configs for server tests (the loader is another package's work). */
final class TestConfigs {
  static final String ZONE = "svc.cluster.local";
  static final TsigKeyConfig KEY =
      new TsigKeyConfig("xfr-key", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==");

  private TestConfigs() {}

  /** Loopback port 0; forwarding allowed from 127/8; transfers from 127/8, signed with tsig. */
  static WayfinderConfig config(List<InetSocketAddress> upstreams, String tsig) {
    return config(upstreams, tsig, "127.0.0.0/8");
  }

  /** As {@link #config(List, String)} with transfers allowed from {@code transferFrom}. */
  static WayfinderConfig config(
      List<InetSocketAddress> upstreams, String tsig, String transferFrom) {
    return config(List.of(new InetSocketAddress("127.0.0.1", 0)), upstreams, tsig, transferFrom);
  }

  /** As {@link #config(List, String, String)}, listening on {@code listen}. */
  static WayfinderConfig config(
      List<InetSocketAddress> listen,
      List<InetSocketAddress> upstreams,
      String tsig,
      String transferFrom) {
    ForwardConfig forward =
        new ForwardConfig(
            upstreams,
            List.of(Cidr.parse("127.0.0.0/8")),
            new CacheConfig(1000, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO),
            Duration.ofSeconds(2));
    TransferConfig transfer =
        new TransferConfig(List.of(Cidr.parse(transferFrom)), List.of(), tsig);
    DnsConfig dns =
        new DnsConfig(listen, ZONE, 10, List.of(), true, forward, RateLimitConfig.OFF, transfer);
    return new WayfinderConfig(
        null,
        dns,
        new AdminConfig(new InetSocketAddress("127.0.0.1", 0), null),
        Path.of("data"),
        new QueryLogConfig(QueryLogConfig.Mode.OFF, 0),
        List.of(KEY),
        List.of(),
        List.of(),
        null,
        DiagnosticsConfig.NONE);
  }
}
