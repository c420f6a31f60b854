package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.CacheConfig;
import dev.wayfinder.config.ForwardConfig;
import dev.wayfinder.testing.KnotPeer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Each upstream query is reported once it is sent and once it ends: a silent upstream as a timeout,
 * a closed port as a network error, a real one (Knot) with its RCODE; with the time taken.
 */
class UpstreamMetricsTest {
  @TempDir Path knotDir;
  KnotPeer knot;
  DatagramSocket silent;
  Forwarder forwarder;

  @AfterEach
  void stop() {
    if (forwarder != null) {
      forwarder.stop(Duration.ofSeconds(1));
    }
    if (silent != null) {
      silent.close();
    }
    if (knot != null) {
      knot.close();
    }
  }

  @Test
  void sentAndEndedPerUpstreamInOrder() throws Exception {
    knot = KnotPeer.primary(knotDir, "example.test.", Zones.EXAMPLE);
    silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    InetSocketAddress quiet = (InetSocketAddress) silent.getLocalSocketAddress();
    InetSocketAddress closed;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closed = (InetSocketAddress) s.getLocalSocketAddress();
    }
    List<String> seen = new CopyOnWriteArrayList<>();
    UpstreamMetrics recording =
        new UpstreamMetrics() {
          @Override
          public void sent(InetSocketAddress upstream) {
            seen.add("sent " + upstream.getPort());
          }

          @Override
          public void answered(InetSocketAddress upstream, int rcode, long nanos) {
            assertThat(nanos).isPositive();
            seen.add("answered " + upstream.getPort() + " " + Rcode.string(rcode));
          }

          @Override
          public void failed(InetSocketAddress upstream, Failure failure, long nanos) {
            assertThat(nanos).isPositive();
            seen.add("failed " + upstream.getPort() + " " + failure.label());
          }
        };
    forwarder =
        new Forwarder(
            new ForwardConfig(
                List.of(quiet, closed, knot.address()),
                List.of(),
                new CacheConfig(100, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO),
                Duration.ofMillis(500)),
            null,
            recording);

    ForwardAnswer answer =
        forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN).get();

    assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(seen)
        .containsExactly(
            "sent " + quiet.getPort(),
            "failed " + quiet.getPort() + " timeout",
            "sent " + closed.getPort(),
            "failed " + closed.getPort() + " network",
            "sent " + knot.address().getPort(),
            "answered " + knot.address().getPort() + " NOERROR");
  }
}
