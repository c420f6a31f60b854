package dev.wayfinder.dns.forward;

import java.util.Arrays;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Turns an upstream reply into the cached wire form ({@link CachedAnswer}) and patches TTLs in that
 * form on a hit. Both work on bytes: neither a miss nor a hit parses a dnsjava message, except for
 * the rare reply whose OPT or TSIG is not at its end.
 */
final class AnswerCodec {
  /** RFC 1035 4.1.1: the fixed header length; the question starts here. */
  static final int HEADER_LENGTH = 12;

  private AnswerCodec() {}

  /** The question name of {@code key} as a dnsjava name (only for building upstream queries). */
  static Name questionName(CacheKey key) throws WireParseException {
    return new Name(new DNSInput(key.lowerName()));
  }

  /**
   * The cached form of an upstream reply, straight from its wire bytes: the sections after the
   * question, up to the trailing OPT and TSIG records, which are dropped (the server adds its own
   * OPT, and a TSIG signed the upstream's message, not ours). Compression pointers stay valid: the
   * tail keeps its offsets, and every pointer into the question finds the asker's question there,
   * of the same length because it names the same question (the client checked). Record TTLs are
   * capped by {@code lifetime}'s record cap. A reply with an OPT or TSIG elsewhere is parsed and
   * re-encoded without them ({@link #encode}).
   */
  static CachedAnswer fromReply(
      WireReply reply, CacheKey key, CachePolicy.Lifetime lifetime, long storedNanos)
      throws WireParseException {
    if (!reply.droppedRecordsTrail()) {
      try {
        return encode(new Message(reply.wire()), key, lifetime, storedNanos);
      } catch (java.io.IOException e) {
        throw new WireParseException(e.getMessage());
      }
    }
    int tailStart = reply.questionEnd();
    byte[] tail = Arrays.copyOfRange(reply.wire(), tailStart, reply.keptEnd());
    int[] ttlOffsets = new int[reply.kept()];
    int[] ttls = new int[reply.kept()];
    for (int i = 0; i < ttls.length; i++) {
      ttlOffsets[i] = reply.ttlOffset(i) - tailStart;
      ttls[i] = (int) Math.min(reply.ttl(i), lifetime.recordCapSeconds());
    }
    ForwardAnswer received =
        new ForwardAnswer(
            reply.rcode(), reply.ancount(), reply.nscount(), reply.arcountKept(), tail);
    return new CachedAnswer(received, ttlOffsets, ttls, storedNanos, lifetime.cacheSeconds());
  }

  /**
   * The cached form of a parsed {@code response}: its records re-encoded without OPT and TSIG
   * behind a question holding the lower-case name (the same length whatever case the asker used).
   * Only for replies {@link #fromReply} cannot take as they are.
   */
  static CachedAnswer encode(
      Message response, CacheKey key, CachePolicy.Lifetime lifetime, long storedNanos)
      throws WireParseException {
    Message copy = new Message();
    copy.getHeader().setRcode(response.getHeader().getRcode());
    Record question = response.getQuestion();
    copy.addRecord(
        Record.newRecord(questionName(key), question.getType(), question.getDClass()),
        Section.QUESTION);
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (Record record : response.getSection(section)) {
        if (record.getType() != Type.OPT && record.getType() != Type.TSIG) {
          copy.addRecord(record, section);
        }
      }
    }
    return fromReply(WireReply.parse(copy.toWire()), key, lifetime, storedNanos);
  }

  /**
   * A copy of {@code tail} whose TTL at {@code ttlOffsets[i]} is {@code max(0, ttls[i] -
   * elapsedSeconds)} (RFC 1035 7.4: cached TTLs count down).
   */
  static byte[] countDown(byte[] tail, int[] ttlOffsets, int[] ttls, long elapsedSeconds) {
    byte[] out = tail.clone();
    for (int i = 0; i < ttlOffsets.length; i++) {
      writeU32(out, ttlOffsets[i], Math.max(0, ttls[i] - elapsedSeconds));
    }
    return out;
  }

  /** A copy of {@code tail} with every TTL set to {@code ttl}. */
  static byte[] fixedTtl(byte[] tail, int[] ttlOffsets, int ttl) {
    byte[] out = tail.clone();
    for (int offset : ttlOffsets) {
      writeU32(out, offset, ttl);
    }
    return out;
  }

  /** The offset just after the (possibly compressed) name at {@code pos} (RFC 1035 4.1.4). */
  static int skipName(byte[] wire, int pos) throws WireParseException {
    while (pos < wire.length) {
      int length = wire[pos] & 0xFF;
      if (length == 0) {
        return pos + 1;
      }
      if ((length & 0xC0) == 0xC0) {
        return pos + 2;
      }
      pos += 1 + length;
    }
    throw new WireParseException("name runs past the end of the message");
  }

  static int readU16(byte[] wire, int pos) {
    return ((wire[pos] & 0xFF) << 8) | (wire[pos + 1] & 0xFF);
  }

  static long readU32(byte[] wire, int pos) {
    return ((long) readU16(wire, pos) << 16) | readU16(wire, pos + 2);
  }

  private static void writeU32(byte[] wire, int pos, long value) {
    wire[pos] = (byte) (value >>> 24);
    wire[pos + 1] = (byte) (value >>> 16);
    wire[pos + 2] = (byte) (value >>> 8);
    wire[pos + 3] = (byte) value;
  }
}
