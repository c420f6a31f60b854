package dev.wayfinder.dns.forward;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * A reusable, mutable probe for the answer cache: it points at the caller's name buffer instead of
 * copying it, and is equal to the {@link CacheKey} of the same question (same hash), so a cache hit
 * allocates no key. One per thread; it is only ever passed to a lookup, never stored in the cache.
 */
final class LookupKey {
  /** How many of a thread's hits make one the eviction policy sees; a power of two. */
  static final int RECORDED_READ_EVERY = 16;

  private static final FastThreadLocal<LookupKey> PER_THREAD =
      new FastThreadLocal<>() {
        @Override
        protected LookupKey initialValue() {
          return new LookupKey();
        }
      };

  private byte[] name;
  private int length;
  private int qtype;
  private int qclass;
  private int hash;

  /** This thread's hits so far, for {@link #recordThisRead}. */
  private int reads;

  private LookupKey() {}

  /**
   * Whether this look-up should be one the cache's eviction policy sees: one in {@value
   * #RECORDED_READ_EVERY}. Caffeine records each read in a buffer that a pool thread drains into
   * its frequency sketch and LRU order, work on every hit for the serving thread and again for the
   * pool thread (docs/performance.md). A sample keeps the popular names the frequent ones (the
   * sketch only compares counts, and Caffeine's read buffer already drops reads when it is busy),
   * so eviction under pressure still keeps them.
   */
  boolean recordThisRead() {
    return (++reads & (RECORDED_READ_EVERY - 1)) == 0;
  }

  /**
   * This thread's probe, pointed at a question. Valid until the thread's next call; the caller must
   * not change {@code name} meanwhile.
   */
  static LookupKey of(byte[] name, int length, int qtype, int qclass) {
    LookupKey key = PER_THREAD.get();
    key.name = name;
    key.length = length;
    key.qtype = qtype;
    key.qclass = qclass;
    key.hash = CacheKey.hash(name, length, qtype, qclass);
    return key;
  }

  /** Drops the reference to the caller's buffer. */
  void clear() {
    name = null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CacheKey stored && stored.matches(name, length, qtype, qclass, hash);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "LookupKey[" + length + " bytes, type " + qtype + ", class " + qclass + "]";
  }
}
