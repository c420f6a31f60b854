package dev.wayfinder.zone;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Lays a {@link ZoneAnswer} out as a whole response exactly as {@link ZoneAnswer}'s contract tells
 * the server to: header, the asker's question bytes, a tail. The general path uses it to turn
 * precomputed answers back into dnsjava messages, so both paths answer alike.
 */
final class ResponseWire {
  private static final int HEADER_LENGTH = 12;

  private ResponseWire() {}

  /**
   * The response bytes.
   *
   * @param id the query's ID
   * @param rd the query's RD bit, copied (RFC 1035 4.1.1)
   * @param cd the query's CD bit, copied (RFC 4035 3.2.2)
   * @param question the question section as the asker sent it
   */
  static byte[] compose(int id, boolean rd, boolean cd, byte[] question, ZoneAnswer a, int seed) {
    int from = a.tailOffset(seed);
    int length = a.tailLength(seed);
    byte[] out = new byte[HEADER_LENGTH + question.length + length];
    out[0] = (byte) (id >>> 8);
    out[1] = (byte) id;
    out[2] = (byte) (0x80 | (a.authoritative() ? 0x04 : 0) | (rd ? 0x01 : 0));
    out[3] = (byte) ((cd ? 0x10 : 0) | (a.rcode() & 0x0f));
    out[5] = 1;
    putShort(out, 6, a.ancount());
    putShort(out, 8, a.nscount());
    putShort(out, 10, a.arcount());
    System.arraycopy(question, 0, out, HEADER_LENGTH, question.length);
    System.arraycopy(a.tailArray(), from, out, HEADER_LENGTH + question.length, length);
    return out;
  }

  /** The response to {@code query} (question {@code qname}/{@code qtype}) as a dnsjava message. */
  static Message toMessage(Message query, Name qname, int qtype, ZoneAnswer a, int seed) {
    byte[] question = Record.newRecord(qname, qtype, DClass.IN).toWire(Section.QUESTION);
    byte[] wire =
        compose(
            query.getHeader().getID(),
            query.getHeader().getFlag(Flags.RD),
            query.getHeader().getFlag(Flags.CD),
            question,
            a,
            seed);
    try {
      return new Message(wire);
    } catch (IOException e) {
      throw new UncheckedIOException("a precomputed tail does not parse", e);
    }
  }

  private static void putShort(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 8);
    out[at + 1] = (byte) value;
  }
}
