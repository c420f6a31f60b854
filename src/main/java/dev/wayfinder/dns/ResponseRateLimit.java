package dev.wayfinder.dns;

import dev.wayfinder.config.RateLimitConfig;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Response rate limiting of UDP answers ({@code dns.rate_limit}), as BIND's RRL does it: each
 * source (an IPv4 /24 or an IPv6 /56) has a token bucket of {@code per_source_rps} refilled per
 * second holding {@code per_source_burst}; of a source's answers over it, every {@code slip}-th
 * goes out empty with TC set, so a real client asks again over TCP, and the rest are dropped, so
 * the server cannot be aimed at a spoofed victim. The answers a source's bucket allows then pass a
 * global bucket of {@code global_rps} holding one second's worth; over it they are dropped. A
 * flooding source therefore uses up its own bucket, never the others' share of the global one.
 *
 * <p>Thread-safe and allocation-free: per-source state is {@link SourceBuckets}' fixed table, the
 * global bucket one {@link AtomicLong}. {@link #of} returns null when both limits are off, so the
 * query path's whole cost then is one null check ({@code RequestProcessor}).
 */
final class ResponseRateLimit {
  private final SourceBuckets sources;
  private final Gcra global;
  private final AtomicLong globalTat;

  private ResponseRateLimit(SourceBuckets sources, Gcra global) {
    this.sources = sources;
    this.global = global;
    this.globalTat = new AtomicLong(System.nanoTime());
  }

  /** The limit {@code config} describes, or null when it limits nothing. */
  static ResponseRateLimit of(RateLimitConfig config) {
    if (config.off()) {
      return null;
    }
    SourceBuckets sources =
        config.perSourceRps() == 0
            ? null
            : new SourceBuckets(
                Gcra.of(config.perSourceRps(), config.effectiveBurst()),
                config.slip(),
                ThreadLocalRandom.current().nextLong());
    Gcra global = config.globalRps() == 0 ? null : Gcra.of(config.globalRps(), config.globalRps());
    return new ResponseRateLimit(sources, global);
  }

  /**
   * Charges one answer to {@code source} now.
   *
   * @return {@link SourceBuckets#ANSWER}, {@link SourceBuckets#SLIP} or {@link SourceBuckets#DROP}
   */
  int verdict(InetAddress source) {
    long now = System.nanoTime();
    if (sources != null) {
      int v = sources.admit(SourceBuckets.key(source), now);
      if (v != SourceBuckets.ANSWER) {
        return v;
      }
    }
    return global == null || globalAdmits(now) ? SourceBuckets.ANSWER : SourceBuckets.DROP;
  }

  private boolean globalAdmits(long now) {
    while (true) {
      long tat = globalTat.get();
      if (!global.conforms(tat, now)) {
        return false;
      }
      if (globalTat.compareAndSet(tat, global.charge(tat, now))) {
        return true;
      }
    }
  }
}
