package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.RateLimitConfig;
import dev.wayfinder.registry.IpLiteral;
import org.junit.jupiter.api.Test;

/** Both buckets together, on the real clock: what each limit lets through at once. */
class ResponseRateLimitTest {
  private static int answered(ResponseRateLimit limit, String source, int queries) {
    int n = 0;
    for (int i = 0; i < queries; i++) {
      n += limit.verdict(IpLiteral.toAddress(source)) == SourceBuckets.ANSWER ? 1 : 0;
    }
    return n;
  }

  @Test
  void offIsNoLimitAtAll() {
    assertThat(ResponseRateLimit.of(RateLimitConfig.OFF)).isNull();
    assertThat(ResponseRateLimit.of(new RateLimitConfig(0, 0, 50, 1))).isNull();
  }

  @Test
  void theGlobalBurstIsOneSecondsWorthOverAllSources() {
    ResponseRateLimit limit = ResponseRateLimit.of(new RateLimitConfig(1000, 0, 0, 2));
    int n = answered(limit, "10.0.0.1", 700) + answered(limit, "10.9.9.9", 700);
    // 1,000 at once, and at most a few more refilled while the loop runs.
    assertThat(n).isBetween(1000, 1100);
  }

  @Test
  void aSourceOverItsLimitDoesNotSpendTheGlobalBucket() {
    ResponseRateLimit limit = ResponseRateLimit.of(new RateLimitConfig(100, 10, 10, 0));
    assertThat(answered(limit, "10.0.0.1", 1000)).isBetween(10, 15);
    assertThat(answered(limit, "10.0.1.1", 10)).isEqualTo(10);
  }

  @Test
  void aZeroBurstIsTheRate() {
    ResponseRateLimit limit = ResponseRateLimit.of(new RateLimitConfig(0, 50, 0, 2));
    assertThat(answered(limit, "10.0.0.1", 500)).isBetween(50, 55);
  }
}
