package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.zone.ZoneDiff;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** The IXFR answer's order (RFC 1995 4) and serial comparison (RFC 1982). */
class IncrementalTransferTest {
  static final Name ZONE = Name.fromConstantString("svc.cluster.local.");

  @Test
  void soaNewThenEachStepThenSoaNew() throws Exception {
    SOARecord now = soa(30);
    Record a = new ARecord(new Name("a", ZONE), DClass.IN, 10, InetAddress.getByName("10.0.0.1"));
    Record b = new ARecord(new Name("b", ZONE), DClass.IN, 10, InetAddress.getByName("10.0.0.2"));

    List<Record> out =
        IncrementalTransfer.records(
            now,
            List.of(
                new ZoneDiff(10, 20, List.of(a), List.of(b)),
                new ZoneDiff(20, 30, List.of(b), List.of())));

    assertThat(out).containsExactly(now, soa(10), a, soa(20), b, soa(20), b, soa(30), now);
  }

  @Test
  void serialsCompareModulo2To32() {
    assertThat(IncrementalTransfer.isOlder(1, 2)).isTrue();
    assertThat(IncrementalTransfer.isOlder(2, 2)).isFalse();
    assertThat(IncrementalTransfer.isOlder(3, 2)).isFalse();
    assertThat(IncrementalTransfer.isOlder(0xffffffffL, 1)).as("across the wrap").isTrue();
    assertThat(IncrementalTransfer.isOlder(1, 0xffffffffL)).isFalse();
  }

  private static SOARecord soa(long serial) {
    return new SOARecord(
        ZONE,
        DClass.IN,
        10,
        Name.fromConstantString("ns.svc.cluster.local."),
        Name.fromConstantString("hostmaster.svc.cluster.local."),
        serial,
        3600,
        600,
        86400,
        10);
  }
}
