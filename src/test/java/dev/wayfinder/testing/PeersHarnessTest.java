package dev.wayfinder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness checked against servers whose behaviour is known (Knot, Unbound), so that a failure
 * in the Wayfinder tests points at Wayfinder and not at the dig parser or the peer set-up.
 */
class PeersHarnessTest {
  private static final String ZONE_FILE =
      """
      $ORIGIN peer.test.
      $TTL 30
      @ IN SOA ns.peer.test. admin.peer.test. 7 3600 600 86400 15
      @ IN NS ns.peer.test.
      ns IN A 127.0.0.1
      www IN A 192.0.2.1
      www IN A 192.0.2.2
      _http._tcp IN SRV 0 10 80 www.peer.test.
      """;

  @TempDir Path dir;

  @Test
  void digAndKdigOutputIsParsed() {
    try (KnotPeer knot = KnotPeer.primary(dir, "peer.test", ZONE_FILE)) {
      DigRunner client = new DigRunner(knot.address());
      DigResult a = client.dig("www.peer.test.", "A", "+bufsize=1232");
      DigResult k = client.kdig("www.peer.test.", "A", "+tcp");
      DigResult nx = client.dig("nope.peer.test.", "A", "+noedns");
      DigResult srv = client.dig("_http._tcp.peer.test.", "SRV");
      DigResult ptr = client.reverse("192.0.2.1");

      assertThat(a.status()).isEqualTo("NOERROR");
      assertThat(a.authoritative()).isTrue();
      assertThat(a.ednsUdpSize()).isPositive();
      assertThat(a.answers("A")).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
      assertThat(a.answer()).allSatisfy(rr -> assertThat(rr.ttl()).isEqualTo(30));
      assertThat(k.answers("A")).as(k.raw()).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
      assertThat(k.authoritative()).isTrue();
      assertThat(nx.status()).isEqualTo("NXDOMAIN");
      assertThat(nx.hasEdns()).isFalse();
      assertThat(nx.authoritySoa().soaSerial()).isEqualTo(7);
      assertThat(nx.authoritySoa().soaMinimum()).isEqualTo(15);
      assertThat(srv.answers("SRV")).containsExactly("0 10 80 www.peer.test.");
      assertThat(srv.additionals("A")).as(srv.raw()).contains("192.0.2.1");
      assertThat(ptr.status()).as(ptr.raw()).isEqualTo("REFUSED");
    }
  }

  @Test
  void unboundCountsTheQueriesItSees() throws Exception {
    Path peerDir = Files.createDirectories(dir.resolve("u"));
    try (UnboundPeer unbound =
        UnboundPeer.start(peerDir, "example.test", List.of("a.example.test. 60 IN A 192.0.2.9"))) {
      DigRunner client = new DigRunner(unbound.address());
      long before = unbound.queriesSeen();
      DigResult r = client.dig("a.example.test.", "A");
      client.dig("a.example.test.", "A");

      assertThat(r.answers("A")).containsExactly("192.0.2.9");
      assertThat(unbound.queriesSeen() - before).isEqualTo(2);
    }
  }
}
