package dev.wayfinder.dns;

import static dev.wayfinder.dns.SourceBuckets.ANSWER;
import static dev.wayfinder.dns.SourceBuckets.DROP;
import static dev.wayfinder.dns.SourceBuckets.SLIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.registry.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-source buckets on a clock the test moves: rates, bursts, the slip, the bound. */
class SourceBucketsTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 123_456_789L;

  private static long key(String ip) {
    return SourceBuckets.key(IpLiteral.toAddress(ip));
  }

  private static List<Integer> admit(SourceBuckets b, long key, long now, int times) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(b.admit(key, now));
    }
    return out;
  }

  @Test
  void aQuietSourceGetsItsBurstAtOnceThenTheRate() {
    SourceBuckets b = new SourceBuckets(Gcra.of(10, 5), 0, 42);
    long k = key("192.0.2.7");

    assertThat(admit(b, k, T0, 6)).containsExactly(ANSWER, ANSWER, ANSWER, ANSWER, ANSWER, DROP);
    assertThat(b.admit(k, T0 + SECOND / 10 - 1)).isEqualTo(DROP);
    assertThat(b.admit(k, T0 + SECOND / 10)).isEqualTo(ANSWER);
    assertThat(b.admit(k, T0 + SECOND / 10)).isEqualTo(DROP);
    // A second of quiet refills the bucket to its burst, no further.
    assertThat(admit(b, k, T0 + 5 * SECOND, 6))
        .containsExactly(ANSWER, ANSWER, ANSWER, ANSWER, ANSWER, DROP);
  }

  @Test
  void aFloodGetsTheBurstPlusTheRatePerSecond() {
    SourceBuckets b = new SourceBuckets(Gcra.of(100, 100), 0, 42);
    long k = key("192.0.2.7");
    int answered = 0;
    for (long t = 0; t < 2 * SECOND; t += SECOND / 1000) { // 2,000 queries over 2 s
      answered += b.admit(k, T0 + t) == ANSWER ? 1 : 0;
    }
    assertThat(answered).isBetween(299, 301);
  }

  @Test
  void slipTwoSendsEveryOtherLimitedAnswerAsTc() {
    SourceBuckets b = new SourceBuckets(Gcra.of(1, 1), 2, 42);
    long k = key("192.0.2.7");

    assertThat(admit(b, k, T0, 7)).containsExactly(ANSWER, DROP, SLIP, DROP, SLIP, DROP, SLIP);
  }

  @Test
  void slipZeroDropsAllAndSlipOneSlipsAll() {
    long k = key("192.0.2.7");
    assertThat(admit(new SourceBuckets(Gcra.of(1, 1), 0, 42), k, T0, 4))
        .containsExactly(ANSWER, DROP, DROP, DROP);
    assertThat(admit(new SourceBuckets(Gcra.of(1, 1), 1, 42), k, T0, 4))
        .containsExactly(ANSWER, SLIP, SLIP, SLIP);
    assertThat(admit(new SourceBuckets(Gcra.of(1, 1), 3, 42), k, T0, 7))
        .containsExactly(ANSWER, DROP, DROP, SLIP, DROP, DROP, SLIP);
  }

  @Test
  void aSourceIsAnIpv4Slash24OrAnIpv6Slash56() {
    assertThat(key("10.1.2.3")).isEqualTo(key("10.1.2.254"));
    assertThat(key("10.1.2.3")).isNotEqualTo(key("10.1.3.3"));
    assertThat(key("2001:db8:0:ff::1")).isEqualTo(key("2001:db8:0:1::2"));
    assertThat(key("2001:db8:0:ff::1")).isNotEqualTo(key("2001:db8:0:100::1"));
    assertThat(key("0.0.0.1")).isNotEqualTo(key("::1")).isNotZero();
  }

  @Test
  void anIpv4AddressHashIsTheAddress() throws Exception {
    for (String ip :
        List.of("0.0.0.0", "10.1.2.3", "127.0.0.2", "192.0.2.255", "255.255.255.255")) {
      InetAddress a = IpLiteral.toAddress(ip);
      assertThat(a).isInstanceOf(Inet4Address.class);
      assertThat(a.hashCode()).isEqualTo(ByteBuffer.wrap(a.getAddress()).getInt());
    }
  }

  @Test
  void theTableIsBoundedAndAFlooderOutlivesPassingSources() {
    // The flooder's bucket is 5 s from full; each passer's 1 s.
    SourceBuckets b = new SourceBuckets(Gcra.of(1, 5), 0, 42);
    long flooder = key("198.51.100.1");
    assertThat(admit(b, flooder, T0, 1000)).endsWith(DROP);

    for (int i = 0; i < 200_000; i++) { // each its own /24, one query each
      b.admit(SourceBuckets.IPV4_KEY_TAG | i, T0);
    }

    assertThat(b.size()).isEqualTo(SourceBuckets.SETS * SourceBuckets.WAYS);
    assertThat(b.admit(flooder, T0)).isEqualTo(DROP);
  }
}
