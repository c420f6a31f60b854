package dev.wayfinder.dns;

import java.util.Arrays;

/**
 * A parsed query as a reusable flyweight: {@link QueryParser} fills it in place, so the hot path
 * allocates nothing per query. One instance per transport handler (and so per event-loop thread);
 * {@link #copy()} detaches one for answers that complete later (forwarding).
 *
 * <p>Offsets are relative to the first byte of the message.
 */
final class WireQuery {
  /** RFC 1035 2.3.4: a name is at most 255 octets in wire format. */
  static final int MAX_NAME = 255;

  /** RFC 1035 4.2.1: the UDP payload limit without EDNS. */
  static final int CLASSIC_UDP_LIMIT = 512;

  /** The EDNS buffer the server advertises and caps answers at (DNS flag day 2020). */
  static final int SERVER_UDP_LIMIT = 1232;

  int id;
  int flags;
  int opcode;
  boolean questionParsed;
  int questionEnd;
  final byte[] lowerName;
  int nameLength;
  int qtype;
  int qclass;
  boolean hasOpt;
  int udpSize;
  int ednsVersion;
  boolean dnssecOk;
  boolean hasTsig;

  /** The parser's copy of the message being parsed (grown for long TCP messages; never shared). */
  private byte[] message = new byte[Transport.MAX_QUERY_DATAGRAM];

  WireQuery() {
    this(new byte[MAX_NAME]);
  }

  private WireQuery(byte[] lowerName) {
    this.lowerName = lowerName;
  }

  void reset() {
    id = 0;
    flags = 0;
    opcode = 0;
    questionParsed = false;
    questionEnd = 0;
    nameLength = 0;
    qtype = 0;
    qclass = 0;
    hasOpt = false;
    udpSize = 0;
    ednsVersion = 0;
    dnssecOk = false;
    hasTsig = false;
  }

  /** The question (name, type, class) starts right after the 12-byte header. */
  static int questionStart() {
    return 12;
  }

  int questionLength() {
    return questionParsed ? questionEnd - questionStart() : 0;
  }

  /** RFC 1035 4.1.1: RD is copied into the response. */
  boolean recursionDesired() {
    return (flags & 0x0100) != 0;
  }

  /** RFC 4035 3.2.2: CD is copied into the response. */
  boolean checkingDisabled() {
    return (flags & 0x0010) != 0;
  }

  /**
   * The largest UDP answer this client takes: 512 without EDNS (RFC 1035 4.2.1), else its buffer
   * size clamped to [512, 1232] (RFC 6891 6.2.5).
   */
  int udpLimit() {
    if (!hasOpt) {
      return CLASSIC_UDP_LIMIT;
    }
    return Math.min(Math.max(udpSize, CLASSIC_UDP_LIMIT), SERVER_UDP_LIMIT);
  }

  /** A scratch array of at least {@code length} bytes for the parser's copy of the message. */
  byte[] messageScratch(int length) {
    if (message.length < length) {
      message = new byte[length];
    }
    return message;
  }

  /** The lower-cased question name, copied (the callee may keep it). */
  byte[] lowerNameCopy() {
    return Arrays.copyOf(lowerName, nameLength);
  }

  /** An independent copy for work that outlives the current packet. */
  WireQuery copy() {
    WireQuery c = new WireQuery(lowerName.clone());
    c.id = id;
    c.flags = flags;
    c.opcode = opcode;
    c.questionParsed = questionParsed;
    c.questionEnd = questionEnd;
    c.nameLength = nameLength;
    c.qtype = qtype;
    c.qclass = qclass;
    c.hasOpt = hasOpt;
    c.udpSize = udpSize;
    c.ednsVersion = ednsVersion;
    c.dnssecOk = dnssecOk;
    c.hasTsig = hasTsig;
    return c;
  }
}
