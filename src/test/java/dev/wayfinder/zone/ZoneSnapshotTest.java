package dev.wayfinder.zone;

import static dev.wayfinder.zone.WireClient.ask;
import static dev.wayfinder.zone.WireClient.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The hot path against SPEC.md's "DNS names" table, through the bytes the server would send. */
class ZoneSnapshotTest {
  static final long SERIAL = 1_700_000_000L;
  static final ZoneSnapshot ZONE =
      ZoneSnapshot.build(
          ZoneFixtures.dns(), ZoneFixtures.services(), HealthView.allHealthy(), SERIAL);

  static final int NOERROR = Rcode.NOERROR;
  static final int NXDOMAIN = Rcode.NXDOMAIN;

  /** name (mixed case), type, rcode, answer records sorted, authority SOAs, additional count. */
  static Stream<Arguments> table() {
    return Stream.of(
        row(
            "SVC.cluster.LOCAL",
            Type.SOA,
            NOERROR,
            "SOA ns.svc.cluster.local. hostmaster.svc.cluster.local. 1700000000 3600 600 86400 10",
            0,
            0),
        row("svc.Cluster.local", Type.NS, NOERROR, "NS ns.svc.cluster.local.", 0, 2),
        row("svc.cluster.local", Type.A, NOERROR, "", 1, 0),
        row("NS.svc.cluster.local", Type.A, NOERROR, "A 127.0.0.1", 0, 0),
        row("ns.svc.cluster.local", Type.AAAA, NOERROR, "AAAA 0:0:0:0:0:0:0:1", 0, 0),
        row("WeB.SvC.cluster.local", Type.A, NOERROR, "A 10.0.0.1|A 10.0.0.2", 0, 0),
        row("web.svc.cluster.local", Type.AAAA, NOERROR, "AAAA fd00:0:0:0:0:0:0:1", 0, 0),
        row("web.svc.cluster.local", Type.TXT, NOERROR, "", 1, 0),
        row("web.svc.cluster.local", Type.MX, NOERROR, "", 1, 0),
        row("Web-1.svc.cluster.local", Type.A, NOERROR, "A 10.0.0.1", 0, 0),
        row("web-2.svc.cluster.local", Type.A, NOERROR, "A 10.0.0.2", 0, 0),
        row("web-3.svc.cluster.local", Type.AAAA, NOERROR, "AAAA fd00:0:0:0:0:0:0:1", 0, 0),
        row("web-3.svc.cluster.local", Type.A, NOERROR, "", 1, 0),
        row("WEB-A.web.svc.cluster.local", Type.A, NOERROR, "A 10.0.0.1", 0, 0),
        row("web-a.web.svc.cluster.local", Type.AAAA, NOERROR, "", 1, 0),
        row(
            "_HTTP._tcp.web.svc.cluster.local",
            Type.SRV,
            NOERROR,
            "SRV 0 1 8080 web-2.svc.cluster.local.|SRV 0 1 8080 web-3.svc.cluster.local."
                + "|SRV 0 1 8080 web-a.web.svc.cluster.local.",
            0,
            3),
        row("_tcp.web.svc.cluster.local", Type.SRV, NOERROR, "", 1, 0),
        row("_udp.web.svc.cluster.local", Type.SRV, NXDOMAIN, "", 1, 0),
        row("_http._tcp.web.svc.cluster.local", Type.A, NOERROR, "", 1, 0),
        row("web.prod.svc.cluster.local", Type.A, NOERROR, "A 10.1.0.1", 0, 0),
        row("prod.svc.cluster.local", Type.A, NOERROR, "", 1, 0),
        row("db.svc.cluster.local", Type.A, NOERROR, "A 10.2.0.1|A 10.2.0.2", 0, 0),
        row("db-3.svc.cluster.local", Type.A, NOERROR, "", 1, 0),
        row(
            "_pg._tcp.db.svc.cluster.local",
            Type.SRV,
            NOERROR,
            "SRV 0 1 5432 db-1.svc.cluster.local.|SRV 0 1 5432 db-2.svc.cluster.local.",
            0,
            2),
        row("empty.svc.cluster.local", Type.A, NOERROR, "", 1, 0),
        row("nope.svc.cluster.local", Type.A, NXDOMAIN, "", 1, 0),
        row("foo.web.svc.cluster.local", Type.AAAA, NXDOMAIN, "", 1, 0),
        row("web-4.svc.cluster.local", Type.A, NXDOMAIN, "", 1, 0),
        row("1.0.0.10.IN-ADDR.arpa", Type.PTR, NOERROR, "PTR web-a.web.svc.cluster.local.", 0, 0),
        row("2.0.0.10.in-addr.arpa", Type.PTR, NOERROR, "PTR web-2.svc.cluster.local.", 0, 0),
        row("3.0.2.10.in-addr.arpa", Type.PTR, NOERROR, "PTR db-3.svc.cluster.local.", 0, 0),
        row(
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa",
            Type.PTR,
            NOERROR,
            "PTR web-3.svc.cluster.local.",
            0,
            0),
        row("1.0.0.10.in-addr.arpa", Type.A, NOERROR, "", 0, 0));
  }

