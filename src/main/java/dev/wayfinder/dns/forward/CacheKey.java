package dev.wayfinder.dns.forward;

import java.util.Arrays;

/**
 * The identity of a cached answer: the question name in lower-case wire format, its type and its
 * class (RFC 1035 4.1.2). Names are compared as bytes, which is case-insensitive because the
 * caller lower-cases them first (RFC 4343).
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
    this.hash = (Arrays.hashCode(lowerName) * 31 + qtype) * 31 + qclass;
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
    return other instanceof CacheKey that
        && hash == that.hash
        && qtype == that.qtype
        && qclass == that.qclass
        && Arrays.equals(lowerName, that.lowerName);
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
