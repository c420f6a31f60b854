package dev.wayfinder.dns.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** RFC 2308 negative caching against a real Knot upstream behind a counting relay. */
class NegativeCachingTest extends CountedUpstreamTest {

  /**
   * Each row: question, the negative_ttl cap, the RCODE, and the SOA TTL the asker must see, which
   * is also how long the answer stays cached: min(SOA TTL, SOA MINIMUM, negative_ttl).
   */
  @ParameterizedTest(name = "{0} {1} cap {2}s -> {3} ttl {4}")
  @CsvSource({
    // example.test: SOA TTL 3600, MINIMUM 300
    "nothing.example.test., A,    600, NXDOMAIN, 300",
    "nothing.example.test., A,     30, NXDOMAIN, 30",
    "www.example.test.,     AAAA, 600, NOERROR,  300",
    "www.example.test.,     AAAA,  30, NOERROR,  30",
    // lowsoa.test: SOA TTL 60, MINIMUM 600
    "nothing.lowsoa.test.,  A,    600, NXDOMAIN, 60",
  })
  void negativeAnswerIsCachedForTheRfc2308Ttl(
      String name, String type, long capSeconds, String rcode, long expectedTtl) throws Exception {
    forwarder(Duration.ofHours(1), Duration.ofSeconds(capSeconds), Duration.ZERO);
    int qtype = Type.value(type);

    Message first = resolve(forwarder, name, qtype);
    // The last hit before expiry falls just before the last tenth, where a hit would prefetch.
    long beforePrefetch = expectedTtl - expectedTtl / Forwarder.PREFETCH_DIVISOR - 1;
    ticker.advance(Duration.ofSeconds(beforePrefetch));
    Message hit = resolve(forwarder, name, qtype);
    int queriesBeforeExpiry = relay.totalQueries();
    ticker.advance(Duration.ofSeconds(expectedTtl - beforePrefetch + 1));
    resolve(forwarder, name, qtype);

    assertThat(first.getRcode()).isEqualTo(Rcode.value(rcode));
    assertThat(first.getSection(Section.ANSWER)).isEmpty();
    assertThat(first.getSection(Section.AUTHORITY))
        .singleElement()
        .satisfies(soa -> assertThat(soa.getType()).isEqualTo(Type.SOA))
        .extracting(Record::getTTL)
        .isEqualTo(expectedTtl);
    assertThat(hit.getSection(Section.AUTHORITY).getFirst().getTTL())
        .isEqualTo(expectedTtl - beforePrefetch);
    assertThat(queriesBeforeExpiry).isEqualTo(1);
    assertThat(relay.totalQueries()).isEqualTo(2);
  }
}
