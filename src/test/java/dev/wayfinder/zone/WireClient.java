package dev.wayfinder.zone;

import java.io.IOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Asks a snapshot's hot path the way the DNS server does: lower-cases the question name for {@link
 * ZoneSnapshot#find}, then writes header + the asker's question bytes + the tail, and parses the
 * result with dnsjava. Written independently of the production composer on purpose.
 */
final class WireClient {
  static final int ID = 0x1234;

  private WireClient() {}

  /** The answer {@code find} gives for {@code name} (any case) and {@code type}. */
  static ZoneAnswer find(ZoneSnapshot zone, String name, int type) {
    byte[] lower = absolute(name).toWireCanonical();
    // Pad the buffer: find must honour nameLen, not the array length.
    byte[] buffer = java.util.Arrays.copyOf(lower, lower.length + 7);
    ZoneAnswer a = zone.find(buffer, lower.length, type);
    // A positive answer is a per-thread view; tests compare answers of two lookups.
    return a == null ? null : a.detached();
  }

  /** The answer {@code find} gives as it is: a positive one is valid until the next lookup. */
  static ZoneAnswer view(ZoneSnapshot zone, String name, int type) {
    byte[] lower = absolute(name).toWireCanonical();
    return zone.find(lower, lower.length, type);
  }

  /** The response bytes the server would send for {@code variant}, parsed. */
  static Message ask(ZoneSnapshot zone, String name, int type, int variant) throws IOException {
    ZoneAnswer a = find(zone, name, type);
    if (a == null || a == ZoneAnswer.SLOW) {
      throw new AssertionError(name + " has no fast answer: " + a);
    }
    byte[] question = Record.newRecord(absolute(name), type, DClass.IN).toWire(Section.QUESTION);
    byte[] tail = a.variant(variant);
    byte[] wire = new byte[12 + question.length + tail.length];
    wire[0] = (byte) (ID >> 8);
    wire[1] = (byte) ID;
    wire[2] = (byte) (0x80 | (a.authoritative() ? 0x04 : 0) | 0x01);
    wire[3] = (byte) a.rcode();
    wire[5] = 1;
    wire[7] = (byte) a.ancount();
    wire[9] = (byte) a.nscount();
    wire[11] = (byte) a.arcount();
    System.arraycopy(question, 0, wire, 12, question.length);
    System.arraycopy(tail, 0, wire, 12 + question.length, tail.length);
    return new Message(wire);
  }

  /** {@code name} as an absolute name; a missing trailing dot is added. */
  static Name absolute(String name) {
    return Name.fromConstantString(name.endsWith(".") ? name : name + ".");
  }

  /** A query as a client sends it, for {@link ZoneSnapshot#answer}. */
  static Message query(String name, int type) {
    Message q = Message.newQuery(Record.newRecord(absolute(name), type, DClass.IN));
    q.getHeader().setID(ID);
    return q;
  }
}
