package dev.wayfinder.dns;

/**
 * A token bucket kept as one number, the generic cell rate algorithm (ITU-T I.371): instead of a
 * token count and a refill time, a bucket holds its theoretical arrival time (TAT), the moment it
 * would be full again. An answer at {@code now} conforms when the TAT is at most {@code tolerance}
 * ahead of {@code now}; it then moves the TAT one {@code interval} later. One {@code long} per
 * bucket can be compared and set atomically, which is what lets {@link SourceBuckets} share its
 * table between event loops without locks.
 *
 * <p>A bucket of {@code burst} tokens refilled at {@code rate} per second is {@code interval = 1 s
 * / rate} and {@code tolerance = (burst - 1) * interval}: a full bucket allows {@code burst}
 * answers at once, then one per interval. Times are {@link System#nanoTime()} values, compared by
 * difference.
 *
 * @param interval nanoseconds per token
 * @param tolerance how far ahead of now the TAT may be for an answer to conform
 */
record Gcra(long interval, long tolerance) {
  private static final long SECOND = 1_000_000_000L;

  /** The bucket for {@code rate} tokens per second, holding {@code burst} (at least 1). */
  static Gcra of(int rate, int burst) {
    long interval = SECOND / rate;
    return new Gcra(interval, (Math.max(burst, 1) - 1) * interval);
  }

  /** True when an answer at {@code now} conforms to a bucket whose TAT is {@code tat}. */
  boolean conforms(long tat, long now) {
    return tat - now <= tolerance;
  }

  /** The TAT after a conforming answer at {@code now}. */
  long charge(long tat, long now) {
    return (tat - now > 0 ? tat : now) + interval;
  }

  /** True when a bucket whose TAT is {@code tat} is full at {@code now}: its state says nothing. */
  static boolean full(long tat, long now) {
    return tat - now <= 0;
  }
}
