package dev.wayfinder.diagnostics;

import java.util.concurrent.TimeUnit;

/** Step durations from {@link System#nanoTime()}, which wall-clock changes do not move. */
final class Timing {
  private Timing() {}

  static long msSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
