package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What only the general path answers: the search-list short-circuit, ANY, transfers. */
class GeneralAnswersTest {
  static final ZoneSnapshot ZONE = ZoneSnapshotTest.ZONE;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    // asked name, type, CNAME target, rcode, answer records after the CNAME, authority, additional
    "Web.svc.cluster.local.svc.cluster.local, A, web.svc.cluster.local., 0, 2, 0, 0",
    "web.svc.cluster.local.default.svc.cluster.local, AAAA, web.svc.cluster.local., 0, 1, 0, 0",
    "web.prod.svc.cluster.local.svc.cluster.local, A, web.prod.svc.cluster.local., 0, 1, 0, 0",
    "_http._tcp.web.svc.cluster.local.svc.cluster.local, SRV, _http._tcp.web.svc.cluster.local., 0, 3, 0, 3",
    "empty.svc.cluster.local.svc.cluster.local, A, empty.svc.cluster.local., 0, 0, 1, 0",
    "svc.cluster.local.svc.cluster.local, SOA, svc.cluster.local., 0, 1, 0, 0",
    "web.svc.cluster.local.svc.cluster.local, ANY, web.svc.cluster.local., 0, 2, 0, 0",
  })
  void searchSuffixAnswersWithCnameToTheZoneName(
      String name,
      String type,
      String target,
      int rcode,
      int answers,
      int authority,
      int additional) {
    Message m = ZONE.answer(WireClient.query(name, Type.value(type)));

    assertThat(m.getRcode()).isEqualTo(rcode);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getID()).isEqualTo(WireClient.ID);
    List<Record> answer = m.getSection(Section.ANSWER);
    assertThat(answer.get(0)).isInstanceOf(CNAMERecord.class);
    assertThat(answer.get(0).getName()).isEqualTo(WireClient.absolute(name));
    assertThat(((CNAMERecord) answer.get(0)).getTarget()).isEqualTo(WireClient.absolute(target));
    assertThat(answer.subList(1, answer.size()))
        .hasSize(answers)
        .allMatch(r -> r.getName().equals(WireClient.absolute(target)));
    assertThat(m.getSection(Section.AUTHORITY))
        .hasSize(authority)
        .allMatch(r -> r instanceof SOARecord);
    assertThat(m.getSection(Section.ADDITIONAL)).hasSize(additional);
  }

  @Test
  void anyIsAnsweredWithOneRrsetOfTheName() {
    // RFC 8482 4.1: one RRset, never the whole node, so ANY amplifies no more than one type.
    Message apex = ZONE.answer(WireClient.query("svc.cluster.local", Type.ANY));
    assertThat(apex.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);

    Message web = ZONE.answer(WireClient.query("WEB.svc.cluster.local", Type.ANY));
    assertThat(web.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .containsExactly(Type.A, Type.A);

    Message ent = ZONE.answer(WireClient.query("prod.svc.cluster.local", Type.ANY));
    assertThat(ent.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(ent.getSection(Section.ANSWER)).isEmpty();
    assertThat(ent.getSection(Section.AUTHORITY)).hasSize(1);

    Message ptr = ZONE.answer(WireClient.query("1.0.0.10.in-addr.arpa", Type.ANY));
    assertThat(ptr.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .containsExactly(Type.PTR);
  }

  @Test
  void transfersAreLeftToTheServer() {
    Message axfr = ZONE.answer(WireClient.query("svc.cluster.local", Type.AXFR));
    assertThat(axfr.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(ZONE.answer(WireClient.query("example.com", Type.AXFR))).isNull();
  }

  @Test
  void unknownNamesUnderASearchSuffixOutsideTheZoneAreForwarded() {
    // default.svc.cluster.local is inside the zone here, so use a zone-external miss instead.
    assertThat(ZONE.answer(WireClient.query("nothing.example.org", Type.A))).isNull();
  }
}
