package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code admin.statsd} set, the daemon's meters also arrive as StatsD lines on a UDP socket,
 * while the Prometheus scrape keeps every meter; the per-query timer stays off StatsD.
 */
class StatsDExportE2eTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path dir;
  RunningDaemon daemon;
  DatagramSocket agent;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void metersArriveAsDatadogLines() throws Exception {
    agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    agent.setSoTimeout(1000);
    String statsd =
        "  statsd: {address: \"127.0.0.1:%d\", flavor: datadog, step: 200ms}\n"
            .formatted(agent.getLocalPort());
    String yaml =
        new E2eConfig(dir.resolve("data"))
            .yaml()
            .replace(
                "admin:\n  listen: \"127.0.0.1:0\"\n",
                "admin:\n  listen: \"127.0.0.1:0\"\n" + statsd);
    daemon = RunningDaemon.start(yaml + "query_log: {mode: \"off\"}\n");
    daemon.client().dig(fqdn("web"), "A");

    StringBuilder seen = new StringBuilder();
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end && !seen.toString().contains("type:A")) {
      seen.append(receive()).append('\n');
    }
    String lines = seen.toString();
    assertThat(lines)
        .contains("wayfinder.dns.requests:")
        .contains("proto:udp")
        .contains("type:A")
        .contains("wayfinder.build.info:1|g")
        .doesNotContain("wayfinder.dns.request.duration");
    assertThat(daemon.daemon().metrics().scrape())
        .contains("wayfinder_dns_requests_total{proto=\"udp\",type=\"A\"")
        .contains("wayfinder_dns_request_duration_seconds_count 1");
  }

  private String receive() throws Exception {
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      agent.receive(p);
    } catch (SocketTimeoutException e) {
      return "";
    }
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }
}
