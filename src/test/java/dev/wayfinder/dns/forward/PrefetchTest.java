package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Prefetch (as Unbound's {@code prefetch: yes}): a hit in the last tenth of an answer's lifetime
 * asks the upstream once in the background, so a name that keeps being asked never expires. Counted
 * at a relay in front of a real Knot; {@code www.example.test} has TTL 300.
 */
class PrefetchTest extends CountedUpstreamTest {
  private static final byte[] WWW = lowerWire("www.example.test.");

  private CachedAnswer hit(Forwarder forwarder) {
    return forwarder.cached(WWW, WWW.length, Type.A, DClass.IN, forwarder.now());
  }

  @Test
  void aHitInTheLastTenthRefreshesOnceBeforeExpiry() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(269));
    CachedAnswer early = hit(forwarder);
    int beforeWindow = relay.totalQueries();
    ticker.advance(Duration.ofSeconds(2)); // 271 s: 29 s of 300 left

    CachedAnswer first = hit(forwarder);
    for (int i = 0; i < 20; i++) {
      assertThat(hit(forwarder)).isNotNull(); // still served while the refresh runs
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> hit(forwarder) != first);

    assertThat(early).isNotNull();
    assertThat(beforeWindow).as("no prefetch before the last tenth").isEqualTo(1);
    assertThat(relay.totalQueries()).as("one refresh for all the hits").isEqualTo(2);
    // 40 s later the first answer would have expired; the refreshed one (stored at 271 s) has not.
    ticker.advance(Duration.ofSeconds(40));
    Message later = resolve(forwarder, "www.example.test.", Type.A);
    assertThat(later.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(260L);
    assertThat(relay.totalQueries()).isEqualTo(2);
  }

  @Test
  void anAnswerThatIsNotCachedIsNeverPrefetched() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);

    for (int i = 0; i < 3; i++) {
      resolve(forwarder, "zero.example.test.", Type.A);
    }
    resolve(forwarder, "www.example.test.", Type.A);

    // One query per asker; a prefetch would have gone out before the last question.
    assertThat(relay.totalQueries()).isEqualTo(4);
  }

  @Test
  void aFailedPrefetchLeavesTheAnswerToExpireAsBefore() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);
    relay.setSilent(true);
    ticker.advance(Duration.ofSeconds(280));

    CachedAnswer stillServed = hit(forwarder);
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.totalQueries() == 2);
    for (int i = 0; i < 20; i++) {
      hit(forwarder);
    }
    relay.setSilent(false);
    ticker.advance(Duration.ofSeconds(21)); // 301 s: expired
    Message again = resolve(forwarder, "www.example.test.", Type.A);

    assertThat(stillServed).isNotNull();
    assertThat(again.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(300L);
    // The refresh on expiry is the third query: the 20 hits did not start another prefetch. The
    // forwarder's single loop thread sends in order, so a stray prefetch would have come first.
    assertThat(relay.totalQueries()).isEqualTo(3);
  }
}
