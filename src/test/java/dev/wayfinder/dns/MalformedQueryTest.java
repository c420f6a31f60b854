package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;

/** The accept filter on hand-broken packets: FORMERR with the query's ID, never a crash. */
class MalformedQueryTest {
  private static final int RD = 0x0100;

  static Stream<Arguments> formerr() {
    return Stream.of(
        Arguments.of("no question", Queries.raw(RD, 0, 0, 0, 0)),
        Arguments.of(
            "two questions",
            Queries.raw(RD, 2, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1, 1, 'b', 0, 0, 1, 0, 1)),
        Arguments.of(
            "pointer loop in the question", Queries.raw(RD, 1, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1)),
        Arguments.of(
            "pointer after a label", Queries.raw(RD, 1, 0, 0, 0, 1, 'a', 0xC0, 12, 0, 1, 0, 1)),
        Arguments.of("reserved label type", Queries.raw(RD, 1, 0, 0, 0, 0x41, 'a', 0, 0, 1, 0, 1)),
        Arguments.of("label runs past the end", Queries.raw(RD, 1, 0, 0, 0, 9, 'a', 'b')),
        Arguments.of("no root label", Queries.raw(RD, 1, 0, 0, 0, 1, 'a')),
        Arguments.of("type and class cut off", Queries.raw(RD, 1, 0, 0, 0, 1, 'a', 0, 0, 1)),
        Arguments.of("name over 255 octets", longName()),
        Arguments.of(
            "additional record cut off",
            Queries.raw(RD, 1, 0, 0, 1, 1, 'a', 0, 0, 1, 0, 1, 0, 0, 41)),
        Arguments.of(
            "OPT not owned by the root",
            Queries.raw(
                RD, 1, 0, 0, 1, 1, 'a', 0, 0, 1, 0, 1, 1, 'x', 0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0,
                0)));
  }

  private static byte[] longName() {
    int[] rest = new int[5 * 64 + 5];
    for (int l = 0; l < 5; l++) {
      rest[l * 64] = 63;
      for (int i = 1; i < 64; i++) {
        rest[l * 64 + i] = 'x';
      }
    }
    rest[320] = 0;
    rest[322] = 1;
    rest[324] = 1;
    return Queries.raw(RD, 1, 0, 0, 0, rest);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formerr")
  void answersFormerrWithTheQueryId(String what, byte[] packet) {
    try (UdpHarness h = new UdpHarness(null)) {
      byte[] wire = h.ask(packet);
      assertThat(wire).as("a reply").isNotNull();
      assertThat(wire.length).isGreaterThanOrEqualTo(12);
      assertThat(((wire[0] & 0xff) << 8) | (wire[1] & 0xff)).isEqualTo(Queries.ID);
      assertThat(wire[2] & 0x80).as("QR").isNotZero();
      assertThat(wire[3] & 0x0f).as("RCODE").isEqualTo(Rcode.FORMERR);
      assertThat(wire[2] & 0x01).as("RD copied").isEqualTo(1);
    }
  }

  @Test
  void formerrForABrokenQuestionHasNoQuestion() {
    try (UdpHarness h = new UdpHarness(null)) {
      Message r = Queries.parse(h.ask(Queries.raw(RD, 1, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1)));
      assertThat(r.getHeader().getCount(0)).isZero();
    }
  }

  @Test
  void survivesRandomPackets() {
    java.util.Random random = new java.util.Random(7);
    try (UdpHarness h = new UdpHarness(null)) {
      for (int i = 0; i < 2000; i++) {
        byte[] junk = new byte[random.nextInt(80)];
        random.nextBytes(junk);
        byte[] reply = h.ask(junk);
        if (reply != null) {
          assertThat(reply.length).isGreaterThanOrEqualTo(12);
        }
      }
      assertThat(Queries.parse(h.ask(Queries.a("web.svc.cluster.local."))).getRcode()).isZero();
    }
  }

  @Test
  void parsesAQueryLongerThanTheUsualScratchArray() {
    byte[] query = Queries.a("web.svc.cluster.local.");
    int rdlength = 3 * Transport.MAX_QUERY_DATAGRAM;
    byte[] big = java.util.Arrays.copyOf(query, query.length + 11 + rdlength);
    big[11] = 1; // ARCOUNT
    int at = query.length; // root owner, private-use type 65280, class IN, TTL 0, RDLENGTH
    big[at + 1] = (byte) 0xFF;
    big[at + 4] = 1;
    big[at + 9] = (byte) (rdlength >> 8);
    big[at + 10] = (byte) rdlength;
    try (UdpHarness h = new UdpHarness(null)) {
      Message r = Queries.parse(h.ask(big));
      assertThat(r.getRcode()).isZero();
      assertThat(r.getSection(org.xbill.DNS.Section.ANSWER)).hasSize(1);
      assertThat(Queries.parse(h.ask(query)).getSection(org.xbill.DNS.Section.ANSWER)).hasSize(1);
    }
  }
}
