package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static dev.wayfinder.dns.forward.Answers.toMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The synchronous hit path ({@link Forwarder#cached}, {@link CachedAnswer#writeTail}) against a
 * real Knot upstream: it finds what {@link Forwarder#resolve} stored, by a name in a larger reused
 * buffer, and gives nothing whenever the asynchronous path has to decide.
 */
class CachedHitTest extends CountedUpstreamTest {

  /** The name as the parser holds it: at the start of a 255-byte buffer with leftovers after it. */
  private static byte[] parserBuffer(String name) {
    byte[] wire = lowerWire(name);
    byte[] buffer = new byte[255];
    Arrays.fill(buffer, (byte) 0x5A);
    System.arraycopy(wire, 0, buffer, 0, wire.length);
    return buffer;
  }

  private static CachedAnswer hit(Forwarder forwarder, String name, int qtype) {
    return forwarder.cached(
        parserBuffer(name), lowerWire(name).length, qtype, DClass.IN, forwarder.now());
  }

  /** What the server would send for a hit: the tail written with TTLs patched in the buffer. */
  private static Message written(CachedAnswer answer, String asked, int qtype, long nowNanos) {
    ByteBuf out = Unpooled.buffer();
    out.writeBytes(new byte[] {1, 2, 3}); // the tail never starts at offset 0 of the reply
    answer.writeTail(out, nowNanos);
    byte[] tail = Arrays.copyOfRange(ByteBufUtil.getBytes(out), 3, out.writerIndex());
    ForwardAnswer asWritten =
        new ForwardAnswer(
            answer.rcode(), answer.ancount(), answer.nscount(), answer.arcount(), tail);
    assertThat(tail).hasSize(answer.tailLength());
    return toMessage(asked, qtype, asWritten);
  }

  @Test
  void hitIsFoundByTheParsersBufferAndWrittenWithTtlsCountedDown() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(100).plusMillis(500));

    CachedAnswer answer = hit(forwarder, "www.example.test.", Type.A);

    assertThat(answer).isNotNull();
    Message reply = written(answer, "WWW.Example.Test.", Type.A, forwarder.now());
    assertThat(reply.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(200L);
    assertThat(reply.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
    assertThat(reply.getQuestion().getName().toString()).isEqualTo("WWW.Example.Test.");
    assertThat(relay.totalQueries()).isEqualTo(1);
  }

  /**
   * Most hits are read without telling Caffeine's eviction policy ({@link
   * LookupKey#recordThisRead}); the sample it does see must still keep a name asked all along over
   * a flood of names asked once each. Were no hit recorded, the popular name would count as asked
   * once, age below the newcomers in the frequency sketch and be evicted.
   */
  @Test
  void popularNameOutlivesAFloodOfNamesAskedOnceInAFullCache() throws Exception {
    Forwarder forwarder = forwarder(50, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);
    for (int i = 0; i < 1000; i++) {
      resolve(forwarder, "n" + i + ".example.test.", Type.A);
      for (int j = 0; j < LookupKey.RECORDED_READ_EVERY; j++) {
        assertThat(hit(forwarder, "www.example.test.", Type.A)).isNotNull();
      }
    }

    assertThat(forwarder.settledEntries()).isLessThanOrEqualTo(50);
    assertThat(hit(forwarder, "www.example.test.", Type.A)).isNotNull();
  }

  @Test
  void writingTwiceLeavesTheStoredAnswerUnchanged() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);
    long stored = forwarder.now();
    CachedAnswer answer = hit(forwarder, "www.example.test.", Type.A);

    written(answer, "www.example.test.", Type.A, stored + Duration.ofSeconds(250).toNanos());
    Message later = written(answer, "www.example.test.", Type.A, stored);

    assertThat(later.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(300L);
    ticker.advance(Duration.ofSeconds(10));
    Message async = resolve(forwarder, "www.example.test.", Type.A);
    assertThat(async.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(290L);
  }

  @Test
  void negativeAnswersAreHitsToo() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "nope.example.test.", Type.A);

    CachedAnswer answer = hit(forwarder, "nope.example.test.", Type.A);

    assertThat(answer).isNotNull();
    assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(answer.nscount()).isEqualTo(1);
  }

  @Test
  void otherQuestionsAreMisses() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);

    assertThat(hit(forwarder, "www.example.test.", Type.AAAA)).as("other type").isNull();
    assertThat(hit(forwarder, "ns.example.test.", Type.A)).as("other name").isNull();
    assertThat(
            forwarder.cached(
                parserBuffer("www.example.test."),
                lowerWire("www.example.test.").length - 1,
                Type.A,
                DClass.IN,
                forwarder.now()))
        .as("a prefix of the name")
        .isNull();
    assertThat(
            forwarder.cached(
                lowerWire("www.example.test."),
                lowerWire("www.example.test.").length,
                Type.A,
                DClass.CH,
                forwarder.now()))
        .as("other class")
        .isNull();
  }

  @Test
  void expiredAnswerIsLeftToTheAsynchronousPath() throws Exception {
    Forwarder forwarder =
        forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(1));
    resolve(forwarder, "www.example.test.", Type.A);
    ticker.advance(Duration.ofSeconds(301));

    assertThat(hit(forwarder, "www.example.test.", Type.A)).as("held for serve-stale").isNull();
    Message again = resolve(forwarder, "www.example.test.", Type.A);
    assertThat(again.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(300L);
    assertThat(relay.totalQueries()).isEqualTo(2);
  }

  @Test
  void pendingOrFailedQueryIsNotAHit() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    relay.setSilent(true);
    CompletableFuture<ForwardAnswer> first =
        forwarder.resolve(lowerWire("www.example.test."), Type.A, DClass.IN);

    assertThat(first).isNotDone();
    assertThat(hit(forwarder, "www.example.test.", Type.A)).as("pending").isNull();
    assertThat(first.get(10, TimeUnit.SECONDS).rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(hit(forwarder, "www.example.test.", Type.A)).as("failed").isNull();
  }

  @Test
  void stoppedForwarderHasNoHits() throws Exception {
    Forwarder forwarder = forwarder(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ZERO);
    resolve(forwarder, "www.example.test.", Type.A);

    forwarder.stop(Duration.ofSeconds(1));

    assertThat(hit(forwarder, "www.example.test.", Type.A)).isNull();
  }
}
