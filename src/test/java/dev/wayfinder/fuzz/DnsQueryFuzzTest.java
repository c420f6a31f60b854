package dev.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Arbitrary bytes as one UDP datagram through the server's whole request path (accept filter, fast
 * path, slow path, forwarding, transfer refusal), as the UDP handler runs it per datagram. Nothing
 * a client sends may escape the handler or be caught there as a crash (the handler would answer
 * SERVFAIL); a packet whose header is not a query's gets no reply (no amplification of garbage);
 * every other packet gets exactly one reply that dnsjava parses, with the query's ID and QR set,
 * within 512 octets unless the query's EDNS allowed more.
 */
class DnsQueryFuzzTest {
  private static FuzzZone zone;
  private static CaughtFailures failures;

  @BeforeAll
  static void start() {
    zone = new FuzzZone();
    failures = DnsFailures.capture();
  }

  @AfterAll
  static void stop() {
    failures.close();
    zone.close();
  }

  @FuzzTest(maxDuration = "30s")
  void udpQuery(byte[] datagram) {
    byte[] reply = zone.dns.udp(datagram);
    failures.throwFirst();
    if (datagram.length < 12 || (datagram[2] & 0x80) != 0) {
      assertThat(reply).as("reply to a packet that is not a query").isNull();
      return;
    }
    assertThat(reply).as("reply to a query").isNotNull();
    assertThat(reply.length).as("reply size").isLessThanOrEqualTo(zone.dns.udpLimit(datagram));
    Message parsed = parse(reply);
    assertThat(parsed.getHeader().getID()).as("ID").isEqualTo(id(datagram));
    assertThat(parsed.getHeader().getFlag(Flags.QR)).as("QR").isTrue();
  }

  static int id(byte[] message) {
    return (message[0] & 0xff) << 8 | (message[1] & 0xff);
  }

  static Message parse(byte[] reply) {
    try {
      return new Message(reply);
    } catch (IOException e) {
      throw new AssertionError("reply dnsjava cannot parse", e);
    }
  }
}
