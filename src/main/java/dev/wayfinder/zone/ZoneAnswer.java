package dev.wayfinder.zone;

import java.util.Arrays;

/**
 * A response precomputed in wire format at snapshot build time, minus the parts that come from the
 * query. The server writes: a 12-byte header (ID and RD/CD from the query, QR, AA when {@link
 * #authoritative()}, {@link #rcode()}, QDCOUNT=1 and the three counts here), then the query's
 * question bytes exactly as received (preserving the asker's letter case), then one of the tails
 * ({@link #tailArray()} from {@link #tailOffset(int)}, {@link #tailLength(int)} bytes), then an OPT
 * record if the query had one (incrementing ARCOUNT).
 *
 * <p>Compression pointers in a tail refer to the question at offset 12 (RFC 1035 4.1.4); that is
 * valid because every query that reaches a given answer has a question of exactly the same length.
 * Tails that hold no pointer into the question (negative answers) are shared across names.
 *
 * <p>Variants are the same records in different orders (round-robin shuffle); callers pick one per
 * answer with a cheap counter (the {@code seed}).
 *
 * <p>The answers a snapshot holds are rows of its flat arrays, not objects: {@link
 * ZoneSnapshot#find} returns a per-thread view of one, valid until the same thread's next lookup
 * (the server composes the reply at once). {@link #detached()} makes a copy to keep.
 */
public final class ZoneAnswer {
  /** Marker: this question needs the general (dnsjava) path, {@link ZoneSnapshot#answer}. */
  public static final ZoneAnswer SLOW = new ZoneAnswer(0, false, 0, 0, 0, new byte[][] {{}});

  /** A snapshot's per-thread view (refilled by each lookup), not a fixed answer. */
  private final boolean view;

  private int rcode;
  private boolean authoritative;
  private int ancount;
  private int nscount;
  private int arcount;
  private int variants;

  /** Variant tails are of unequal length: {@link #at} is a table of (position, length) pairs. */
  private boolean table;

  private byte[] bytes;
  private int at;
  private int length;

  /** Bytes from one variant's start to the next's, without a table (less than length: windows). */
  private int stride;

  /** An empty view, filled by a snapshot. */
  ZoneAnswer() {
    this.view = true;
  }

  /**
   * A fixed answer.
   *
   * @param rcode RFC 1035 RCODE (0 NOERROR, 3 NXDOMAIN, ...)
   * @param authoritative set AA
   * @param ancount answer records in each tail
   * @param nscount authority records in each tail
   * @param arcount additional records in each tail (not counting OPT)
   * @param variants at least one tail; all hold the same records
   */
  public ZoneAnswer(
      int rcode, boolean authoritative, int ancount, int nscount, int arcount, byte[][] variants) {
    if (variants.length == 0) {
      throw new IllegalArgumentException("at least one variant");
    }
    this.view = false;
    int total = 0;
    for (byte[] v : variants) {
      total += v.length;
    }
    byte[] block = new byte[total + 8 * variants.length];
    int pos = 0;
    for (int v = 0; v < variants.length; v++) {
      System.arraycopy(variants[v], 0, block, pos, variants[v].length);
      putInt(block, total + 8 * v, pos);
      putInt(block, total + 8 * v + 4, variants[v].length);
      pos += variants[v].length;
    }
    set(rcode, authoritative, ancount, nscount, arcount);
    point(variants.length, true, block, total, 0, 0);
  }

  void set(int rcode, boolean authoritative, int ancount, int nscount, int arcount) {
    this.rcode = rcode;
    this.authoritative = authoritative;
    this.ancount = ancount;
    this.nscount = nscount;
    this.arcount = arcount;
  }

  /**
   * Where the tails are: {@code variants} tails of {@code length} bytes from {@code at}, each
   * {@code stride} bytes after the one before (back to back when it is the length, overlapping
   * windows of one record sequence when less), or with {@code table}, a table of {@code variants}
   * (position, length) pairs at {@code at}.
   */
  void point(int variants, boolean table, byte[] bytes, int at, int length, int stride) {
    this.variants = variants;
    this.table = table;
    this.bytes = bytes;
    this.at = at;
    this.length = length;
    this.stride = stride;
  }

  public int rcode() {
    return rcode;
  }

  public boolean authoritative() {
    return authoritative;
  }

  public int ancount() {
    return ancount;
  }

  public int nscount() {
    return nscount;
  }

  public int arcount() {
    return arcount;
  }

  public int variantCount() {
    return variants;
  }

  /** The array every tail of this answer is in. */
  public byte[] tailArray() {
    return bytes;
  }

  /** Where the tail for {@code seed} (any int; reduced modulo the variant count) starts. */
  public int tailOffset(int seed) {
    int v = Math.floorMod(seed, variants);
    return table ? getInt(bytes, at + 8 * v) : at + v * stride;
  }

  /** The length of the tail for {@code seed}. */
  public int tailLength(int seed) {
    return table ? getInt(bytes, at + 8 * Math.floorMod(seed, variants) + 4) : length;
  }

  /** The tail for {@code seed}, copied out: for tests and the slow path. */
  public byte[] variant(int seed) {
    int from = tailOffset(seed);
    return Arrays.copyOfRange(bytes, from, from + tailLength(seed));
  }

  /** A copy that stays valid after the next lookup (fixed answers are returned as they are). */
  public ZoneAnswer detached() {
    if (!view) {
      return this;
    }
    byte[][] tails = new byte[variants][];
    for (int v = 0; v < variants; v++) {
      tails[v] = variant(v);
    }
    return new ZoneAnswer(rcode, authoritative, ancount, nscount, arcount, tails);
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24
        | (b[at + 1] & 0xff) << 16
        | (b[at + 2] & 0xff) << 8
        | b[at + 3] & 0xff;
  }

  static void putInt(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }
}
