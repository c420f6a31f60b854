package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.zone.ZoneSnapshot;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * NOTIFY (RFC 1996) as a secondary sees it, over real UDP: the message's shape and TSIG, retries
 * until a matching response, and a newer serial superseding the pending one.
 */
class NotifySenderTest {
  static final DnsConfig DNS = TestConfigs.config(List.of(), null).dns();
  final TSIG key = TransferSigning.key(TestConfigs.KEY);
  final List<String> outcomes = new CopyOnWriteArrayList<>();
  DatagramSocket secondary;
  NotifySender sender;

  @BeforeEach
  void open() throws IOException {
    secondary = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    secondary.setSoTimeout(5000);
    sender =
        new NotifySender(
            List.of((InetSocketAddress) secondary.getLocalSocketAddress()),
            key,
            (target, result) -> outcomes.add(result));
  }

  @AfterEach
  void close() {
    sender.close();
    secondary.close();
  }

  @Test
  void signedNotifyIsSentAgainUntilAnswered() throws Exception {
    sender.serialChanged(snapshot(1000));

    Received first = receive();
    Message m = first.message;
    assertThat(m.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.QR)).isFalse();
    assertThat(m.getQuestion().getType()).isEqualTo(Type.SOA);
    assertThat(m.getQuestion().getName().toString()).isEqualTo(TestConfigs.ZONE + ".");
    assertThat(((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial()).isEqualTo(1000);
    assertThat(key.verify(m, first.bytes, null)).isEqualTo(Rcode.NOERROR);

    // No response: the same NOTIFY comes again (RFC 1996 3.6).
    Received again = receive();
    assertThat(again.message.getHeader().getID()).isEqualTo(m.getHeader().getID());
    answer(again);

    await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.equals(List.of("ok")));
  }

  @Test
  void aNewerSerialSupersedesThePendingOne() throws Exception {
    sender.serialChanged(snapshot(1000));
    Received old = receive();
    sender.serialChanged(snapshot(1001));
    Received newer = receive();
    assertThat(serial(newer)).isEqualTo(1001);

    answer(old); // stale: matches nothing pending
    answer(newer);

    await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.equals(List.of("ok")));
    secondary.setSoTimeout(2500);
    assertThat(tryReceive()).as("nothing more is sent once the latest is answered").isNull();
  }

  private record Received(Message message, byte[] bytes, InetSocketAddress from) {}

  private static ZoneSnapshot snapshot(long serial) {
    return ZoneSnapshot.build(DNS, List.of(), HealthView.allHealthy(), serial);
  }

  private static long serial(Received r) {
    return ((SOARecord) r.message.getSection(Section.ANSWER).get(0)).getSerial();
  }

  private Received receive() throws IOException {
    Received r = tryReceive();
    assertThat(r).as("a NOTIFY arrives").isNotNull();
    return r;
  }

  private Received tryReceive() throws IOException {
    DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
    try {
      secondary.receive(p);
    } catch (SocketTimeoutException e) {
      return null;
    }
    byte[] bytes = Arrays.copyOf(p.getData(), p.getLength());
    return new Received(new Message(bytes), bytes, (InetSocketAddress) p.getSocketAddress());
  }

  /** The response a secondary sends: same ID, QR, opcode NOTIFY, signed with the key. */
  private void answer(Received r) throws IOException {
    Message response = new Message(r.message.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setOpcode(Opcode.NOTIFY);
    response.addRecord(r.message.getQuestion(), Section.QUESTION);
    key.apply(response, r.message.getTSIG());
    byte[] wire = response.toWire();
    secondary.send(new DatagramPacket(wire, wire.length, r.from));
  }
}
