package dev.wayfinder.zone;

/**
 * A response precomputed in wire format at snapshot build time, minus the parts that come from the
 * query. The server writes: a 12-byte header (ID and RD/CD from the query, QR, AA when {@link
 * #authoritative()}, {@link #rcode()}, QDCOUNT=1 and the three counts here), then the query's
 * question bytes exactly as received (preserving the asker's letter case), then one of the {@link
 * #variant(int) tails}, then an OPT record if the query had one (incrementing ARCOUNT).
 *
 * <p>Compression pointers in a tail refer to the question at offset 12 (RFC 1035 4.1.4); that is
 * valid because every query that reaches a given answer has a question of exactly the same length.
 * Tails that hold no pointer into the question (negative answers) are shared across names.
 *
 * <p>Variants are the same records in different orders (round-robin shuffle); callers pick one per
 * answer with a cheap counter.
 */
public final class ZoneAnswer {
  /** Marker: this question needs the general (dnsjava) path, {@link ZoneSnapshot#answer}. */
  public static final ZoneAnswer SLOW = new ZoneAnswer(0, false, 0, 0, 0, new byte[][] {{}});

  private final int rcode;
  private final boolean authoritative;
  private final int ancount;
  private final int nscount;
  private final int arcount;
  private final byte[][] variants;

  /**
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
    this.rcode = rcode;
    this.authoritative = authoritative;
    this.ancount = ancount;
    this.nscount = nscount;
    this.arcount = arcount;
    this.variants = variants;
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
    return variants.length;
  }

  /** The tail for {@code seed} (any int; reduced modulo the variant count). */
  public byte[] variant(int seed) {
    return variants[Math.floorMod(seed, variants.length)];
  }
}
