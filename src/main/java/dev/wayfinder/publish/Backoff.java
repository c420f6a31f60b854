package dev.wayfinder.publish;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry in a row waits between half and all of {@code
 * initial × 2^(n-1)}, and never more than {@link #MAX}, so a target that comes back is tried again
 * within 30 s and many targets failing together do not retry in step.
 *
 * @param initial the nominal wait before the first retry
 */
public record Backoff(Duration initial) {
  /** The longest wait between two tries (SPEC.md "Reload, publishing, shutdown"). */
  public static final Duration MAX = Duration.ofSeconds(30);

  /** What targets use unless a test asks for shorter waits. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500));

  /** The wait before retry number {@code failures} (1 after the first failure). */
  public Duration delay(int failures) {
    long cap = MAX.toMillis();
    int doublings = Math.min(Math.max(failures - 1, 0), 20);
    long nominal = Math.min(cap, initial.toMillis() << doublings);
    long jittered = nominal / 2 + ThreadLocalRandom.current().nextLong(nominal / 2 + 1);
    return Duration.ofMillis(Math.min(cap, jittered));
  }
}
