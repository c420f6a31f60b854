package dev.wayfinder.registry;

/** The range of a TTL: 32-bit unsigned on the wire, at most 2^31-1 by RFC 2181 section 8. */
public final class Ttls {
  public static final long MAX = 2147483647L;

  private Ttls() {}

  /**
   * Returns {@code ttl} when it is 0 to {@link #MAX}.
   *
   * @throws IllegalArgumentException with a message fit for a config or API error
   */
  public static long check(long ttl) {
    if (ttl < 0 || ttl > MAX) {
      throw new IllegalArgumentException("a ttl must be 0 to " + MAX + ": " + ttl);
    }
    return ttl;
  }
}
