package dev.wayfinder.dns.forward;

import java.util.Arrays;

/**
 * The identity of a cached answer: the question name in lower-case wire format, its type and its
 * class (RFC 1035 4.1.2). Names are compared as bytes, which is case-insensitive because the caller
 * lower-cases them first (RFC 4343). A {@link LookupKey} over the parser's name buffer is equal to
 * the stored key of the same question, so a hit needs no key of its own.
 */
final class CacheKey {
  private final byte[] lowerName;
  private final int qtype;
  private final int qclass;
  private final int hash;

  /**
   * @param lowerName the question name in wire format, already lower-cased; kept, not copied
   * @param qtype RR type
   * @param qclass RR class
   */
  CacheKey(byte[] lowerName, int qtype, int qclass) {
    this.lowerName = lowerName;
    this.qtype = qtype;
    this.qclass = qclass;
    this.hash = hash(lowerName, lowerName.length, qtype, qclass);
  }

  /**
   * The hash of a key, over the first {@code length} bytes of {@code name}; the same function for
   * stored keys and lookup keys (it equals {@code Arrays.hashCode} of that prefix, mixed with type
   * and class).
   */
  static int hash(byte[] name, int length, int qtype, int qclass) {
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + name[i];
    }
    return (h * 31 + qtype) * 31 + qclass;
  }

  /** Whether this key names the question {@code name[0..length)}, {@code qtype}, {@code qclass}. */
  boolean matches(byte[] name, int length, int qtype, int qclass, int hash) {
    return this.hash == hash
        && this.qtype == qtype
        && this.qclass == qclass
        && Arrays.equals(lowerName, 0, lowerName.length, name, 0, length);
  }

  byte[] lowerName() {
    return lowerName;
  }

  int qtype() {
    return qtype;
  }

  int qclass() {
    return qclass;
  }

  @Override
  public boolean equals(Object other) {
    if (other instanceof CacheKey that) {
      return that.matches(lowerName, lowerName.length, qtype, qclass, hash);
    }
    return other instanceof LookupKey probe && probe.equals(this);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "CacheKey[" + lowerName.length + " bytes, type " + qtype + ", class " + qclass + "]";
  }
}
