package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.Rr;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC.md "DNS names": every row of the table, asked with real dig over UDP. */
class ZoneNamesE2eTest extends SharedDaemonTest {

  @Test
  void serviceAnswersEveryAddressOfTheAskedFamily() {
    DigResult a = dig.dig(fqdn("web"), "A");
    DigResult aaaa = dig.dig(fqdn("web"), "AAAA");

    assertThat(a.status()).as(a.raw()).isEqualTo("NOERROR");
    assertThat(a.answers("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(a.answer()).allSatisfy(rr -> assertThat(rr.ttl()).isEqualTo(10));
    assertThat(aaaa.answers("AAAA")).as(aaaa.raw()).containsExactly("fd00::1");
  }

  @Test
  void addressOrderIsShuffledAcrossAnswers() {
    Set<List<String>> orders = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      List<String> addresses = dig.dig(fqdn("api.prod"), "A").answers("A");
      assertThat(addresses).containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2");
      orders.add(addresses);
    }
    // Two addresses, twelve answers: one fixed order would mean no shuffle (chance 2^-11).
    assertThat(orders).hasSize(2);
  }

  @ParameterizedTest(name = "{0} {1} is NODATA")
  @CsvSource({"v4only, AAAA", "api.prod, AAAA"})
  void missingFamilyIsNodataWithSoa(String service, String type) {
    DigResult r = dig.dig(fqdn(service), type);

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.answer()).isEmpty();
    assertNegativeSoa(r);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "web-2, A, 10.0.0.2",
    "web-3, AAAA, fd00::1",
    "web-1, A, 10.0.0.1",
    "web-a.web, A, 10.0.0.1",
    "api.prod-2, A, 10.0.1.2",
    "big-100, A, 10.1.0.100"
  })
  void instanceNamesAnswerOneEndpoint(String name, String type, String address) {
    DigResult r = dig.dig(fqdn(name), type);

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.answers(type)).as(r.raw()).containsExactly(address);
  }

  @Test
  void srvNamesEachEndpointAndCarriesTargetAddresses() {
    DigResult r = dig.dig("_http._tcp." + fqdn("web"), "SRV");

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.answers("SRV"))
        .as(r.raw())
        .containsExactlyInAnyOrder(
            "0 1 8080 " + fqdn("web-a.web"),
            "0 1 8080 " + fqdn("web-2"),
            "0 1 8080 " + fqdn("web-3"));
    assertThat(r.additional())
        .as(r.raw())
        .extracting(rr -> rr.name() + " " + rr.type() + " " + rr.rdata())
        .contains(
            fqdn("web-a.web") + " A 10.0.0.1",
            fqdn("web-2") + " A 10.0.0.2",
            fqdn("web-3") + " AAAA fd00::1");
  }

  @ParameterizedTest(name = "search suffix {0}")
  @CsvSource({"svc.cluster.local", "default.svc.cluster.local"})
  void searchListNameShortCircuitsToTheService(String suffix) {
    String asked = fqdn("web") + suffix + ".";
    DigResult r = dig.dig(asked, "A");

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.answer())
        .as(r.raw())
        .anySatisfy(
            rr -> {
              assertThat(rr.isOwnedBy(asked)).isTrue();
              assertThat(rr.type()).isEqualTo("CNAME");
              assertThat(rr.rdata()).isEqualToIgnoringCase(fqdn("web"));
            });
    assertThat(r.answers("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
  }

  @ParameterizedTest(name = "PTR {0}")
  @CsvSource({"10.0.0.1, web-a.web", "10.0.0.2, web-2", "fd00::1, web-3", "10.0.2.1, v4only-1"})
  void reverseNameOfAnEndpointIsItsInstanceName(String address, String instance) {
    DigResult r = dig.reverse(address);

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.answers("PTR")).as(r.raw()).containsExactly(fqdn(instance));
  }

  @Test
  void apexServesSoaAndNsAuthoritatively() {
    DigResult soa = dig.dig(fqdn(""), "SOA");
    DigResult ns = dig.dig(fqdn(""), "NS");

    assertThat(soa.authoritative()).as(soa.raw()).isTrue();
    assertThat(soa.answer()).hasSize(1);
    Rr record = soa.answer().get(0);
    assertThat(record.type()).isEqualTo("SOA");
    assertThat(record.soaSerial()).isPositive();
    assertThat(record.soaMinimum()).isEqualTo(10);
    assertThat(ns.authoritative()).as(ns.raw()).isTrue();
    assertThat(ns.answers("NS")).as(ns.raw()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0} {1} is NXDOMAIN")
  @CsvSource({"nope, A", "nope.web, A", "web-9, A", "_grpc._tcp.web, SRV", "x.y.z.api.prod, AAAA"})
  void unknownNameUnderTheZoneIsNxdomainWithSoa(String name, String type) {
    DigResult r = dig.dig(fqdn(name), type);

    assertThat(r.status()).as(r.raw()).isEqualTo("NXDOMAIN");
    assertThat(r.authoritative()).isTrue();
    assertNegativeSoa(r);
  }

  @Test
  void questionCaseIsPreservedInTheAnswer() {
    DigResult r = dig.dig("WeB.SvC.cluster.LOCAL.", "A");

    assertThat(r.answers("A")).as(r.raw()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(r.answer()).extracting(Rr::name).containsOnly("WeB.SvC.cluster.LOCAL.");
  }

  /**
   * SPEC.md: "ANY is answered minimally (RFC 8482), over UDP and TCP: one RRset of the name, never
   * the whole node", so ANY is never a bigger reply than one type's (no amplification).
   */
  @ParameterizedTest(name = "ANY {0} over {1}")
  @CsvSource({"web, +notcp, A", "web, +tcp, A", "'', +notcp, SOA", "'', +tcp, SOA"})
  void anyIsAnsweredWithOneRrsetOverUdpAndTcp(String name, String transport, String type) {
    DigResult r = dig.dig(fqdn(name), "ANY", transport);

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.answer()).as(r.raw()).isNotEmpty().extracting(Rr::type).containsOnly(type);
  }

  @ParameterizedTest(name = "AA on {0} {1}")
  @CsvSource({
    "web, A",
    "web, AAAA",
    "v4only, AAAA",
    "web-2, A",
    "web-a.web, A",
    "_http._tcp.web, SRV",
    "web.svc.cluster.local, A",
    "'', SOA",
    "'', NS",
    "missing, A",
    "big, A"
  })
  void everyZoneAnswerIsAuthoritative(String name, String type) {
    DigResult r = dig.dig(fqdn(name), type, "+tcp");

    assertThat(r.answered()).as(r.raw()).isTrue();
    assertThat(r.authoritative()).as(r.raw()).isTrue();
  }

  /** RFC 2308 §3/§5: the SOA in authority, TTL min(SOA TTL, SOA minimum), minimum = zone ttl. */
  private static void assertNegativeSoa(DigResult r) {
    Rr soa = r.authoritySoa();
    assertThat(soa.isOwnedBy(fqdn(""))).as(r.raw()).isTrue();
    assertThat(soa.soaMinimum()).isEqualTo(10);
    assertThat(soa.ttl()).isLessThanOrEqualTo(10);
  }
}
