package dev.wayfinder.dns.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Assembles what the DNS server would send for a {@link ForwardAnswer} (header, the asker's
 * question, the tail) and parses it with dnsjava, so tests check the bytes a client would see.
 */
final class Answers {
  private Answers() {}

  /** The lower-case wire name the server would pass to {@link Forwarder#resolve}. */
  static byte[] lowerWire(String name) {
    try {
      return Name.fromString(name).toWireCanonical();
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The full response for a question asked as {@code askedName} (its case kept). */
  static Message toMessage(String askedName, int qtype, ForwardAnswer answer) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writeU16(out, 0x1234);
      writeU16(out, 0x8180 | answer.rcode()); // QR, RD, RA
      writeU16(out, 1);
      writeU16(out, answer.ancount());
      writeU16(out, answer.nscount());
      writeU16(out, answer.arcount());
      out.write(Name.fromString(askedName).toWire());
      writeU16(out, qtype);
      writeU16(out, DClass.IN);
      out.write(answer.tail());
      return new Message(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeU16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value & 0xFF);
  }
}
