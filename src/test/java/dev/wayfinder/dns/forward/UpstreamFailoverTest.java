package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.config.CacheConfig;
import dev.wayfinder.config.ForwardConfig;
import dev.wayfinder.testing.KnotPeer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Upstreams are tried in order: a silent one (a bound UDP socket nobody reads) costs one timeout,
 * then the next answers; when all are silent the answer is SERVFAIL.
 */
class UpstreamFailoverTest {
  static final Duration TIMEOUT = Duration.ofMillis(500);

  @TempDir static Path knotDir;
  static KnotPeer knot;

  DatagramSocket silentA;
  DatagramSocket silentB;
  Forwarder forwarder;

  @BeforeAll
  static void startKnot() throws IOException {
    knot = KnotPeer.primary(knotDir, "example.test.", Zones.EXAMPLE);
  }

  @AfterAll
  static void stopKnot() {
    knot.close();
  }

  @AfterEach
  void stopAll() {
    forwarder.stop(Duration.ofSeconds(1));
    silentA.close();
    silentB.close();
  }

  @BeforeEach
  void bindSilentUpstreams() throws IOException {
    silentA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    silentB = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  private Forwarder forwarder(InetSocketAddress... upstreams) {
    ForwardConfig config =
        new ForwardConfig(
            List.of(upstreams),
            List.of(),
            new CacheConfig(1000, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO),
            TIMEOUT);
    forwarder = new Forwarder(config);
    return forwarder;
  }

  private static InetSocketAddress addressOf(DatagramSocket socket) {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Test
  void timeoutMovesOnToTheNextUpstream() throws Exception {
    forwarder(addressOf(silentA), knot.address());

    ForwardAnswer answer =
        forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN).get();

    assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.ancount()).isEqualTo(2);
    silentA.setSoTimeout(1000);
    silentA.receive(new DatagramPacket(new byte[512], 512)); // it was asked first
  }

  @Test
  void aClosedPortMovesOnWithoutWaitingForTheTimeout() throws Exception {
    InetSocketAddress closed = addressOf(silentA);
    silentA.close(); // nothing listens there now: the kernel answers port unreachable
    ForwardConfig config =
        new ForwardConfig(
            List.of(closed, knot.address()),
            List.of(),
            new CacheConfig(1000, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO),
            Duration.ofSeconds(60));
    forwarder = new Forwarder(config);

    CompletableFuture<ForwardAnswer> answer =
        forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN);

    // Well inside the 60 s timeout: the ICMP error, not the timer, moved it on.
    await().atMost(Duration.ofSeconds(20)).until(answer::isDone);
    assertThat(answer.join().rcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void allUpstreamsSilentGivesServfailWithinTheirTimeouts() {
    forwarder(addressOf(silentA), addressOf(silentB));

    CompletableFuture<ForwardAnswer> answer =
        forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN);

    // Two timeouts of 500 ms each, plus slack for a loaded machine: this checks the timeouts
    // apply, not how fast the forwarder is.
    await().atMost(TIMEOUT.multipliedBy(2).plusSeconds(3)).until(answer::isDone);
    assertThat(answer.join().rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answer.join().tail()).isEmpty();
  }
}