  static Arguments row(String name, int type, int rcode, String answers, int soas, int additional) {
    return Arguments.of(name, Type.string(type), rcode, answers, soas, additional);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void hotPathAnswersLikeTheTable(
      String name, String type, int rcode, String answers, int soas, int additional)
      throws IOException {
    Message m = ask(ZONE, name, Type.value(type), 0);

    assertThat(m.getHeader().getID()).isEqualTo(WireClient.ID);
    assertThat(m.getRcode()).isEqualTo(rcode);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getQuestion().getName().toString()).isEqualTo(name + ".");
    assertThat(rdata(m.getSection(Section.ANSWER))).isEqualTo(answers);
    for (Record r : m.getSection(Section.ANSWER)) {
      // Owners are pointers into the question: the asker's case comes back (RFC 4343).
      assertThat(r.getName().toString()).isEqualTo(name + ".");
    }
    List<Record> authority = m.getSection(Section.AUTHORITY);
    assertThat(authority).hasSize(soas).allMatch(r -> r instanceof SOARecord);
    authority.forEach(r -> assertThat(r.getTTL()).isEqualTo(10));
    assertThat(m.getSection(Section.ADDITIONAL)).hasSize(additional);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void generalPathMatchesHotPath(String name, String type, int rcode) throws IOException {
    Message fast = ask(ZONE, name, Type.value(type), 0);
    Message general = ZONE.answer(WireClient.query(name, Type.value(type)));

    assertThat(general.getRcode()).isEqualTo(rcode);
    assertThat(general.getHeader().getFlag(Flags.AA)).isTrue();
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      assertThat(general.getSection(section)).isEqualTo(fast.getSection(section));
    }
  }

  @Test
  void recordTtlsAreTheServiceTtl() throws IOException {
    Message m = ask(ZONE, "web.svc.cluster.local", Type.A, 0);
    assertThat(m.getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 30);
  }

  @Test
  void namesOutsideTheZoneAreNotOurs() {
    assertThat(find(ZONE, "example.com", Type.A)).isNull();
    assertThat(find(ZONE, "cluster.local", Type.SOA)).isNull();
    assertThat(find(ZONE, "9.9.9.10.in-addr.arpa", Type.PTR)).isNull();
    assertThat(find(ZONE, "0.0.10.in-addr.arpa", Type.PTR)).isNull();
    assertThat(ZONE.answer(WireClient.query("example.com", Type.A))).isNull();
  }

  @Test
  void reverseOffServesNoReverseNamesAndTheSameZone() {
    DnsConfig d = ZoneFixtures.dns();
    DnsConfig noReverse =
        new DnsConfig(
            d.listen(),
            d.zone(),
            d.ttl(),
            d.search(),
            false,
            d.forward(),
            d.rateLimit(),
            d.transfer());
    ZoneSnapshot zone =
        ZoneSnapshot.build(noReverse, ZoneFixtures.services(), HealthView.allHealthy(), SERIAL);
    assertThat(find(zone, "2.0.0.10.in-addr.arpa", Type.PTR)).isNull();
    assertThat(find(ZONE, "2.0.0.10.in-addr.arpa", Type.PTR)).isNotNull();
    assertThat(zone.names()).allMatch(n -> WireNames.suffixStart(n, n.length, ARPA) < 0);
    assertThat(find(zone, "web-2.svc.cluster.local", Type.A).ancount()).isEqualTo(1);
    assertThat(zone.nameCount()).isLessThan(ZONE.nameCount());
  }

  private static final byte[] ARPA = {4, 'a', 'r', 'p', 'a', 0};

  @Test
  void negativeTailsAreSharedAcrossNames() {
    ZoneAnswer a = find(ZONE, "nope.svc.cluster.local", Type.A);
    ZoneAnswer b = find(ZONE, "a.much.longer.unknown.svc.cluster.local", Type.SRV);
    assertThat(a).isSameAs(b);
    assertThat(find(ZONE, "empty.svc.cluster.local", Type.A))
        .isSameAs(find(ZONE, "web.svc.cluster.local", Type.TXT));
  }

  @Test
  void slowPathTypesAndSearchNamesAreMarked() {
    assertThat(find(ZONE, "web.svc.cluster.local", Type.ANY)).isSameAs(ZoneAnswer.SLOW);
    assertThat(find(ZONE, "svc.cluster.local", Type.AXFR)).isSameAs(ZoneAnswer.SLOW);
    assertThat(find(ZONE, "web.svc.cluster.local.svc.cluster.local", Type.A))
        .isSameAs(ZoneAnswer.SLOW);
    assertThat(find(ZONE, "web.prod.svc.cluster.local.default.svc.cluster.local", Type.A))
        .isSameAs(ZoneAnswer.SLOW);
    // N must be a name of the zone: "web." is not, so this is a plain NXDOMAIN.
    assertThat(find(ZONE, "web.svc.cluster.local", Type.A)).isNotSameAs(ZoneAnswer.SLOW);
    assertThat(find(ZONE, "nope.svc.cluster.local.svc.cluster.local", Type.A).rcode())
        .isEqualTo(NXDOMAIN);
  }

  /**
   * Answer records as sorted "TYPE rdata", joined by '|', lower case: names in rdata may be
   * compressed into the question and so carry the asker's case.
   */
  static String rdata(List<Record> records) {
    return String.join(
        "|",
        records.stream()
            .map(r -> Type.string(r.getType()) + " " + r.rdataToString().toLowerCase(Locale.ROOT))
            .sorted()
            .toList());
  }
}
