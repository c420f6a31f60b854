package dev.wayfinder.dns;

import java.io.IOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Wire-format queries for tests. */
final class Queries {
  static final int ID = 0x4242;

  private Queries() {}

  /** A standard query, RD set, ID {@link #ID}, no EDNS. */
  static Message message(String name, int type, int dclass) {
    Message m = Message.newQuery(Record.newRecord(FakeAuthority.name(name), type, dclass));
    m.getHeader().setID(ID);
    return m;
  }

  static byte[] plain(String name, int type) {
    return message(name, type, DClass.IN).toWire();
  }

  static byte[] edns(String name, int type, int payload, int version, boolean dnssecOk) {
    Message m = message(name, type, DClass.IN);
    m.addRecord(
        new OPTRecord(payload, 0, version, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return m.toWire();
  }

  static byte[] a(String name) {
    return plain(name, Type.A);
  }

  static Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException e) {
      throw new AssertionError("unparseable response", e);
    }
  }

  /** A header with the given flags word and counts, then {@code rest}. */
  static byte[] raw(int flags, int qd, int an, int ns, int ar, int... rest) {
    byte[] b = new byte[12 + rest.length];
    int[] header = {ID >> 8, ID & 0xff, flags >> 8, flags & 0xff, 0, qd, 0, an, 0, ns, 0, ar};
    for (int i = 0; i < 12; i++) {
      b[i] = (byte) header[i];
    }
    for (int i = 0; i < rest.length; i++) {
      b[12 + i] = (byte) rest[i];
    }
    return b;
  }
}
