package dev.wayfinder.dns;

import dev.wayfinder.dns.forward.CachedAnswer;
import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.zone.ZoneAnswer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Composes responses in wire format into pooled buffers: header, the query's question bytes as
 * received (so the asker's letter case is kept, RFC 4343), a precomputed tail, and an OPT record
 * when the query had one (RFC 6891 7). Answers that exceed the transport's limit are sent with TC
 * set and no records (RFC 2181 9), so the client retries over TCP.
 */
final class ResponseWriter {
  private static final int HEADER = 12;
  private static final int OPT_LENGTH = 11;
  private static final int QR = 0x8000;
  private static final int AA = 0x0400;
  private static final int TC = 0x0200;
  private static final int RD = 0x0100;
  private static final int RA = 0x0080;
  private static final int CD = 0x0010;

  private ResponseWriter() {}

  /**
   * An answer from the zone.
   *
   * @param packet the query, readable bytes from its first octet
   * @param seed picks one of {@code answer}'s variants (the sections after the question)
   * @param limit the transport's size limit
   */
  static ByteBuf answer(
      ByteBufAllocator alloc, ByteBuf packet, WireQuery q, ZoneAnswer answer, int seed, int limit) {
    int flags = flags(q, answer.rcode()) | (answer.authoritative() ? AA : 0);
    int length = answer.tailLength(seed);
    ByteBuf out =
        begin(
            alloc,
            packet,
            q,
            flags,
            answer.ancount(),
            answer.nscount(),
            answer.arcount(),
            length,
            limit);
    if (out == null) {
      return truncated(alloc, packet, q, flags);
    }
    out.writeBytes(answer.tailArray(), answer.tailOffset(seed), length);
    return finish(out, q);
  }

  /** A forwarded answer: RA set, AA clear. */
  static ByteBuf forwarded(
      ByteBufAllocator alloc, ByteBuf packet, WireQuery q, ForwardAnswer answer, int limit) {
    int flags = flags(q, answer.rcode()) | RA;
    return compose(
        alloc,
        packet,
        q,
        flags,
        answer.ancount(),
        answer.nscount(),
        answer.arcount(),
        answer.tail(),
        limit);
  }

  /**
   * A forwarded answer straight from the cache: RA set, AA clear, the stored tail written into the
   * reply with its TTLs counted down to {@code nowNanos} there, so nothing is copied on the way.
   */
  static ByteBuf cached(
      ByteBufAllocator alloc,
      ByteBuf packet,
      WireQuery q,
      CachedAnswer answer,
      long nowNanos,
      int limit) {
    int flags = flags(q, answer.rcode()) | RA;
    ByteBuf out =
        begin(
            alloc,
            packet,
            q,
            flags,
            answer.ancount(),
            answer.nscount(),
            answer.arcount(),
            answer.tailLength(),
            limit);
    if (out == null) {
      return truncated(alloc, packet, q, flags);
    }
    answer.writeTail(out, nowNanos);
    return finish(out, q);
  }

  private static ByteBuf compose(
      ByteBufAllocator alloc,
      ByteBuf packet,
      WireQuery q,
      int flags,
      int an,
      int ns,
      int ar,
      byte[] tail,
      int limit) {
    ByteBuf out = begin(alloc, packet, q, flags, an, ns, ar, tail.length, limit);
    if (out == null) {
      return truncated(alloc, packet, q, flags);
    }
    out.writeBytes(tail);
    return finish(out, q);
  }

  /**
   * A reply buffer holding the header and the asker's question, sized for a tail of {@code
   * tailLength} bytes and the OPT; {@code null} when that reply would pass {@code limit}.
   */
  private static ByteBuf begin(
      ByteBufAllocator alloc,
      ByteBuf packet,
      WireQuery q,
      int flags,
      int an,
      int ns,
      int ar,
      int tailLength,
      int limit) {
    int qlen = q.questionLength();
    int length = HEADER + qlen + tailLength + (q.hasOpt ? OPT_LENGTH : 0);
    if (length > limit) {
      return null;
    }
    ByteBuf out = alloc.ioBuffer(length);
    writeHeader(out, q.id, flags, 1, an, ns, ar);
    out.writeBytes(packet, packet.readerIndex() + WireQuery.questionStart(), qlen);
    return out;
  }

  /** Ends a reply begun by {@link #begin}: the OPT when the query had one (RFC 6891 7). */
  private static ByteBuf finish(ByteBuf out, WireQuery q) {
    if (q.hasOpt) {
      addOpt(out, 0);
    }
    return out;
  }

  /** RFC 2181 9: TC set, the question and OPT only; the client asks again over TCP. */
  private static ByteBuf truncated(ByteBufAllocator alloc, ByteBuf packet, WireQuery q, int flags) {
    int qlen = q.questionLength();
    ByteBuf out = alloc.ioBuffer(HEADER + qlen + OPT_LENGTH);
    writeHeader(out, q.id, flags | TC, 1, 0, 0, 0);
    out.writeBytes(packet, packet.readerIndex() + WireQuery.questionStart(), qlen);
    if (q.hasOpt) {
      addOpt(out, 0);
    }
    return out;
  }

  /**
   * A rate-limited answer's slip (as BIND's RRL): NOERROR with TC set, the question and OPT only,
   * no larger than the query, so a real client asks again over TCP and a spoofed victim gets
   * nothing amplified.
   */
  static ByteBuf slipped(ByteBufAllocator alloc, ByteBuf packet, WireQuery q) {
    return truncated(alloc, packet, q, flags(q, Rcode.NOERROR));
  }

  /**
   * A reply without records: the header, the question when it parsed, and an OPT when {@code
   * withOpt}. An extended {@code rcode} (BADVERS) puts its upper bits in the OPT (RFC 6891 6.1.3).
   */
  static ByteBuf error(
      ByteBufAllocator alloc, ByteBuf packet, WireQuery q, int rcode, boolean withOpt) {
    int qlen = q.questionLength();
    ByteBuf out = alloc.ioBuffer(HEADER + qlen + OPT_LENGTH);
    writeHeader(out, q.id, flags(q, rcode), qlen > 0 ? 1 : 0, 0, 0, 0);
    out.writeBytes(packet, packet.readerIndex() + WireQuery.questionStart(), qlen);
    if (withOpt) {
      addOpt(out, rcode >>> 4);
    }
    return out;
  }

  /** QR, the query's opcode, RD and CD copied (RFC 1035 4.1.1, RFC 4035 3.2.2), low RCODE bits. */
  private static int flags(WireQuery q, int rcode) {
    return QR | (q.opcode << 11) | (q.flags & (RD | CD)) | (rcode & 0xF);
  }

  private static void writeHeader(ByteBuf out, int id, int flags, int qd, int an, int ns, int ar) {
    out.writeShort(id);
    out.writeShort(flags);
    out.writeShort(qd);
    out.writeShort(an);
    out.writeShort(ns);
    out.writeShort(ar);
  }

  /**
   * Appends the server's OPT (RFC 6891 6.1.2): root owner, payload 1232, version 0, DO clear, no
   * options, and increments ARCOUNT.
   */
  private static void addOpt(ByteBuf out, int extendedRcode) {
    int start = out.readerIndex();
    out.setShort(start + 10, out.getUnsignedShort(start + 10) + 1);
    out.writeByte(0);
    out.writeShort(RecordType.OPT);
    out.writeShort(WireQuery.SERVER_UDP_LIMIT);
    out.writeByte(extendedRcode);
    out.writeByte(0);
    out.writeShort(0);
    out.writeShort(0);
  }
}
