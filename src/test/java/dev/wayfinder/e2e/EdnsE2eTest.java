package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.BIG_ENDPOINTS;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.DigResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC.md's wire paragraph: EDNS(0) echoed with the server's 1232-byte buffer (RFC 6891 §6.2.3),
 * BADVERS for an unknown EDNS version (§6.1.3), TC over UDP and the full answer over TCP (RFC 1035
 * §4.2.1, RFC 7766).
 */
class EdnsE2eTest extends SharedDaemonTest {

  @ParameterizedTest(name = "client bufsize {0} -> OPT 1232")
  @ValueSource(ints = {512, 1232, 4096})
  void ednsQueryGetsOptWithTheServerBuffer(int clientBuffer) {
    DigResult r = dig.dig(fqdn("web"), "A", "+bufsize=" + clientBuffer);

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.ednsUdpSize()).as(r.raw()).isEqualTo(1232);
  }

  @Test
  void queryWithoutEdnsGetsNoOpt() {
    DigResult r = dig.dig(fqdn("web"), "A", "+noedns");

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.hasEdns()).as(r.raw()).isFalse();
    assertThat(r.answers("A")).hasSize(2);
  }

  @Test
  void nxdomainAndNodataEchoOptToo() {
    DigResult nx = dig.dig(fqdn("nope"), "A", "+bufsize=1232");
    DigResult nodata = dig.dig(fqdn("v4only"), "AAAA", "+bufsize=1232");

    assertThat(nx.ednsUdpSize()).as(nx.raw()).isEqualTo(1232);
    assertThat(nodata.ednsUdpSize()).as(nodata.raw()).isEqualTo(1232);
  }

  @Test
  void bigAnswerOverUdpWithoutEdnsIsTruncated() {
    // +ignore: show the truncated UDP answer instead of retrying over TCP.
    DigResult r = dig.dig(fqdn("big"), "A", "+noedns", "+ignore");

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.truncated()).as(r.raw()).isTrue();
    assertThat(r.answer().size()).isLessThan(BIG_ENDPOINTS);
  }

  @Test
  void bigAnswerOverUdpIsTruncatedAtTheEdnsBufferToo() {
    DigResult r = dig.dig(fqdn("big"), "A", "+bufsize=1232", "+ignore");

    assertThat(r.truncated()).as(r.raw()).isTrue();
    assertThat(r.answer().size()).isLessThan(BIG_ENDPOINTS);
  }

  @Test
  void digRetriesTheTruncatedAnswerOverTcpAndGetsItAll() {
    DigResult r = dig.dig(fqdn("big"), "A", "+noedns");

    assertThat(r.truncated()).as(r.raw()).isFalse();
    assertThat(r.answers("A")).as(r.raw()).hasSize(BIG_ENDPOINTS);
  }

  @Test
  void bigAnswerOverTcpIsComplete() {
    DigResult r = dig.dig(fqdn("big"), "A", "+tcp");

    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.truncated()).isFalse();
    assertThat(r.answers("A")).as(r.raw()).hasSize(BIG_ENDPOINTS).doesNotHaveDuplicates();
  }

  @Test
  void kdigOverTcpGetsTheWholeAnswer() {
    DigResult big = dig.kdig(fqdn("big"), "A", "+tcp");
    DigResult web = dig.kdig(fqdn("web"), "AAAA", "+tcp");

    assertThat(big.status()).as(big.raw()).isEqualTo("NOERROR");
    assertThat(big.answers("A")).as(big.raw()).hasSize(BIG_ENDPOINTS);
    assertThat(web.authoritative()).isTrue();
    assertThat(web.answers("AAAA")).containsExactly("fd00::1");
  }

  @Test
  void kdigOverUdpSeesTheEdnsBuffer() {
    DigResult r = dig.kdig(fqdn("web"), "A", "+bufsize=1232");

    assertThat(r.ednsUdpSize()).as(r.raw()).isEqualTo(1232);
    assertThat(r.answers("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
  }

  @Test
  void unknownEdnsVersionIsBadvers() {
    // +noednsneg: report the BADVERS instead of retrying with version 0.
    DigResult r = dig.dig(fqdn("web"), "A", "+edns=1", "+noednsneg");
    DigResult k = dig.kdig(fqdn("web"), "A", "+edns=1");

    assertThat(r.status()).as(r.raw()).isEqualTo("BADVERS");
    assertThat(r.answer()).isEmpty();
    assertThat(r.ednsUdpSize()).isEqualTo(1232);
    assertThat(k.status()).as(k.raw()).isEqualTo("BADVERS");
  }
}
