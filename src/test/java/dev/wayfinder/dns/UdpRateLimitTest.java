package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.RateLimitConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The rate limit in the UDP handler, on an embedded channel: what goes out for an answer over the
 * limit (nothing, or the slip: same ID, TC, the question, no records), what the recorder is told,
 * and that buffers are released either way. Rates are 1 per second with a burst of 1, so a few
 * queries in a row are all over the limit after the first whatever the clock does.
 */
class UdpRateLimitTest {
  private static final String WEB = "web.svc.cluster.local.";

  private static ResponseRateLimit perSource(int slip) {
    return ResponseRateLimit.of(new RateLimitConfig(0, 1, 1, slip));
  }

  @Test
  void overTheLimitEveryOtherAnswerSlipsAsAnEmptyTcReplyAndTheRestAreDropped() {
    RecordingObserver seen = new RecordingObserver();
    try (UdpHarness h = new UdpHarness(null, seen, perSource(2))) {
      assertThat(Queries.parse(h.ask(Queries.a(WEB))).getSection(Section.ANSWER)).hasSize(1);
      assertThat(h.ask(Queries.a(WEB))).as("dropped").isNull();
      assertThat(h.lastQuery.refCnt()).isZero();

      Message slip =
          Queries.parse(h.ask(Queries.edns("WeB.svc.cluster.local.", Type.A, 1232, 0, false)));
      assertThat(slip.getHeader().getID()).isEqualTo(Queries.ID);
      assertThat(slip.getHeader().getFlag(Flags.QR)).isTrue();
      assertThat(slip.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(slip.getHeader().getFlag(Flags.AA)).isFalse();
      assertThat(slip.getHeader().getFlag(Flags.RD)).isTrue();
      assertThat(slip.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(slip.getQuestion().getName().toString()).isEqualTo("WeB.svc.cluster.local.");
      assertThat(slip.getSection(Section.ANSWER)).isEmpty();
      assertThat(slip.getSection(Section.AUTHORITY)).isEmpty();
      assertThat(slip.getOPT()).as("the query had one (RFC 6891 7)").isNotNull();

      assertThat(h.ask(Queries.a(WEB))).isNull();
      assertThat(h.ask(Queries.a(WEB))).isNotNull();
    }
    assertThat(seen.limited)
        .containsExactly(
            RateLimitAction.DROP, RateLimitAction.SLIP, RateLimitAction.DROP, RateLimitAction.SLIP);
    assertThat(seen.dropped).as("not counted as unreadable").isEmpty();
    assertThat(seen.replies)
        .extracting(RecordingObserver.Reply::source)
        .containsExactly(AnswerSource.ZONE, AnswerSource.LIMITED, AnswerSource.LIMITED);
    assertThat(seen.replies.get(1).answers()).isZero();
  }

  @Test
  void aSlipIsNoLargerThanTheQuery() {
    try (UdpHarness h = new UdpHarness(null, QueryObserver.NOOP, perSource(1))) {
      h.ask(Queries.a("big.svc.cluster.local."));
      for (byte[] q :
          List.of(
              Queries.a("big.svc.cluster.local."),
              Queries.edns("big.svc.cluster.local.", Type.A, 4096, 0, true))) {
        byte[] reply = h.ask(q);
        assertThat(reply.length).isLessThanOrEqualTo(q.length);
        assertThat(Queries.parse(reply).getHeader().getFlag(Flags.TC)).isTrue();
      }
    }
  }

  @Test
  void anotherSlash24IsNotLimitedByTheFirst() {
    try (UdpHarness h = new UdpHarness(null, QueryObserver.NOOP, perSource(0))) {
      assertThat(h.ask(Queries.a(WEB), "127.0.0.1")).isNotNull();
      assertThat(h.ask(Queries.a(WEB), "127.0.0.9")).as("same /24").isNull();
      assertThat(h.ask(Queries.a(WEB), "127.0.1.1")).isNotNull();
    }
  }

  @Test
  void malformedQueriesOverTheLimitAreDroppedNotSlipped() {
    try (UdpHarness h = new UdpHarness(null, QueryObserver.NOOP, perSource(1))) {
      byte[] formerr = Queries.raw(0x0100, 0, 0, 0, 0);
      assertThat(Queries.parse(h.ask(formerr)).getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(h.ask(formerr)).isNull();
    }
  }
}
