package dev.wayfinder.config;

/**
 * The {@code dns.rate_limit:} section: response rate limiting of UDP answers. A rate of zero turns
 * that limit off (the default for both).
 *
 * @param globalRps answers per second for the whole server; its burst is one second's worth
 * @param perSourceRps answers per second per source (an IPv4 /24 or an IPv6 /56)
 * @param perSourceBurst answers a quiet source may get at once; 0 means {@code perSourceRps}
 * @param slip of a source's answers over its limit, every {@code slip}-th goes out empty with TC
 *     set and the rest are dropped (0: all dropped, 1: all TC; default 2)
 */
public record RateLimitConfig(int globalRps, int perSourceRps, int perSourceBurst, int slip) {

  /** The default slip, BIND's. */
  public static final int DEFAULT_SLIP = 2;

  /** The largest slip accepted (BIND's bound). */
  public static final int MAX_SLIP = 10;

  /** No limit: the default. */
  public static final RateLimitConfig OFF = new RateLimitConfig(0, 0, 0, DEFAULT_SLIP);

  /** True when neither limit is on. */
  public boolean off() {
    return globalRps == 0 && perSourceRps == 0;
  }

  /** The per-source burst in effect: {@code perSourceBurst}, or the rate when that is 0. */
  public int effectiveBurst() {
    return perSourceBurst > 0 ? perSourceBurst : perSourceRps;
  }
}
