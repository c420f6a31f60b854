package dev.wayfinder.dns.forward;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * A reusable, mutable probe for the answer cache: it points at the caller's name buffer instead of
 * copying it, and is equal to the {@link CacheKey} of the same question (same hash), so a cache hit
 * allocates no key. One per thread; it is only ever passed to a lookup, never stored in the cache.
 */
final class LookupKey {
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

  private LookupKey() {}

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
