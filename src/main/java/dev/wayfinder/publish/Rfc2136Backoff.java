package dev.wayfinder.publish;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for one target's retries: the n-th consecutive failure waits a
 * random time between half and all of {@code min(cap, base * 2^n)}. A success starts over.
 */
final class Rfc2136Backoff {
  private final long baseMillis;
  private final long capMillis;
  private int failures;

  Rfc2136Backoff(Duration base, Duration cap) {
    this.baseMillis = Math.max(1, base.toMillis());
    this.capMillis = Math.max(baseMillis, cap.toMillis());
  }

  /** The delay before the next try after one more failure. */
  Duration next() {
    long full = baseMillis << Math.min(failures, 20);
    failures++;
    long ceiling = Math.min(capMillis, full);
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  void reset() {
    failures = 0;
  }
}
