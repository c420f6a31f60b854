package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.dns.forward.ForwardAnswer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Every reply is reported to the channel's recorder once, where it leaves, with where its answer
 * came from, its RCODE and ANCOUNT read from the header, and the time since the read; queries with
 * no reply are reported as dropped.
 */
class QueryObservationTest {
  private static final String WEB = "web.svc.cluster.local.";

  @Test
  void zoneAnswerIsReportedWithItsHeaderFields() throws Exception {
    RecordingObserver seen = new RecordingObserver();
    try (UdpHarness h = new UdpHarness((Upstream) null, seen)) {
      h.ask(Queries.a("WEB.svc.cluster.local."));
      h.ask(Queries.a("nope.svc.cluster.local."));
    }
    assertThat(seen.replies).hasSize(2);
    RecordingObserver.Reply web = seen.replies.get(0);
    assertThat(web.protocol()).isEqualTo(QueryProtocol.UDP);
    assertThat(web.qtype()).isEqualTo(Type.A);
    assertThat(web.source()).isEqualTo(AnswerSource.ZONE);
    assertThat(web.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(web.answers()).isEqualTo(1);
    assertThat(web.latencyNanos()).isPositive();
    assertThat(web.client().getAddress().getHostAddress()).isEqualTo(UdpHarness.INSIDE);
    assertThat(web.name()).isEqualTo(Name.fromString(WEB).toWire());
    assertThat(seen.replies.get(1).rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(seen.replies.get(1).answers()).isZero();
    assertThat(seen.dropped).isEmpty();
  }

  @Test
  void notOursIsRefusedWithoutUpstreamOrOutsideAllowFrom() {
    RecordingObserver seen = new RecordingObserver();
    CompletableFuture<ForwardAnswer> never = new CompletableFuture<>();
    try (UdpHarness h = new UdpHarness((name, type, dclass) -> never, seen)) {
      h.ask(Queries.a("example.org."), UdpHarness.OUTSIDE);
    }
    assertThat(seen.last().source()).isEqualTo(AnswerSource.REFUSED);
    assertThat(seen.last().rcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void forwardedAnswerArrivingLaterIsReportedOnceWhenItLeaves() {
    RecordingObserver seen = new RecordingObserver();
    CompletableFuture<ForwardAnswer> pending = new CompletableFuture<>();
    try (UdpHarness h = new UdpHarness((name, type, dclass) -> pending, seen)) {
      assertThat(h.ask(Queries.a("example.org."))).isNull();
      assertThat(seen.replies).isEmpty();
      pending.complete(new ForwardAnswer(0, 2, 0, 0, twoAddresses()));
      h.channel.runPendingTasks();
      h.channel.<io.netty.channel.socket.DatagramPacket>readOutbound().release();
    }
    assertThat(seen.replies).hasSize(1);
    assertThat(seen.last().source()).isEqualTo(AnswerSource.FORWARD);
    assertThat(seen.last().answers()).isEqualTo(2);
    assertThat(seen.last().name()).isEqualTo(Name.fromConstantString("example.org.").toWire());
  }

  @Test
  void extendedRcodeAndUnreadablePackets() {
    RecordingObserver seen = new RecordingObserver();
    try (UdpHarness h = new UdpHarness((Upstream) null, seen)) {
      h.ask(Queries.edns(WEB, Type.A, 1232, 1, false)); // EDNS version 1: BADVERS
      assertThat(h.ask(new byte[] {1, 2, 3})).isNull();
    }
    assertThat(seen.replies).hasSize(1);
    assertThat(seen.last().source()).isEqualTo(AnswerSource.ERROR);
    assertThat(seen.last().rcode()).isEqualTo(Rcode.BADVERS);
    assertThat(seen.dropped).containsExactly(QueryProtocol.UDP);
  }

  /** Two A records for the question name, by compression pointer to offset 12. */
  private static byte[] twoAddresses() {
    byte[] rr = {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 1};
    byte[] tail = new byte[rr.length * 2];
    System.arraycopy(rr, 0, tail, 0, rr.length);
    System.arraycopy(rr, 0, tail, rr.length, rr.length);
    tail[tail.length - 1] = 2;
    return tail;
  }
}
