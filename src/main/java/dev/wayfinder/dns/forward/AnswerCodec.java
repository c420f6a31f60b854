package dev.wayfinder.dns.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Converts an upstream {@link Message} into the cached wire form ({@link CachedAnswer}) and patches
 * TTLs in that form on a hit. Encoding uses dnsjava once per upstream answer; patching works on
 * bytes only, so the hit path never parses a message.
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
   * The cached form of {@code response}: its records re-encoded behind a question holding the
   * lower-case name, so every compression pointer into the question stays valid whatever letter
   * case the asker used (the question has the same length). OPT and TSIG are dropped: the server
   * adds its own OPT, and a TSIG signed the upstream's message, not ours. Record TTLs are capped by
   * {@code lifetime}'s record cap.
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
    return fromWire(copy.toWire(), copy.getHeader(), lifetime, storedNanos);
  }

  private static CachedAnswer fromWire(
      byte[] wire, Header header, CachePolicy.Lifetime lifetime, long storedNanos)
      throws WireParseException {
    int tailStart = skipName(wire, HEADER_LENGTH) + 4;
    int records =
        header.getCount(Section.ANSWER)
            + header.getCount(Section.AUTHORITY)
            + header.getCount(Section.ADDITIONAL);
    List<Integer> offsets = new ArrayList<>(records);
    int pos = tailStart;
    for (int i = 0; i < records; i++) {
      pos = skipName(wire, pos) + 4; // TYPE and CLASS (RFC 1035 4.1.3)
      offsets.add(pos - tailStart);
      int rdlength = readU16(wire, pos + 4);
      pos += 6 + rdlength;
    }
    if (pos != wire.length) {
      throw new WireParseException("records end at " + pos + " of " + wire.length);
    }
    byte[] tail = Arrays.copyOfRange(wire, tailStart, wire.length);
    int[] ttlOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
    int[] ttls = new int[ttlOffsets.length];
    for (int i = 0; i < ttls.length; i++) {
      long ttl = readU32(tail, ttlOffsets[i]);
      // RFC 2181 section 8: a TTL with the top bit set means zero.
      ttl = ttl > Integer.MAX_VALUE ? 0 : ttl;
      ttls[i] = (int) Math.min(ttl, lifetime.recordCapSeconds());
    }
    ForwardAnswer received =
        new ForwardAnswer(
            header.getRcode(),
            header.getCount(Section.ANSWER),
            header.getCount(Section.AUTHORITY),
            header.getCount(Section.ADDITIONAL),
            tail);
    return new CachedAnswer(received, ttlOffsets, ttls, storedNanos, lifetime.cacheSeconds());
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

  private static int readU16(byte[] wire, int pos) {
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
