package dev.wayfinder.dns;

import io.netty.buffer.ByteBuf;

/**
 * Reads the header, the question and the EDNS/TSIG facts of a query straight from a {@link ByteBuf}
 * into a {@link WireQuery}, without allocating. The accept filter (after miekg/dns) looks at the
 * header first: garbage is dropped, unsupported opcodes are NOTIMP, broken questions FORMERR.
 */
final class QueryParser {
  private static final int HEADER = 12;
  private static final int FAILED = -1;

  private QueryParser() {}

  /** Parses the message in {@code buf}'s readable bytes; does not move its indices. */
  static ParseResult parse(ByteBuf buf, WireQuery q) {
    q.reset();
    int base = buf.readerIndex();
    int end = buf.writerIndex();
    if (end - base < HEADER) {
      return ParseResult.DROP;
    }
    q.id = buf.getUnsignedShort(base);
    q.flags = buf.getUnsignedShort(base + 2);
    if ((q.flags & 0x8000) != 0) {
      return ParseResult.DROP;
    }
    q.opcode = (q.flags >>> 11) & 0xF;
    if (q.opcode != Opcode.QUERY) {
      return ParseResult.NOTIMP;
    }
    if (buf.getUnsignedShort(base + 4) != 1) {
      return ParseResult.FORMERR;
    }
    int pos = readQuestion(buf, base, end, q);
    if (pos == FAILED) {
      return ParseResult.FORMERR;
    }
    int skipped = buf.getUnsignedShort(base + 6) + buf.getUnsignedShort(base + 8);
    pos = skipRecords(buf, pos, end, skipped);
    if (pos == FAILED) {
      return ParseResult.FORMERR;
    }
    return readAdditional(buf, pos, end, buf.getUnsignedShort(base + 10), q);
  }

  /** The question name, lower-cased into {@code q.lowerName}, then QTYPE and QCLASS. */
  private static int readQuestion(ByteBuf buf, int base, int end, WireQuery q) {
    int pos = base + HEADER;
    int len = 0;
    while (true) {
      if (pos >= end) {
        return FAILED;
      }
      int label = buf.getUnsignedByte(pos);
      // RFC 1035 4.1.4: no compression pointer can precede the question; the other top-bit
      // patterns are reserved label types (RFC 6891 5).
      if ((label & 0xC0) != 0 || len + label + 1 > WireQuery.MAX_NAME || pos + 1 + label > end) {
        return FAILED;
      }
      q.lowerName[len++] = (byte) label;
      for (int i = 1; i <= label; i++) {
        q.lowerName[len++] = lower(buf.getByte(pos + i));
      }
      pos += label + 1;
      if (label == 0) {
        break;
      }
    }
    if (pos + 4 > end) {
      return FAILED;
    }
    q.nameLength = len;
    q.qtype = buf.getUnsignedShort(pos);
    q.qclass = buf.getUnsignedShort(pos + 2);
    q.questionEnd = pos + 4 - base;
    q.questionParsed = true;
    return pos + 4;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  /** Skips {@code count} resource records (answer and authority: IXFR carries an SOA there). */
  private static int skipRecords(ByteBuf buf, int pos, int end, int count) {
    for (int i = 0; i < count && pos != FAILED; i++) {
      pos = skipName(buf, pos, end);
      if (pos == FAILED || pos + 10 > end) {
        return FAILED;
      }
      pos += 10 + buf.getUnsignedShort(pos + 8);
      if (pos > end) {
        return FAILED;
      }
    }
    return pos;
  }

  /** Skips a name that may end in a compression pointer; the pointer is not followed. */
  private static int skipName(ByteBuf buf, int pos, int end) {
    for (int labels = 0; labels < 128 && pos < end; labels++) {
      int label = buf.getUnsignedByte(pos);
      if (label == 0) {
        return pos + 1;
      }
      if ((label & 0xC0) == 0xC0) {
        return pos + 2 <= end ? pos + 2 : FAILED;
      }
      if ((label & 0xC0) != 0) {
        return FAILED;
      }
      pos += label + 1;
    }
    return FAILED;
  }

  /**
   * RFC 6891 6.1.1: at most one OPT, owned by the root; RFC 8945 5.1: TSIG must be the last
   * additional record.
   */
  private static ParseResult readAdditional(
      ByteBuf buf, int pos, int end, int count, WireQuery q) {
    for (int i = 0; i < count; i++) {
      boolean rootOwner = pos < end && buf.getUnsignedByte(pos) == 0;
      pos = skipName(buf, pos, end);
      if (pos == FAILED || pos + 10 > end) {
        return ParseResult.FORMERR;
      }
      int type = buf.getUnsignedShort(pos);
      int next = pos + 10 + buf.getUnsignedShort(pos + 8);
      if (next > end) {
        return ParseResult.FORMERR;
      }
      if (type == RecordType.OPT) {
        if (q.hasOpt || !rootOwner) {
          return ParseResult.FORMERR;
        }
        readOpt(buf, pos, q);
      } else if (type == RecordType.TSIG) {
        if (i != count - 1) {
          return ParseResult.FORMERR;
        }
        q.hasTsig = true;
      }
      pos = next;
    }
    return q.hasOpt && q.ednsVersion > 0 ? ParseResult.BADVERS : ParseResult.OK;
  }

  /** RFC 6891 6.1.3: CLASS is the UDP payload size; TTL is ext-rcode, version, DO and Z. */
  private static void readOpt(ByteBuf buf, int pos, WireQuery q) {
    q.hasOpt = true;
    q.udpSize = buf.getUnsignedShort(pos + 2);
    q.ednsVersion = buf.getUnsignedByte(pos + 5);
    q.dnssecOk = (buf.getUnsignedByte(pos + 6) & 0x80) != 0;
  }
}
