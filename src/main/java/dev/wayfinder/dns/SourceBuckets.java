package dev.wayfinder.dns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One token bucket ({@link Gcra}) per source, a source being an IPv4 /24 or an IPv6 /56, in a table
 * of fixed size shared by every event loop: {@value #SETS} sets of {@value #WAYS} entries (65,536
 * sources, 1 MiB), allocated once, so a flood of spoofed sources cannot grow it. Each entry is two
 * {@code long}s: the source's key (with its count of limited answers in the top bits, for the slip)
 * and its bucket's TAT; a set's four entries are 64 bytes, so a look-up reads about one cache line.
 *
 * <p>A source's set is chosen by a hash of its key mixed with a random seed of the table, so a
 * flooder cannot aim at a victim's set. A source not in its set replaces the first entry whose
 * bucket is full (it says nothing a fresh entry would not), else the one closest to full: eviction
 * loses as little as it can, and losing an entry only ever gives that source a fresh bucket.
 *
 * <p>No locks: the TAT and the slip count are each compared and set atomically. Two loops that
 * insert in the same set at once may charge one answer to the wrong source or keep a source twice
 * for a while; a limit one answer off is the price of no lock on the query path.
 */
final class SourceBuckets {
  /** The verdicts of {@link #admit}. */
  static final int ANSWER = 0;

  static final int DROP = 1;
  static final int SLIP = 2;

  static final int WAYS = 4;
  private static final int SET_BITS = 14;
  static final int SETS = 1 << SET_BITS;

  /** A key's top bits: bit 56 for IPv4, bit 57 for IPv6, so no key is 0 (an empty entry). */
  private static final long IPV4 = 1L << 56;

  /** The tag of IPv4 keys: {@code IPV4_KEY_TAG | n} is the n-th /24 (tests). */
  static final long IPV4_KEY_TAG = IPV4;

  private static final long IPV6 = 2L << 56;

  /** The slip count sits above the key. */
  private static final int COUNT_SHIFT = 58;

  private static final long KEY_MASK = (1L << COUNT_SHIFT) - 1;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] slots = new long[SETS * WAYS * 2];
  private final Gcra bucket;
  private final int slip;
  private final long seed;

  /**
   * @param slip every {@code slip}-th limited answer of a source slips (0: none, 1: all)
   * @param seed mixed into the hash that places sources
   */
  SourceBuckets(Gcra bucket, int slip, long seed) {
    this.bucket = bucket;
    this.slip = slip;
    this.seed = seed;
  }

  /**
   * The source of {@code address}: its /24 (IPv4) or /56 (IPv6) with the family in the top bits.
   * For IPv4 the address is read from {@link Inet4Address#hashCode()}, which is the address itself
   * ({@code SourceBucketsTest} pins that), since {@link InetAddress#getAddress()} copies it into a
   * new array on each call.
   */
  static long key(InetAddress address) {
    if (address instanceof Inet4Address) {
      return IPV4 | (address.hashCode() >>> 8);
    }
    byte[] b = address.getAddress();
    long k = 0;
    for (int i = 0; i < 7; i++) {
      k = k << 8 | (b[i] & 0xFF);
    }
    return IPV6 | k;
  }

  /**
   * Charges one answer at {@code now} to the source {@code key}.
   *
   * @return {@link #ANSWER} when its bucket allowed it; over the limit {@link #SLIP} for every
   *     slip-th of the source's limited answers and {@link #DROP} for the rest
   */
  int admit(long key, long now) {
    int base = set(key) * WAYS * 2;
    for (int i = base; i < base + WAYS * 2; i += 2) {
      if (((long) SLOT.getVolatile(slots, i) & KEY_MASK) == key) {
        return charge(i, key, now);
      }
    }
    insert(base, key, now);
    return ANSWER;
  }

  private int set(long key) {
    return (int) (((key ^ seed) * 0x9E3779B97F4A7C15L) >>> (64 - SET_BITS));
  }

  private int charge(int i, long key, long now) {
    while (true) {
      long tat = (long) SLOT.getVolatile(slots, i + 1);
      if (!bucket.conforms(tat, now)) {
        return overLimit(i, key);
      }
      if (SLOT.compareAndSet(slots, i + 1, tat, bucket.charge(tat, now))) {
        return ANSWER;
      }
    }
  }

  private int overLimit(int i, long key) {
    if (slip <= 1) {
      return slip == 0 ? DROP : SLIP;
    }
    while (true) {
      long word = (long) SLOT.getVolatile(slots, i);
      if ((word & KEY_MASK) != key) {
        return DROP; // replaced meanwhile
      }
      long count = (word >>> COUNT_SHIFT) + 1;
      boolean turn = count >= slip;
      if (SLOT.compareAndSet(slots, i, word, turn ? key : key | count << COUNT_SHIFT)) {
        return turn ? SLIP : DROP;
      }
    }
  }

  /** A new source in its set, charged one answer from a full bucket. */
  private void insert(int base, long key, long now) {
    int victim = base;
    long closest = Long.MAX_VALUE;
    for (int i = base; i < base + WAYS * 2; i += 2) {
      long tat = (long) SLOT.getVolatile(slots, i + 1);
      if ((long) SLOT.getVolatile(slots, i) == 0 || Gcra.full(tat, now)) {
        victim = i;
        break;
      }
      long ahead = tat - now;
      if (ahead < closest) {
        closest = ahead;
        victim = i;
      }
    }
    SLOT.setVolatile(slots, victim + 1, bucket.charge(now, now));
    SLOT.setVolatile(slots, victim, key);
  }

  /** Sources held (for tests: at most {@link #SETS} × {@link #WAYS}). */
  int size() {
    int n = 0;
    for (int i = 0; i < slots.length; i += 2) {
      if ((long) SLOT.getVolatile(slots, i) != 0) {
        n++;
      }
    }
    return n;
  }
}
