package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.ZONE;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.UnboundPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;

/**
 * Real queries with {@code dig} against a daemon that forwards to a real Unbound; the scraped
 * Prometheus text then counts exactly what was sent: requests by proto, type and zone, responses by
 * RCODE, the duration histogram, cache hits and misses, upstream requests and replies, and a packet
 * with no header as dropped.
 */
class DnsMetricsE2eTest {
  @TempDir Path dir;
  UnboundPeer upstream;
  RunningDaemon daemon;

  @AfterEach
  void stop() {
    try {
      if (daemon != null) {
        daemon.close();
      }
    } finally {
      if (upstream != null) {
        upstream.close();
      }
    }
  }

  @Test
  void countersMatchTheQueriesSent() throws Exception {
    upstream =
        UnboundPeer.start(
            Files.createDirectories(dir.resolve("unbound")),
            "example.test",
            List.of(
                "example.test. 300 IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 60",
                "www.example.test. 300 IN A 192.0.2.10"));
    String yaml =
        new E2eConfig(dir.resolve("data")).upstreams(upstream.hostPort()).yaml()
            + "query_log: {mode: \"off\"}\n";
    daemon = RunningDaemon.start(yaml);
    DigRunner dig = daemon.client();

    for (int i = 0; i < 5; i++) {
      expect(dig.dig(fqdn("web"), "A"), "NOERROR");
    }
    for (int i = 0; i < 2; i++) {
      expect(dig.dig(fqdn("web"), "AAAA", "+tcp"), "NOERROR");
    }
    for (int i = 0; i < 3; i++) {
      expect(dig.dig(fqdn("nothing-here"), "A"), "NXDOMAIN");
    }
    expect(dig.dig(fqdn("web"), "TYPE65280"), "NOERROR");
    expect(dig.dig("www.example.test.", "A"), "NOERROR"); // a miss: asked upstream
    expect(dig.dig("www.example.test.", "A"), "NOERROR"); // a hit
    RawDns raw = new RawDns(daemon.dnsAddress());
    assertThat(raw.udp(new byte[5])).as("no header: dropped").isEmpty();
    Message status = RawDns.queryA(fqdn("web"));
    status.getHeader().setOpcode(Opcode.STATUS);
    assertThat(raw.udp(status.toWire())).as("NOTIMP").isPresent();

    String zone = "zone=\"" + ZONE + "\"";
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ScrapedMetrics m = ScrapedMetrics.parse(daemon.daemon().metrics().scrape());
              assertThat(m.value(requests("udp", "A", zone))).isEqualTo(8);
              assertThat(m.value(requests("tcp", "AAAA", zone))).isEqualTo(2);
              assertThat(m.value(requests("udp", "other", zone))).isEqualTo(1);
              assertThat(m.value(requests("udp", "A", "zone=\"forward\""))).isEqualTo(2);
              assertThat(
                      m.series().keySet().stream()
                          .filter(k -> k.startsWith("wayfinder_dns_requests_total")))
                  .hasSize(5);
              assertThat(m.value("wayfinder_dns_responses_total{rcode=\"NOERROR\"}")).isEqualTo(10);
              assertThat(m.value("wayfinder_dns_responses_total{rcode=\"NXDOMAIN\"}")).isEqualTo(3);
              assertThat(m.value("wayfinder_dns_request_duration_seconds_count")).isEqualTo(14);
              assertThat(m.value("wayfinder_dns_request_duration_seconds_bucket{le=\"2.0\"}"))
                  .isEqualTo(14);
              assertThat(m.value("wayfinder_dns_request_duration_seconds_sum")).isPositive();
              assertThat(m.value("wayfinder_cache_hits_total")).isEqualTo(1);
              assertThat(m.value("wayfinder_cache_misses_total")).isEqualTo(1);
              assertThat(m.value("wayfinder_cache_entries")).isEqualTo(1);
              String up = "upstream=\"" + upstream.hostPort() + "\"";
              assertThat(m.value("wayfinder_forward_requests_total{" + up + "}")).isEqualTo(1);
              assertThat(m.value("wayfinder_forward_responses_total{rcode=\"NOERROR\"," + up + "}"))
                  .isEqualTo(1);
              assertThat(m.value("wayfinder_forward_request_duration_seconds_count{" + up + "}"))
                  .isEqualTo(1);
              assertThat(m.value("wayfinder_dns_dropped_total{proto=\"udp\"}")).isEqualTo(1);
              assertThat(m.value("wayfinder_dns_dropped_total{proto=\"tcp\"}")).isZero();
              assertThat(m.value("wayfinder_dns_responses_total{rcode=\"NOTIMP\"}")).isEqualTo(1);
              assertThat(
                      m.series().entrySet().stream()
                          .filter(e -> e.getKey().contains("zone=\"none\""))
                          .mapToDouble(e -> e.getValue())
                          .sum())
                  .isEqualTo(1);
              assertThat(m.has("wayfinder_build_info{version=")).isTrue();
              assertThat(m.has("wayfinder_query_log_dropped_total")).isTrue();
            });
  }

  private static String requests(String proto, String type, String zone) {
    return "wayfinder_dns_requests_total{proto=\""
        + proto
        + "\",type=\""
        + type
        + "\","
        + zone
        + "}";
  }

  private static void expect(DigResult r, String status) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
  }
}
