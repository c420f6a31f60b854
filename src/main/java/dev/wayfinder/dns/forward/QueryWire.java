package dev.wayfinder.dns.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The bytes of an upstream query and the check that a reply answers it. The query is a standard
 * query (RFC 1035 4.1.1) with RD set, one question in the cache key's lower-case name, and an OPT
 * record advertising {@link #EDNS_PAYLOAD} octets (RFC 6891 6.1.2), nothing else.
 */
final class QueryWire {
  /** The EDNS(0) payload size advertised upstream (DNS Flag Day 2020: no IP fragmentation). */
  static final int EDNS_PAYLOAD = 1232;

  private static final int FLAGS_RD = 0x0100;
  private static final int QR = 0x80;
  private static final int OPCODE = 0x78;

  private QueryWire() {}

  /** The query for {@code key} with {@code id}, in a buffer from {@code alloc}. */
  static ByteBuf query(ByteBufAllocator alloc, int id, CacheKey key) {
    byte[] name = key.lowerName();
    ByteBuf out = alloc.ioBuffer(AnswerCodec.HEADER_LENGTH + name.length + 4 + 11);
    out.writeShort(id).writeShort(FLAGS_RD).writeShort(1).writeShort(0).writeShort(0).writeShort(1);
    out.writeBytes(name).writeShort(key.qtype()).writeShort(key.qclass());
    // OPT (RFC 6891 6.1.2): root owner, TYPE 41, CLASS = payload size, TTL 0 (no DO), no RDATA.
    out.writeByte(0).writeShort(WireReply.OPT).writeShort(EDNS_PAYLOAD).writeInt(0).writeShort(0);
    return out;
  }

  /**
   * Whether {@code reply} (readable bytes from its reader index) is a response to the query with
   * {@code id} for {@code key}: QR set, opcode QUERY, the same ID, and exactly that question, the
   * name compared case-insensitively (RFC 4343; RFC 5452 section 9.1 asks for ID and question to
   * match before a reply is accepted). The source address is checked by the caller.
   */
  static boolean answers(ByteBuf reply, int id, CacheKey key) {
    int base = reply.readerIndex();
    byte[] name = key.lowerName();
    int questionEnd = AnswerCodec.HEADER_LENGTH + name.length + 4;
    if (reply.readableBytes() < questionEnd
        || reply.getUnsignedShort(base) != id
        || (reply.getByte(base + 2) & (QR | OPCODE)) != QR
        || reply.getUnsignedShort(base + 4) != 1) {
      return false;
    }
    int pos = base + AnswerCodec.HEADER_LENGTH;
    for (int i = 0; i < name.length; i++) {
      // Length octets are below 64, so lower-casing leaves them alone.
      if (toLower(reply.getByte(pos + i)) != name[i]) {
        return false;
      }
    }
    pos += name.length;
    return reply.getUnsignedShort(pos) == key.qtype()
        && reply.getUnsignedShort(pos + 2) == key.qclass();
  }

  /** The same check on a reply held as bytes (the TCP retry's). */
  static boolean answers(byte[] reply, int id, CacheKey key) {
    return answers(io.netty.buffer.Unpooled.wrappedBuffer(reply), id, key);
  }

  /** RFC 1035 4.1.1: TC, the reply was cut to fit the UDP payload. */
  static boolean truncated(byte[] reply) {
    return (reply[2] & 0x02) != 0;
  }

  private static byte toLower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }
}
