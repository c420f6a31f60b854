package dev.wayfinder.dns;

import dev.wayfinder.zone.ZoneAnswer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A zone of hand-made precomputed answers: {@code web} (1 A), {@code mid} (40 A: over 512 bytes,
 * under 1232), {@code big} (100 A: over 1232), {@code slow} (answered through dnsjava), NXDOMAIN
 * for other names under the zone, null (not ours) outside it, and {@code hosts} A records for
 * transfers.
 */
final class FakeAuthority implements Authority {
  static final Name ORIGIN = name(TestConfigs.ZONE + ".");
  private final Map<String, ZoneAnswer> answers;
  private final int hosts;

  FakeAuthority(int hosts) {
    this.hosts = hosts;
    this.answers =
        Map.of("web", addresses(1), "mid", addresses(40), "big", addresses(100), "slow", ZoneAnswer.SLOW);
  }

  static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Tail of {@code n} A records owned by the question name (pointer to offset 12). */
  static ZoneAnswer addresses(int n) {
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      tail.writeBytes(new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 10, 0, 0});
      tail.write(i + 1);
    }
    return new ZoneAnswer(0, true, n, 0, 0, new byte[][] {tail.toByteArray()});
  }

  static ARecord a(Name owner, byte[] address) {
    try {
      return new ARecord(owner, DClass.IN, 10, InetAddress.getByAddress(address));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public ZoneAnswer find(byte[] lowerName, int nameLength, int qtype) {
    Name qname;
    try {
      qname = new Name(java.util.Arrays.copyOf(lowerName, nameLength));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    if (!qname.subdomain(ORIGIN)) {
      return null;
    }
    if (qname.labels() == ORIGIN.labels() + 1) {
      ZoneAnswer a = answers.get(qname.getLabelString(0));
      if (a != null && qtype == Type.A) {
        return a;
      }
    }
    return new ZoneAnswer(3, true, 0, 0, 0, new byte[][] {{}});
  }

  @Override
  public Message answer(Message query) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    m.addRecord(
        a(query.getQuestion().getName(), new byte[] {10, 9, 9, 9}),
        Section.ANSWER);
    return m;
  }

  @Override
  public Name origin() {
    return ORIGIN;
  }

  @Override
  public List<Record> transfer() {
    SOARecord soa =
        new SOARecord(ORIGIN, DClass.IN, 10, name("ns." + ORIGIN), name("hostmaster." + ORIGIN), 7, 60, 30, 600, 10);
    List<Record> all = new ArrayList<>();
    all.add(soa);
    all.add(new NSRecord(ORIGIN, DClass.IN, 10, name("ns." + ORIGIN)));
    for (int i = 0; i < hosts; i++) {
      byte[] addr = {10, 1, (byte) (i >> 8), (byte) i};
      all.add(a(name("host-" + i + "." + ORIGIN), addr));
    }
    all.add(soa);
    return all;
  }
}
