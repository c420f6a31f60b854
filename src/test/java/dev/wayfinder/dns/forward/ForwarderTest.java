package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The forwarder and its cache against a real Knot upstream behind a counting relay. */
class ForwarderTest extends CountedUpstreamTest {

  Forwarder defaultForwarder() {
    return forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
  }

  @Test
  void positiveAnswerParsesBehindTheAskersCase() throws Exception {
    Message response = resolve(defaultForwarder(), "WWW.Example.TEST.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER))
        .extracting(r -> r.rdataToString(), Record::getTTL)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("192.0.2.1", 300L),
            org.assertj.core.groups.Tuple.tuple("192.0.2.2", 300L));
    assertThat(response.getOPT()).as("upstream OPT stripped").isNull();
  }

  @Test
  void upstreamQueryHasRecursionDesiredAndEdnsPayload1232() throws Exception {
    resolve(defaultForwarder(), "www.example.test.", Type.A);

    Message sent = new Message(relay.queries().getFirst());
    assertThat(sent.getHeader().getFlag(org.xbill.DNS.Flags.RD)).isTrue();
    assertThat(sent.getOPT()).isNotNull();
    assertThat(sent.getOPT().getPayloadSize()).isEqualTo(1232);
  }

  @Test
  void hitIsServedFromCacheWithTtlCountedDown() throws Exception {
    Forwarder forwarder = defaultForwarder();
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(100).plusMillis(500));

    Message hit = resolve(forwarder, "www.example.test.", Type.A);

    assertThat(relay.totalQueries()).isEqualTo(1);
    assertThat(hit.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(200L);
  }

  @Test
  void expiredEntryIsAskedAgain() throws Exception {
    Forwarder forwarder = defaultForwarder();
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(301));

    Message again = resolve(forwarder, "www.example.test.", Type.A);

    assertThat(relay.totalQueries()).isEqualTo(2);
    assertThat(again.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(300L);
  }

  @Test
  void maxTtlCapsTheAnswerAndTheCacheLifetime() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO);

    Message first = resolve(forwarder, "long.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(3239)); // the last second before the prefetch window
    resolve(forwarder, "long.example.test.", Type.A);
    int beforeExpiry = relay.totalQueries();
    ticker.advance(Duration.ofSeconds(362));
    resolve(forwarder, "long.example.test.", Type.A);

    assertThat(first.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(3600L);
    assertThat(beforeExpiry).isEqualTo(1);
    assertThat(relay.totalQueries()).isEqualTo(2);
  }

  @Test
  void fiftyConcurrentIdenticalMissesShareOneUpstreamQuery() throws Exception {
    Forwarder forwarder = defaultForwarder();
    byte[] name = lowerWire("www.example.test.");
    List<CompletableFuture<ForwardAnswer>> answers = new ArrayList<>();
    List<Thread> askers = new ArrayList<>();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (int i = 0; i < 50; i++) {
      CompletableFuture<ForwardAnswer> slot = new CompletableFuture<>();
      answers.add(slot);
      askers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                      forwarder.resolve(name, Type.A, DClass.IN).thenAccept(slot::complete);
                    } catch (InterruptedException e) {
                      slot.completeExceptionally(e);
                    }
                  }));
    }
    go.countDown();
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(answers).allSatisfy(a -> assertThat(a.join().rcode()).isEqualTo(Rcode.NOERROR));
    assertThat(relay.totalQueries()).isEqualTo(1);
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcpAndComesBackComplete() throws Exception {
    Message response = resolve(defaultForwarder(), "big.example.test.", Type.TXT);

    assertThat(response.getSection(Section.ANSWER)).hasSize(8);
    assertThat(response.numBytes()).isGreaterThan(1232);
    assertThat(relay.udpQueries()).isEqualTo(1);
    assertThat(relay.tcpQueries()).isEqualTo(1);
  }

  @Test
  void servfailIsNotCached() throws Exception {
    Forwarder forwarder = defaultForwarder();
    relay.setSilent(true);
    ForwardAnswer failed =
        forwarder
            .resolve(lowerWire("www.example.test."), Type.A, DClass.IN)
            .get(10, TimeUnit.SECONDS);
    relay.setSilent(false);

    Message retried = resolve(forwarder, "www.example.test.", Type.A);

    assertThat(failed.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(retried.getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void staleAnswerIsServedWithTtl30WhenUpstreamsFail() throws Exception {
    Forwarder forwarder =
        forwarder(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofHours(1));
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(301));
    relay.setSilent(true);

    Message stale = resolve(forwarder, "www.example.test.", Type.A);

    assertThat(relay.totalQueries()).as("a refresh was attempted").isEqualTo(2);
    assertThat(stale.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(stale.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(30L);
  }

  @Test
  void withoutServeStaleAnExpiredAnswerIsNotServed() throws Exception {
    Forwarder forwarder = defaultForwarder();
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(301));
    relay.setSilent(true);

    Message response = resolve(forwarder, "www.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void stopAnswersPendingQueriesWithServfail() throws Exception {
    Forwarder forwarder = defaultForwarder();
    relay.setSilent(true);
    CompletableFuture<ForwardAnswer> pending =
        forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN);

    forwarder.stop(Duration.ofSeconds(1));

    assertThat(pending).isDone();
    assertThat(pending.join().rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN).join().rcode())
        .isEqualTo(Rcode.SERVFAIL);
  }
}
