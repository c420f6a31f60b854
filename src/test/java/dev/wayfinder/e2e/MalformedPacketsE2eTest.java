package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.DigResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * SPEC.md: "Malformed packets get FORMERR or are dropped; nothing a client sends can stop the
 * server." Each test sends something broken, then checks that a real dig query still gets the right
 * answer over UDP and TCP.
 */
class MalformedPacketsE2eTest extends SharedDaemonTest {
  static RawDns raw;
  final Random random = new Random(20261122);

  @BeforeAll
  static void connectRaw() {
    raw = new RawDns(daemon.dnsAddress());
  }

  @AfterEach
  void serverStillAnswersCorrectly() {
    for (DigResult r : List.of(dig.dig(fqdn("web"), "A"), dig.dig(fqdn("web"), "A", "+tcp"))) {
      assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
      assertThat(r.answers("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    }
  }

  @Test
  void randomDatagrams() {
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] p = new byte[1 + random.nextInt(600)];
      random.nextBytes(p);
      packets.add(p);
    }
    raw.udpFireAndForget(packets);
    byte[] one = new byte[40];
    random.nextBytes(one);
    one[2] &= 0x03; // QR and OPCODE clear: a "query", so a reply (if any) must be FORMERR
    assertFormErrOrDropped(raw.udp(one), one);
  }

  @Test
  void headerCutShort() {
    byte[] five = {0x12, 0x34, 0x01, 0x00, 0x00};
    assertThat(raw.udp(five)).as("a 5-byte packet has no header to answer").isEmpty();
  }

  @Test
  void compressionPointerToItself() {
    // Header (id 0x4242, RD, QDCOUNT 1), then a QNAME that is a pointer to offset 12: itself.
    byte[] loop = {0x42, 0x42, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
    assertFormErrOrDropped(raw.udp(loop), loop);
  }

  @Test
  void compressionPointerLoopAfterALabel() {
    // QNAME "abc" then a pointer back to the label: abc.abc.abc... forever (RFC 1035 §4.1.4).
    byte[] loop = {
      0x43, 0x43, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c', (byte) 0xc0, 12, 0, 1, 0, 1
    };
    assertFormErrOrDropped(raw.udp(loop), loop);
  }

  @Test
  void twoQuestions() {
    Message m = RawDns.queryA(fqdn("web"));
    m.addRecord(RawDns.queryA(fqdn("api.prod")).getQuestion(), Section.QUESTION);
    byte[] wire = m.toWire();
    assertThat(wire[5]).as("QDCOUNT").isEqualTo((byte) 2);
    // RFC 9619: QDCOUNT > 1 is a format error.
    assertFormErrOrDropped(raw.udp(wire), wire);
  }

  @Test
  void unknownOpcodeIsNotImplemented() throws IOException {
    Message m = RawDns.queryA(fqdn("web"));
    m.getHeader().setOpcode(3); // unassigned (RFC 6895 §2.2)
    Optional<byte[]> reply = raw.udp(m.toWire());

    assertThat(reply).as("RFC 1035 §4.1.1: NOTIMP for an opcode it does not do").isPresent();
    Message r = new Message(reply.get());
    assertThat(r.getHeader().getID()).isEqualTo(m.getHeader().getID());
    assertThat(r.getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void responsePacketIsNotAnswered() {
    Message m = RawDns.queryA(fqdn("web"));
    m.getHeader().setFlag(Flags.QR);
    assertThat(raw.udp(m.toWire())).as("answering a response invites loops").isEmpty();
  }

  @Test
  void sixtyFourKibOfGarbageOverTcp() throws IOException {
    byte[] garbage = new byte[64 * 1024];
    random.nextBytes(garbage);
    try (Socket s = raw.tcp()) {
      OutputStream out = s.getOutputStream();
      out.write(garbage);
      out.flush();
    } catch (IOException resetByServer) {
      // the server may close the connection half-way: that is a fine way to end it
    }
  }

  @Test
  void tcpQueryWrittenInPiecesIsAnswered() throws IOException {
    byte[] framed = RawDns.framed(RawDns.query(fqdn("web"), Type.A).toWire());
    try (Socket s = raw.tcp()) {
      OutputStream out = s.getOutputStream();
      out.write(framed, 0, 1);
      out.flush();
      out.write(framed, 1, 7);
      out.flush();
      out.write(framed, 8, framed.length - 8);
      out.flush();
      Message reply = RawDns.readTcp(s);
      assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(reply.getSection(Section.ANSWER)).hasSize(2);
    }
  }

  @Test
  void idleHalfSentTcpConnectionDoesNotBlockOthers() throws IOException {
    try (Socket idle = raw.tcp()) {
      idle.getOutputStream().write(new byte[] {0, 40, 1, 2});
      idle.getOutputStream().flush();
      // with this connection still open and stuck mid-message, the @AfterEach dig must succeed
      serverStillAnswersCorrectly();
    }
  }

  /** RFC 1035 §4.1.1 FORMERR, with the query's ID, or no reply at all. */
  private static void assertFormErrOrDropped(Optional<byte[]> reply, byte[] query) {
    if (reply.isEmpty()) {
      return;
    }
    byte[] r = reply.get();
    assertThat(r.length).as("a reply has at least a header").isGreaterThanOrEqualTo(12);
    assertThat(new byte[] {r[0], r[1]}).as("reply ID").containsExactly(query[0], query[1]);
    assertThat(r[2] & 0x80).as("QR set").isNotZero();
    assertThat(r[3] & 0x0f).as("RCODE").isEqualTo(Rcode.FORMERR);
  }
}
