package dev.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wayfinder.publish.Rfc2136Calls;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.xbill.DNS.TSIG;

/**
 * Arbitrary bytes as a primary's replies to the RFC 2136 publisher, over real TCP on loopback: the
 * first byte picks the exchange (even: an UPDATE, odd: the read-back, an A then an AAAA query), the
 * rest is the primary's TCP stream of length-prefixed replies, each given the ID of the query it
 * answers. Every exchange ends in success or in the publisher's documented failure (its result word
 * for metrics), never in another exception, and never waits out the timeout. The publisher signs
 * with a TSIG key, so it takes no reply that is not signed by it as a success.
 */
class Rfc2136ReplyFuzzTest {
  private static final TSIG KEY =
      new TSIG(TSIG.HMAC_SHA256, "pub-key.", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==");

  /**
   * The stub answers at once, so a timeout means the client waited for a reply it would never take;
   * generous, so a loaded machine is not mistaken for that.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static ReplyStub primary;

  @BeforeAll
  static void start() throws Exception {
    primary = new ReplyStub();
  }

  @AfterAll
  static void stop() throws Exception {
    primary.close();
  }

  @FuzzTest(maxDuration = "30s")
  void primaryReply(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    primary.replyWith(Arrays.copyOfRange(input, 1, input.length));
    String result =
        (input[0] & 1) == 0
            ? Rfc2136Calls.update(primary.address(), KEY, TIMEOUT)
            : Rfc2136Calls.read(primary.address(), KEY, TIMEOUT);
    assertThat(result).as("the exchange's result").isNotBlank().isNotEqualTo("timeout");
    assertThat(result).as("an unsigned reply taken as success").doesNotStartWith("ok");
  }
}
