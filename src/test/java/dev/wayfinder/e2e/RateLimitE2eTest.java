package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.ZONE;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * {@code dns.rate_limit} against a real daemon over loopback: floods from one source address (each
 * 127.0.N.0/24 is its own source; the daemon listens on 127.0.0.1) get the burst plus the rate, the
 * rest dropped or slipped as empty TC replies; {@code dig} gets its answer over TCP after a slip;
 * other sources and TCP are not limited; the global limit; the metrics; and the default, no limit.
 * Figures allow for a shared, noisy machine: a flood's answers are bounded by its measured length,
 * not by a fixed count, and counts that must be exact are the server's (a stalled client may lose
 * replies in its own socket buffer; it never gains any).
 */
class RateLimitE2eTest {
  private static final String DROP = "wayfinder_dns_rate_limited_total{action=\"drop\"}";
  private static final String SLIP = "wayfinder_dns_rate_limited_total{action=\"slip\"}";
  private static final String ANSWERED =
      "wayfinder_dns_requests_total{proto=\"udp\",type=\"A\",zone=\"" + ZONE + "\"}";

  @TempDir Path dir;
  RunningDaemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private void start(String rateLimit) throws Exception {
    E2eConfig config = new E2eConfig(dir.resolve("data"));
    if (rateLimit != null) {
      config.rateLimit(rateLimit);
    }
    daemon = RunningDaemon.start(config.yaml() + "query_log: {mode: \"off\"}\n");
  }

  private UdpFlood.Tally flood(String source, int perSecond, Duration length) throws Exception {
    try (UdpFlood f = new UdpFlood(daemon.dnsAddress(), source)) {
      return f.run(RawDns.queryA(fqdn("web")).toWire(), perSecond, length);
    }
  }

  private ScrapedMetrics metrics() {
    return ScrapedMetrics.parse(daemon.daemon().metrics().scrape());
  }

  @Test
  void aFloodFromOneSourceGetsTheBurstAndTheRateAndEveryOtherLimitedAnswerSlips() throws Exception {
    start("{per_source_rps: 50, per_source_burst: 50, slip: 2}");

    UdpFlood.Tally t = flood("127.0.10.1", 1000, Duration.ofSeconds(1));

    assertThat(t.other()).as("%s", t).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ScrapedMetrics m = metrics();
              double answered = m.value(ANSWERED);
              assertThat(answered + m.value(SLIP) + m.value(DROP)).isEqualTo(t.sent());
              assertThat(answered).as("%s", t).isBetween(50.0, 50 + 50 * t.seconds() + 2);
              double limited = t.sent() - answered;
              assertThat(m.value(SLIP)).isBetween(limited / 2 - 1, limited / 2 + 1);
              assertThat(t.answered()).isLessThanOrEqualTo((int) answered);
              assertThat(t.slipped()).isLessThanOrEqualTo((int) m.value(SLIP));
              assertThat(m.value("wayfinder_dns_dropped_total{proto=\"udp\"}")).isZero();
            });
    assertThat(t.slipped()).as("%s: the slips arrived", t).isPositive();
  }

  @Test
  void digGetsItsAnswerOverTcpAfterASlipAndTcpIsNeverLimited() throws Exception {
    start("{per_source_rps: 1, per_source_burst: 1, slip: 1}");
    UdpFlood.Tally t = flood("127.0.20.1", 500, Duration.ofMillis(200));
    assertThat(t.answered()).as("%s", t).isBetween(0, 2);

    DigResult r = daemon.client().dig(fqdn("web"), "A", "-b", "127.0.20.2");

    assertThat(r.raw()).contains("Truncated, retrying in TCP mode");
    assertThat(r.status()).isEqualTo("NOERROR");
    assertThat(r.truncated()).isFalse();
    assertThat(r.answers("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress("127.0.20.3", 0));
      s.connect(daemon.dnsAddress(), 2000);
      s.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (int i = 0; i < 50; i++) {
        out.write(RawDns.framed(RawDns.queryA(fqdn("web")).toWire()));
        out.flush();
        Message reply = RawDns.readTcp(s);
        assertThat(reply.getSection(Section.ANSWER)).hasSize(2);
      }
    }
    String zone = "zone=\"" + ZONE + "\"";
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ScrapedMetrics m = metrics();
              assertThat(
                      m.value(
                          "wayfinder_dns_requests_total{proto=\"tcp\",type=\"A\"," + zone + "}"))
                  .isEqualTo(51);
              assertThat(m.value(ANSWERED)).isBetween(1.0, 2.0);
              assertThat(m.value(SLIP)).isEqualTo(t.sent() - m.value(ANSWERED) + 1);
              assertThat(m.value(DROP)).isZero();
            });
  }

  @Test
  void anotherSourceIsNotLimitedByTheFirstsFlood() throws Exception {
    start("{per_source_rps: 20, slip: 0}");
    UdpFlood.Tally first = flood("127.0.30.1", 1000, Duration.ofMillis(500));
    assertThat(first.answered()).as("%s", first).isLessThan(40);
    assertThat(first.slipped()).isZero();

    // 100 queries: more than the 20 of a burst and what refilled since.
    UdpFlood.Tally sameSlash24 = flood("127.0.30.77", 1000, Duration.ofMillis(100));
    // 15 queries: within a burst.
    UdpFlood.Tally other = flood("127.0.31.1", 100, Duration.ofMillis(150));

    assertThat(sameSlash24.answered()).as("%s", sameSlash24).isLessThan(60);
    assertThat(other.sent()).isEqualTo(15);
    assertThat(other.answered()).as("%s", other).isEqualTo(15);
  }

  @Test
  void theGlobalLimitDropsWhatPassesItAcrossSources() throws Exception {
    start("{global_rps: 100}");
    UdpFlood.Tally a;
    UdpFlood.Tally b;
    double seconds;
    try (UdpFlood fa = new UdpFlood(daemon.dnsAddress(), "127.0.40.1");
        UdpFlood fb = new UdpFlood(daemon.dnsAddress(), "127.0.41.1")) {
      byte[] q = RawDns.queryA(fqdn("web")).toWire();
      long start = System.nanoTime();
      a = fa.run(q, 1000, Duration.ofMillis(500));
      b = fb.run(q, 1000, Duration.ofMillis(500));
      seconds = (System.nanoTime() - start) / 1e9;
    }
    assertThat(a.slipped() + b.slipped()).as("the global limit only drops").isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ScrapedMetrics m = metrics();
              double answered = m.value(ANSWERED);
              assertThat(answered).as("%s %s", a, b).isBetween(100.0, 100 + 100 * seconds + 2);
              assertThat(answered + m.value(DROP)).isEqualTo(a.sent() + b.sent());
              assertThat(m.value(SLIP)).isZero();
            });
  }

  @Test
  void theDefaultLimitsNothing() throws Exception {
    start(null);
    UdpFlood.Tally t = flood("127.0.50.1", 2000, Duration.ofSeconds(1));

    assertThat(t.slipped() + t.other()).as("%s", t).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ScrapedMetrics m = metrics();
              assertThat(m.value(ANSWERED)).isEqualTo(t.sent());
              assertThat(m.value(DROP)).isZero();
              assertThat(m.value(SLIP)).isZero();
            });
  }
}
