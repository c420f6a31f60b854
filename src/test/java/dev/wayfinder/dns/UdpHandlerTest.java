package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.dns.forward.ForwardAnswer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class UdpHandlerTest {
  private static final String WEB = "web.svc.cluster.local.";

  private static final Upstream NO_UPSTREAM = null;

  @Test
  void answersFromZoneWithIdFlagsAndQuestionCasePreserved() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.a("WeB.Svc.CLUSTER.local.")));
      assertThat(r.getHeader().getID()).isEqualTo(Queries.ID);
      assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
      assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
      assertThat(r.getHeader().getFlag(Flags.RA)).isFalse();
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(r.getQuestion().getName().toString()).isEqualTo("WeB.Svc.CLUSTER.local.");
      ARecord a = (ARecord) r.getSection(Section.ANSWER).get(0);
      assertThat(a.getAddress().getHostAddress()).isEqualTo("10.0.0.1");
      assertThat(a.getName().toString()).isEqualTo("WeB.Svc.CLUSTER.local.");
      assertThat(r.getOPT()).isNull();
    }
  }

  @Test
  void unknownZoneNameIsNxdomain() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.a("nope.svc.cluster.local.")));
      assertThat(r.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    }
  }

  @Test
  void echoesEdnsWithServerBufferAndDoClear() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.edns(WEB, Type.A, 4096, 0, true)));
      OPTRecord opt = r.getOPT();
      assertThat(opt).isNotNull();
      assertThat(opt.getPayloadSize()).isEqualTo(1232);
      assertThat(opt.getVersion()).isZero();
      assertThat(opt.getFlags()).isZero();
      assertThat(r.getSection(Section.ANSWER)).hasSize(1);
    }
  }

  @Test
  void ednsVersionOneIsBadvers() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.edns(WEB, Type.A, 1232, 1, false)));
      assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
      assertThat(r.getOPT()).isNotNull();
      assertThat(r.getSection(Section.ANSWER)).isEmpty();
    }
  }

  @Test
  void twoOptRecordsAreFormerr() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message q = Queries.message(WEB, Type.A, DClass.IN);
      q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      Message r = Queries.parse(h.ask(q.toWire()));
      assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(r.getQuestion().getName().toString()).isEqualTo(WEB);
    }
  }

  @Test
  void answerOverClassicLimitIsTruncatedWithoutEdnsAndWholeWithIt() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      byte[] plain = h.ask(Queries.a("mid.svc.cluster.local."));
      Message r = Queries.parse(plain);
      assertThat(plain.length).isLessThanOrEqualTo(512);
      assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(r.getSection(Section.ANSWER)).isEmpty();
      assertThat(r.getQuestion().getName().toString()).isEqualTo("mid.svc.cluster.local.");

      Message whole =
          Queries.parse(h.ask(Queries.edns("mid.svc.cluster.local.", Type.A, 4096, 0, false)));
      assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(whole.getSection(Section.ANSWER)).hasSize(40);
    }
  }

  @Test
  void answerOverServerBufferIsTruncatedEvenForLargeClientBuffers() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      byte[] wire = h.ask(Queries.edns("big.svc.cluster.local.", Type.A, 65000, 0, false));
      Message r = Queries.parse(wire);
      assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(r.getSection(Section.ANSWER)).isEmpty();
      assertThat(r.getOPT()).isNotNull();
    }
  }

  @ParameterizedTest(name = "dropped: {0} bytes of header")
  @ValueSource(ints = {0, 1, 11})
  void dropsPacketsShorterThanAHeader(int length) {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      assertThat(h.ask(new byte[length])).isNull();
    }
  }

  @Test
  void dropsResponses() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      byte[] response = Queries.a(WEB);
      response[2] |= (byte) 0x80;
      assertThat(h.ask(response)).isNull();
    }
  }

  @ParameterizedTest(name = "opcode {0} is NOTIMP")
  @ValueSource(ints = {1, 2, 4, 5, 15})
  void otherOpcodesAreNotimp(int opcode) {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      byte[] q = Queries.a(WEB);
      q[2] = (byte) ((q[2] & 0x87) | (opcode << 3));
      Message r = Queries.parse(h.ask(q));
      assertThat(r.getRcode()).isEqualTo(Rcode.NOTIMP);
      assertThat(r.getHeader().getOpcode()).isEqualTo(opcode);
      assertThat(r.getHeader().getID()).isEqualTo(Queries.ID);
    }
  }

  @Test
  void otherClassForZoneNameIsRefused() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.message(WEB, Type.A, DClass.CH).toWire()));
      assertThat(r.getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }

  @Test
  void slowAnswersComeFromDnsjavaWithOpt() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r =
          Queries.parse(h.ask(Queries.edns("SLOW.svc.cluster.local.", Type.A, 1232, 0, false)));
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress())
          .isEqualTo("10.9.9.9");
      assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
      assertThat(r.getOPT().getPayloadSize()).isEqualTo(1232);
    }
  }

  @Test
  void transferOverUdpIsRefused() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.plain("svc.cluster.local.", Type.AXFR)));
      assertThat(r.getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }

  @Test
  void namesOutsideTheZoneAreRefusedWithoutUpstreams() {
    try (UdpHarness h = new UdpHarness(NO_UPSTREAM)) {
      Message r = Queries.parse(h.ask(Queries.a("example.org.")));
      assertThat(r.getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(r.getQuestion().getName().toString()).isEqualTo("example.org.");
    }
  }

  @Test
  void forwardsOnlyForAllowedSourcesButZoneAnswersEveryone() {
    AtomicInteger asked = new AtomicInteger();
    byte[] tail = {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, (byte) 192, 0, 2, 1};
    Upstream upstream =
        (name, type, dclass) -> {
          asked.incrementAndGet();
          return CompletableFuture.completedFuture(new ForwardAnswer(0, 1, 0, 0, tail));
        };
    try (UdpHarness h = new UdpHarness(upstream)) {
      Message refused = Queries.parse(h.ask(Queries.a("example.org."), UdpHarness.OUTSIDE));
      assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(asked).hasValue(0);

      Message zone = Queries.parse(h.ask(Queries.a(WEB), UdpHarness.OUTSIDE));
      assertThat(zone.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(zone.getSection(Section.ANSWER)).hasSize(1);

      Message forwarded =
          Queries.parse(h.ask(Queries.edns("Example.ORG.", Type.A, 1232, 0, false)));
      assertThat(asked).hasValue(1);
      assertThat(forwarded.getHeader().getFlag(Flags.RA)).isTrue();
      assertThat(forwarded.getHeader().getFlag(Flags.AA)).isFalse();
      assertThat(forwarded.getQuestion().getName().toString()).isEqualTo("Example.ORG.");
      assertThat(
              ((ARecord) forwarded.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress())
          .isEqualTo("192.0.2.1");
      assertThat(forwarded.getOPT()).isNotNull();
    }
  }

  @Test
  void forwardedAnswerArrivingLaterIsWrittenThen() {
    CompletableFuture<ForwardAnswer> pending = new CompletableFuture<>();
    try (UdpHarness h = new UdpHarness((name, type, dclass) -> pending)) {
      assertThat(h.ask(Queries.a("example.org."))).isNull();
      assertThat(h.lastQuery.refCnt()).as("held while forwarding").isEqualTo(1);
      pending.complete(new ForwardAnswer(2, 0, 0, 0, new byte[0]));
      h.channel.runPendingTasks();
      assertThat(h.lastQuery.refCnt()).as("released after the answer").isZero();
      io.netty.channel.socket.DatagramPacket out = h.channel.readOutbound();
      try {
        Message r = Queries.parse(io.netty.buffer.ByteBufUtil.getBytes(out.content()));
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(r.getHeader().getID()).isEqualTo(Queries.ID);
      } finally {
        out.release();
      }
    }
  }

  @Test
  void cachedForwardedAnswerLeavesWithTheReadBatchWithoutATask() {
    byte[] tail = {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, (byte) 192, 0, 2, 9};
    Upstream cached =
        (name, type, dclass) ->
            CompletableFuture.completedFuture(new ForwardAnswer(0, 1, 0, 0, tail));
    try (UdpHarness h = new UdpHarness(cached)) {
      io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.copiedBuffer(Queries.a("example.org."));
      h.channel
          .pipeline()
          .fireChannelRead(
              new io.netty.channel.socket.DatagramPacket(
                  in, UdpHarness.LOCAL, new java.net.InetSocketAddress(UdpHarness.INSIDE, 40000)));
      h.channel.pipeline().fireChannelReadComplete(); // no runPendingTasks: nothing was queued
      io.netty.channel.socket.DatagramPacket out = h.channel.readOutbound();
      assertThat(out).as("written during the read").isNotNull();
      assertThat(in.refCnt()).as("query not held").isZero();
      try {
        Message r = Queries.parse(io.netty.buffer.ByteBufUtil.getBytes(out.content()));
        assertThat(r.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress())
            .isEqualTo("192.0.2.9");
      } finally {
        out.release();
      }
    }
  }
}
