package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.ZONE;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.PdnsPeer;
import dev.wayfinder.testing.Rr;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC.md "Reload, publishing, shutdown", PowerDNS: a stock {@code pdns_server} with {@code
 * launch=remote} answers the zone as Wayfinder does, once through the unix socket {@code
 * data_dir/pdns.sock} and once through HTTP under {@code /pdns/} on the admin listener, and follows
 * a health change at once.
 */
class PdnsRemoteBackendE2eTest {
  @TempDir static Path dir;
  static RunningDaemon daemon;
  static PdnsPeer overSocket;
  static PdnsPeer overHttp;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("data");
    daemon = RunningDaemon.start(new E2eConfig(data).yaml());
    Path socketPeer = Files.createDirectories(dir.resolve("pdns-unix"));
    overSocket = PdnsPeer.start(socketPeer, "unix:path=" + data.resolve("pdns.sock"), ZONE);
    Path httpPeer = Files.createDirectories(dir.resolve("pdns-http"));
    String admin = "127.0.0.1:" + daemon.adminAddress().getPort();
    overHttp = PdnsPeer.start(httpPeer, "http:url=http://" + admin + "/pdns", ZONE);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {overSocket, overHttp, daemon}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  static Stream<Arguments> questions() {
    return Stream.of(
        Arguments.of("", "SOA"),
        Arguments.of("", "NS"),
        Arguments.of("ns", "A"),
        Arguments.of("web", "A"),
        Arguments.of("web", "AAAA"),
        Arguments.of("api.prod", "A"),
        Arguments.of("big", "A"),
        Arguments.of("web-a.web", "A"),
        Arguments.of("web-2", "A"),
        Arguments.of("web-3", "AAAA"),
        Arguments.of("_http._tcp.web", "SRV"),
        Arguments.of("_grpc._tcp.api.prod", "SRV"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("questions")
  void bothConnectorsAnswerAsWayfinderDoes(String name, String type) {
    DigResult wayfinder = daemon.client().dig(fqdn(name), type);
    assertThat(wayfinder.status()).isEqualTo("NOERROR");
    List<String> expected = sorted(wayfinder.answers(type));
    assertThat(expected).as(wayfinder.raw()).isNotEmpty();
    for (PdnsPeer peer : List.of(overSocket, overHttp)) {
      DigResult pdns = peer.client().dig(fqdn(name), type);
      assertThat(pdns.status()).as(pdns.raw() + peer.log()).isEqualTo("NOERROR");
      assertThat(pdns.authoritative()).as(pdns.raw()).isTrue();
      assertThat(sorted(pdns.answers(type))).as(pdns.raw()).isEqualTo(expected);
    }
  }

  /** PowerDNS transfers the zone from the backend's {@code list}: the same records as Wayfinder. */
  @Test
  void aTransferFromPowerDnsHoldsWayfindersRecords() {
    Set<String> expected = records(daemon.client().axfr(ZONE));
    assertThat(expected).hasSizeGreaterThan(10);
    for (PdnsPeer peer : List.of(overSocket, overHttp)) {
      String axfr = peer.client().axfr(ZONE);
      assertThat(records(axfr)).as(axfr + peer.log()).isEqualTo(expected);
    }
  }

  @Test
  void anyAtAServiceNameHoldsItsAddresses() {
    for (PdnsPeer peer : List.of(overSocket, overHttp)) {
      DigResult pdns = peer.client().dig(fqdn("web"), "ANY");
      assertThat(pdns.answers("A")).as(pdns.raw()).contains("10.0.0.1", "10.0.0.2");
      assertThat(pdns.answers("AAAA")).as(pdns.raw()).contains("fd00::1");
    }
  }

  /** {@code _tcp.web.Z} has no records but names below it: NODATA, as Wayfinder answers. */
  @Test
  void anEmptyNonTerminalExists() {
    assertThat(daemon.client().dig(fqdn("_tcp.web"), "TXT").status()).isEqualTo("NOERROR");
    for (PdnsPeer peer : List.of(overSocket, overHttp)) {
      DigResult pdns = peer.client().dig(fqdn("_tcp.web"), "TXT");
      assertThat(pdns.status()).as(pdns.raw()).isEqualTo("NOERROR");
      assertThat(pdns.answer()).as(pdns.raw()).isEmpty();
    }
  }

  @Test
  void aNameOutsideTheServicesIsNxdomain() {
    for (PdnsPeer peer : List.of(overSocket, overHttp)) {
      DigResult pdns = peer.client().dig(fqdn("nosuch"), "A");
      assertThat(pdns.status()).as(pdns.raw()).isEqualTo("NXDOMAIN");
    }
  }

  @Test
  void aDrainedEndpointLeavesPowerDnsAnswersAtOnce() throws Exception {
    InetAddress drained = InetAddress.getByName("10.0.1.2");
    assertThat(daemon.daemon().health().drain("api.prod", drained)).isTrue();
    try {
      for (PdnsPeer peer : List.of(overSocket, overHttp)) {
        await("pdns follows the drain")
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(peer.client().dig(fqdn("api.prod"), "A").answers("A"))
                        .containsExactly("10.0.1.1"));
      }
      DigRunner wayfinder = daemon.client();
      assertThat(wayfinder.dig(fqdn("api.prod"), "A").answers("A")).containsExactly("10.0.1.1");
      long serial = wayfinder.dig(fqdn(""), "SOA").answer().get(0).soaSerial();
      for (PdnsPeer peer : List.of(overSocket, overHttp)) {
        assertThat(peer.client().dig(fqdn(""), "SOA").answer().get(0).soaSerial())
            .isEqualTo(serial);
      }
    } finally {
      daemon.daemon().health().undrain("api.prod", drained);
    }
  }

  @Test
  void theSocketIsOwnerAndGroupOnly() throws Exception {
    Path socket = daemon.daemon().config().dataDir().resolve("pdns.sock");
    assertThat(Files.getPosixFilePermissions(socket))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
  }

  private static Set<String> records(String axfr) {
    return axfr.lines()
        .filter(l -> !l.startsWith(";") && !l.isBlank())
        .map(Rr::parse)
        .map(r -> r.name().toLowerCase() + " " + r.ttl() + " " + r.type() + " " + r.rdata())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> sorted(List<String> rdata) {
    return rdata.stream().map(s -> s.toLowerCase()).sorted().toList();
  }
}
