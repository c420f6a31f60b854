package dev.wayfinder.dns.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.CacheConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The TTL rules, on the wire form of messages built in memory: max_ttl 3600 s, negative_ttl 30 s.
 */
class CachePolicyTest {
  private final CachePolicy policy =
      new CachePolicy(
          new CacheConfig(100, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO));

  /**
   * Each row: RCODE, answer records, authority records (as "TYPE TTL", SOA as "SOA TTL MINIMUM",
   * separated by '|'), the outcome, and the expected cache lifetime and record cap.
   */
  @ParameterizedTest(name = "{0} an=[{1}] ns=[{2}] -> {3} {4}s cap {5}s")
  @CsvSource(
      delimiter = ';',
      value = {
        "NOERROR;  A 300|A 120;   ;              POSITIVE; 120;  3600",
        "NOERROR;  A 300;         NS 60;         POSITIVE; 60;   3600",
        "NOERROR;  A 7200;        ;              POSITIVE; 3600; 3600",
        "NOERROR;  A 0;           ;              POSITIVE; 0;    3600",
        "NXDOMAIN; ;              SOA 3600 20;   NXDOMAIN; 20;   20",
        "NXDOMAIN; ;              SOA 10 300;    NXDOMAIN; 10;   10",
        "NXDOMAIN; ;              SOA 3600 300;  NXDOMAIN; 30;   30",
        "NOERROR;  ;              SOA 15 300;    NODATA;   15;   15",
        // RFC 2308 section 5: no SOA, no negative caching.
        "NXDOMAIN; ;              ;              NXDOMAIN; 0;    3600",
        "NOERROR;  ;              NS 300;        NODATA;   0;    3600",
        "SERVFAIL; ;              ;              ERROR;    0;    3600",
        "REFUSED;  ;              ;              ERROR;    0;    3600",
      })
  void lifetimeFollowsTheTtlRules(
      String rcode,
      String answer,
      String authority,
      CachePolicy.Outcome outcome,
      long cacheSeconds,
      long capSeconds)
      throws Exception {
    WireReply reply = WireReply.parse(message(rcode, answer, authority).toWire());

    assertThat(CachePolicy.classify(reply)).isEqualTo(outcome);
    assertThat(policy.lifetime(reply))
        .isEqualTo(new CachePolicy.Lifetime(cacheSeconds, capSeconds));
  }

  static Message message(String rcode, String answer, String authority) throws Exception {
    Message response = new Message();
    response.getHeader().setRcode(org.xbill.DNS.Rcode.value(rcode));
    Name name = Name.fromString("q.example.");
    response.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
    addRecords(response, Section.ANSWER, name, answer);
    addRecords(response, Section.AUTHORITY, Name.fromString("example."), authority);
    return response;
  }

  private static void addRecords(Message message, int section, Name owner, String spec)
      throws Exception {
    if (spec == null) {
      return;
    }
    for (String item : spec.split("\\|")) {
      String[] parts = item.trim().split(" ");
      long ttl = Long.parseLong(parts[1]);
      String rdata =
          switch (parts[0]) {
            case "A" -> "192.0.2.1";
            case "NS" -> "ns.example.";
            case "SOA" -> "ns.example. admin.example. 1 3600 600 86400 " + parts[2];
            default -> throw new IllegalArgumentException(parts[0]);
          };
      message.addRecord(
          Record.fromString(owner, Type.value(parts[0]), DClass.IN, ttl, rdata, Name.root),
          section);
    }
  }
}
