package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static dev.wayfinder.dns.forward.Answers.toMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Message to cached wire form and TTL patching, without sockets. */
class AnswerCodecTest {
  private static final long STORED = 5_000_000_000L;

  private static Message upstreamAnswer() throws Exception {
    Name qname = Name.fromString("www.example.");
    Message response = new Message();
    response.getHeader().setRcode(Rcode.NOERROR);
    response.addRecord(Record.newRecord(qname, Type.A, DClass.IN), Section.QUESTION);
    response.addRecord(
        Record.fromString(qname, Type.CNAME, DClass.IN, 600, "web.example.", Name.root),
        Section.ANSWER);
    response.addRecord(
        Record.fromString(
            Name.fromString("web.example."), Type.A, DClass.IN, 120, "192.0.2.7", Name.root),
        Section.ANSWER);
    response.addRecord(
        Record.fromString(
            Name.fromString("example."), Type.NS, DClass.IN, 7200, "ns.www.example.", Name.root),
        Section.AUTHORITY);
    response.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    return response;
  }

  private static CachedAnswer encode(Message response, long capSeconds) throws Exception {
    CacheKey key = new CacheKey(lowerWire("www.example."), Type.A, DClass.IN);
    return AnswerCodec.encode(
        response, key, new CachePolicy.Lifetime(120, capSeconds), STORED);
  }

  @Test
  void tailParsesBehindAQuestionInAnyCaseAndDropsOpt() throws Exception {
    ForwardAnswer answer = encode(upstreamAnswer(), 3600).answerAt(STORED);

    Message client = toMessage("WwW.ExAmple.", Type.A, answer);

    assertThat(answer.arcount()).isZero();
    assertThat(client.getOPT()).isNull();
    // Names compressed against the question take the asker's case there: same name (RFC 4343).
    assertThat(client.getSection(Section.ANSWER))
        .extracting(r -> r.rdataToString().toLowerCase())
        .containsExactly("web.example.", "192.0.2.7");
    // This one points at the whole question name, so it must read back in the asker's case.
    assertThat(client.getSection(Section.AUTHORITY).getFirst().rdataToString())
        .isEqualTo("ns.WwW.ExAmple.");
  }

  @Test
  void everyTtlIsCappedThenCountedDownByWholeSeconds() throws Exception {
    CachedAnswer cached = encode(upstreamAnswer(), 3600);
    long later = STORED + TimeUnit.MILLISECONDS.toNanos(100_900);

    Message client = toMessage("www.example.", Type.A, cached.answerAt(later));

    assertThat(client.getSection(Section.ANSWER)).extracting(Record::getTTL).containsExactly(500L, 20L);
    assertThat(client.getSection(Section.AUTHORITY).getFirst().getTTL()).isEqualTo(3500L);
  }

  @Test
  void ttlsStopAtZero() throws Exception {
    CachedAnswer cached = encode(upstreamAnswer(), 3600);

    Message client =
        toMessage("www.example.", Type.A, cached.answerAt(STORED + TimeUnit.HOURS.toNanos(5)));

    assertThat(List.of(Section.ANSWER, Section.AUTHORITY))
        .flatMap(client::getSection)
        .extracting(Record::getTTL)
        .containsOnly(0L);
  }

  @Test
  void staleAnswerCarriesTtl30() throws Exception {
    Message client = toMessage("www.example.", Type.A, encode(upstreamAnswer(), 3600).staleAnswer());

    assertThat(List.of(Section.ANSWER, Section.AUTHORITY))
        .flatMap(client::getSection)
        .extracting(Record::getTTL)
        .containsOnly(30L);
  }

  @Test
  void recordCapLimitsEachTtl() throws Exception {
    Message client = toMessage("www.example.", Type.A, encode(upstreamAnswer(), 60).answerAt(STORED));

    assertThat(client.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(60L);
  }

  @Test
  void failureIsServfailWithNoRecords() {
    ForwardAnswer answer = CachedAnswer.failure(STORED).answerAt(STORED);

    assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answer.ancount() + answer.nscount() + answer.arcount()).isZero();
    assertThat(answer.tail()).isEmpty();
  }
}
