package dev.wayfinder.dns;

import io.netty.buffer.ByteBuf;

/**
 * Reads the header, the question and the EDNS/TSIG facts of a query straight from a {@link ByteBuf}
 * into a {@link WireQuery}, without allocating. The accept filter (after miekg/dns) looks at the
 * header first: garbage is dropped, unsupported opcodes are NOTIMP, broken questions FORMERR.
 *
 * <p>The message is first copied into the query's scratch array with one bulk copy and parsed from
 * there: reading a pooled buffer byte by byte pays Netty's index and reference-count checks per
 * byte, one copy pays them once; a query is a few dozen bytes.
 */
final class QueryParser {
  private static final int HEADER = 12;
  private static final int FAILED = -1;

  private QueryParser() {}

  /** Parses the message in {@code buf}'s readable bytes; does not move its indices. */
  static ParseResult parse(ByteBuf buf, WireQuery q) {
    q.reset();
    int end = buf.readableBytes();
    if (end < HEADER) {
      return ParseResult.DROP;
    }
    byte[] m = q.messageScratch(end);
    buf.getBytes(buf.readerIndex(), m, 0, end);
    return parse(m, end, q);
  }

  private static ParseResult parse(byte[] buf, int end, WireQuery q) {
    q.id = u16(buf, 0);
    q.flags = u16(buf, 2);
    if ((q.flags & 0x8000) != 0) {
      return ParseResult.DROP;
    }
    q.opcode = (q.flags >>> 11) & 0xF;
    if (q.opcode != Opcode.QUERY) {
      return ParseResult.NOTIMP;
    }
    if (u16(buf, 4) != 1) {
      return ParseResult.FORMERR;
    }
    int pos = readQuestion(buf, end, q);
    if (pos == FAILED) {
      return ParseResult.FORMERR;
    }
    int skipped = u16(buf, 6) + u16(buf, 8);
    pos = skipRecords(buf, pos, end, skipped);
    if (pos == FAILED) {
      return ParseResult.FORMERR;
    }
    return readAdditional(buf, pos, end, u16(buf, 10), q);
  }

  /** The question name, lower-cased into {@code q.lowerName}, then QTYPE and QCLASS. */
  private static int readQuestion(byte[] buf, int end, WireQuery q) {
    int pos = HEADER;
    int len = 0;
    while (true) {
      if (pos >= end) {
        return FAILED;
      }
      int label = u8(buf, pos);
      // RFC 1035 4.1.4: no compression pointer can precede the question; the other top-bit
      // patterns are reserved label types (RFC 6891 5).
      if ((label & 0xC0) != 0 || len + label + 1 > WireQuery.MAX_NAME || pos + 1 + label > end) {
        return FAILED;
      }
      q.lowerName[len++] = (byte) label;
      for (int i = 1; i <= label; i++) {
        q.lowerName[len++] = lower(buf[pos + i]);
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
    q.qtype = u16(buf, pos);
    q.qclass = u16(buf, pos + 2);
    q.questionEnd = pos + 4;
    q.questionParsed = true;
    return pos + 4;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  /** Skips {@code count} resource records (answer and authority: IXFR carries an SOA there). */
  private static int skipRecords(byte[] buf, int pos, int end, int count) {
    for (int i = 0; i < count && pos != FAILED; i++) {
      pos = skipName(buf, pos, end);
      if (pos == FAILED || pos + 10 > end) {
        return FAILED;
      }
      pos += 10 + u16(buf, pos + 8);
      if (pos > end) {
        return FAILED;
      }
    }
    return pos;
  }

  /** Skips a name that may end in a compression pointer; the pointer is not followed. */
  private static int skipName(byte[] buf, int pos, int end) {
    for (int labels = 0; labels < 128 && pos < end; labels++) {
      int label = u8(buf, pos);
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
  private static ParseResult readAdditional(byte[] buf, int pos, int end, int count, WireQuery q) {
    for (int i = 0; i < count; i++) {
      boolean rootOwner = pos < end && u8(buf, pos) == 0;
      pos = skipName(buf, pos, end);
      if (pos == FAILED || pos + 10 > end) {
        return ParseResult.FORMERR;
      }
      int type = u16(buf, pos);
      int next = pos + 10 + u16(buf, pos + 8);
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
  private static void readOpt(byte[] buf, int pos, WireQuery q) {
    q.hasOpt = true;
    q.udpSize = u16(buf, pos + 2);
    q.ednsVersion = u8(buf, pos + 5);
    q.dnssecOk = (u8(buf, pos + 6) & 0x80) != 0;
  }

  private static int u8(byte[] b, int pos) {
    return b[pos] & 0xFF;
  }

  private static int u16(byte[] b, int pos) {
    return (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
  }
}
