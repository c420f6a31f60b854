package dev.wayfinder.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the n-th reconnect attempt in a row: doubling from 200 ms up to 2 s, with jitter
 * so nodes that lost etcd together do not all come back in the same instant. Short on purpose: a
 * node out of the cluster does not vote and may not publish, so it rejoins as soon as etcd answers.
 */
final class ReconnectDelay {
  static final Duration FIRST = Duration.ofMillis(200);
  static final Duration MAX = Duration.ofSeconds(2);

  private ReconnectDelay() {}

  /** The wait before attempt number {@code failures} (1 after the first failure). */
  static Duration after(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 10);
    long nominal = Math.min(MAX.toMillis(), FIRST.toMillis() << doublings);
    long jittered = nominal * 3 / 4 + ThreadLocalRandom.current().nextLong(nominal / 4 + 1);
    return Duration.ofMillis(jittered);
  }
}
