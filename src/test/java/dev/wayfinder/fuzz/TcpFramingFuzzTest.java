package dev.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wayfinder.dns.InProcessDns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Arbitrary bytes as one TCP connection's stream (RFC 7766: 2-byte length prefixes, pipelined
 * queries), arriving in two segments split where the first byte says, through the DNS TCP
 * listener's pipeline. The connection closes exactly when a whole frame is shorter than a header or
 * is not a query; every frame before that gets its replies, in order, as whole length-prefixed
 * messages with its ID and QR set (a zone transfer's reply is several messages); nothing is caught
 * as a crash.
 */
class TcpFramingFuzzTest {
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
  void tcpStream(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] stream = Arrays.copyOfRange(input, 1, input.length);
    InProcessDns.TcpExchange out = zone.dns.tcp(stream, input[0] & 0xff);
    failures.throwFirst();

    List<Integer> answered = new ArrayList<>();
    boolean closes = false;
    for (int at = 0; at + 2 <= stream.length && !closes; ) {
      int length = (stream[at] & 0xff) << 8 | (stream[at + 1] & 0xff);
      if (at + 2 + length > stream.length) {
        break;
      }
      byte[] frame = Arrays.copyOfRange(stream, at + 2, at + 2 + length);
      closes = length < 12 || (frame[2] & 0x80) != 0;
      if (!closes) {
        answered.add(DnsQueryFuzzTest.id(frame));
      }
      at += 2 + length;
    }
    assertThat(out.closed()).as("connection closed").isEqualTo(closes);
    inOrder(replyIds(out.written()), answered);
  }

  /** The IDs of the length-prefixed replies in {@code written}, each checked as a DNS response. */
  private static List<Integer> replyIds(byte[] written) {
    List<Integer> ids = new ArrayList<>();
    int at = 0;
    while (at < written.length) {
      assertThat(at + 2).as("whole length prefix").isLessThanOrEqualTo(written.length);
      int length = (written[at] & 0xff) << 8 | (written[at + 1] & 0xff);
      assertThat(at + 2 + length).as("whole reply").isLessThanOrEqualTo(written.length);
      Message reply = DnsQueryFuzzTest.parse(Arrays.copyOfRange(written, at + 2, at + 2 + length));
      assertThat(reply.getHeader().getFlag(Flags.QR)).as("QR").isTrue();
      ids.add(reply.getHeader().getID());
      at += 2 + length;
    }
    return ids;
  }

  /** Each query answered in turn: its first reply carries its ID, more replies may follow. */
  private static void inOrder(List<Integer> replies, List<Integer> queries) {
    int next = 0;
    for (int id : replies) {
      if (next < queries.size() && id == queries.get(next)) {
        next++;
      } else {
        assertThat(next).as("reply %d continues a transfer", id).isPositive();
        assertThat(id).as("reply continues the previous query's").isEqualTo(queries.get(next - 1));
      }
    }
    assertThat(next).as("queries answered of " + queries).isEqualTo(queries.size());
  }
}
