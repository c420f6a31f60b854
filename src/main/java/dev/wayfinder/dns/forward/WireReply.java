package dev.wayfinder.dns.forward;

import org.xbill.DNS.WireParseException;

/**
 * One pass over an upstream reply's wire bytes (RFC 1035 4.1): the header fields the cache needs,
 * where the question ends, and for every record its type, the offset of its TTL and where its RDATA
 * ends. {@link #kept()} counts the records before a trailing run of OPT and TSIG records, which the
 * cache drops (the server adds its own OPT; a TSIG signed the upstream's message, not ours).
 * Replaces a dnsjava {@code Message} parse on the miss path: nothing is decoded but the offsets.
 */
final class WireReply {
  /** RFC 6891 6.1.1. */
  static final int OPT = 41;

  /** RFC 8945 4.2. */
  static final int TSIG = 250;

  /** RFC 1035 3.3.13: the SOA's MINIMUM is the last 4 octets of its RDATA. */
  static final int SOA = 6;

  private final byte[] wire;
  private final int questionEnd;
  private final int[] types;
  private final int[] ttlOffsets;
  private final int[] rdataEnds;
  private final int kept;

  private WireReply(byte[] wire, int questionEnd, int[] types, int[] ttlOffsets, int[] rdataEnds) {
    this.wire = wire;
    this.questionEnd = questionEnd;
    this.types = types;
    this.ttlOffsets = ttlOffsets;
    this.rdataEnds = rdataEnds;
    int firstDropped = types.length;
    while (firstDropped > 0 && isDropped(types[firstDropped - 1])) {
      firstDropped--;
    }
    this.kept = firstDropped;
  }

  /**
   * Scans {@code wire}; kept, not copied.
   *
   * @throws WireParseException when a record runs past the end or bytes are left over
   */
  static WireReply parse(byte[] wire) throws WireParseException {
    if (wire.length < AnswerCodec.HEADER_LENGTH) {
      throw new WireParseException("short reply: " + wire.length + " bytes");
    }
    int pos = AnswerCodec.HEADER_LENGTH;
    for (int q = readU16(wire, 4); q > 0; q--) {
      pos = AnswerCodec.skipName(wire, pos) + 4; // QTYPE, QCLASS
    }
    int questionEnd = pos;
    int records = readU16(wire, 6) + readU16(wire, 8) + readU16(wire, 10);
    int[] types = new int[records];
    int[] ttlOffsets = new int[records];
    int[] rdataEnds = new int[records];
    for (int i = 0; i < records; i++) {
      pos = AnswerCodec.skipName(wire, pos);
      if (pos + 10 > wire.length) {
        throw new WireParseException("record " + i + " runs past the end");
      }
      types[i] = readU16(wire, pos);
      ttlOffsets[i] = pos + 4;
      pos += 10 + readU16(wire, pos + 8);
      rdataEnds[i] = pos;
    }
    if (pos != wire.length) {
      throw new WireParseException("records end at " + pos + " of " + wire.length);
    }
    return new WireReply(wire, questionEnd, types, ttlOffsets, rdataEnds);
  }

  private static boolean isDropped(int type) {
    return type == OPT || type == TSIG;
  }

  /** RFC 1035 4.1.1: the 4-bit RCODE of the header (an OPT's extended bits are not read). */
  int rcode() {
    return wire[3] & 0x0F;
  }

  /** RFC 1035 4.1.1: TC, the reply was cut to fit the UDP payload. */
  boolean truncated() {
    return (wire[2] & 0x02) != 0;
  }

  int ancount() {
    return readU16(wire, 6);
  }

  int nscount() {
    return readU16(wire, 8);
  }

  /** Additional records the cache keeps: those before the trailing OPT and TSIG records. */
  int arcountKept() {
    return kept - ancount() - nscount();
  }

  /**
   * Whether every OPT and TSIG record is in the trailing run the cache drops (the usual layout);
   * otherwise the caller falls back to a full parse.
   */
  boolean droppedRecordsTrail() {
    for (int i = 0; i < kept; i++) {
      if (isDropped(types[i])) {
        return false;
      }
    }
    return kept >= ancount() + nscount();
  }

  byte[] wire() {
    return wire;
  }

  /** The offset just after the question: the cached tail starts here. */
  int questionEnd() {
    return questionEnd;
  }

  /** The offset just after the last kept record: the cached tail ends here. */
  int keptEnd() {
    return kept == 0 ? questionEnd : rdataEnds[kept - 1];
  }

  /** Records before the trailing OPT and TSIG records. */
  int kept() {
    return kept;
  }

  int type(int record) {
    return types[record];
  }

  /** Offset of the record's TTL field in {@link #wire()}. */
  int ttlOffset(int record) {
    return ttlOffsets[record];
  }

  /** The record's TTL; RFC 2181 section 8: a TTL with the top bit set means zero. */
  long ttl(int record) {
    long ttl = AnswerCodec.readU32(wire, ttlOffsets[record]);
    return ttl > Integer.MAX_VALUE ? 0 : ttl;
  }

  /** The MINIMUM field of an SOA record (RFC 1035 3.3.13), or -1 when its RDATA is too short. */
  long soaMinimum(int record) {
    int rdataStart = ttlOffsets[record] + 6;
    int end = rdataEnds[record];
    // Two names of at least one octet each and five 32-bit fields.
    return end - rdataStart < 22 ? -1 : AnswerCodec.readU32(wire, end - 4);
  }

  private static int readU16(byte[] wire, int pos) {
    return ((wire[pos] & 0xFF) << 8) | (wire[pos + 1] & 0xFF);
  }
}
