package dev.wayfinder.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;

/**
 * A paced flood of one query from one source address on loopback (127.0.0.0/8 is all loopback on
 * Linux, so each /24 of it is another rate-limit source), counting what comes back: answers with
 * records, empty replies with TC set (slips), and anything else. Replies are read between sends and
 * then until none has come for a while, so dropped queries only cost that wait.
 */
final class UdpFlood implements AutoCloseable {
  /** How long after the last send (or the last reply) a missing reply counts as dropped. */
  private static final long QUIET_NANOS = Duration.ofMillis(500).toNanos();

  /**
   * What came back.
   *
   * @param sent queries sent
   * @param answered replies with answer records
   * @param slipped replies with TC set and no answer records
   * @param other any other reply
   * @param seconds from the first send to the last reply (or the last send)
   */
  record Tally(int sent, int answered, int slipped, int other, double seconds) {
    int unanswered() {
      return sent - answered - slipped - other;
    }
  }

  private final InetSocketAddress server;
  private final DatagramChannel channel;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocate(65535);

  /** A flood to {@code server} from {@code sourceIp} (a loopback address), port chosen freely. */
  UdpFlood(InetSocketAddress server, String sourceIp) throws IOException {
    this.server = server;
    this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.bind(new InetSocketAddress(sourceIp, 0));
    channel.configureBlocking(false);
    this.selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
  }

  /**
   * Sends {@code query} {@code perSecond} times a second for {@code length}, each with another ID,
   * and counts the replies.
   */
  Tally run(byte[] query, int perSecond, Duration length) throws IOException {
    int[] counts = new int[3];
    long start = System.nanoTime();
    long interval = 1_000_000_000L / perSecond;
    int total = (int) (length.toNanos() / interval);
    long last = start;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      while (System.nanoTime() - due < 0) {
        last = Math.max(last, read(counts, Math.max(1, (due - System.nanoTime()) / 1_000_000)));
      }
      ByteBuffer q = ByteBuffer.wrap(query.clone());
      q.putShort(0, (short) i);
      channel.send(q, server);
      last = Math.max(last, System.nanoTime());
    }
    while (true) {
      long t = read(counts, QUIET_NANOS / 1_000_000);
      if (t == 0) {
        break;
      }
      last = Math.max(last, t);
    }
    return new Tally(total, counts[0], counts[1], counts[2], (last - start) / 1e9);
  }

  /**
   * Waits up to {@code millis} for replies and counts each (index 0 answered, 1 slipped, 2 other).
   *
   * @return when the last one arrived, or 0 when none did
   */
  private long read(int[] counts, long millis) throws IOException {
    if (selector.select(millis) == 0) {
      return 0;
    }
    selector.selectedKeys().clear();
    long at = 0;
    while (true) {
      in.clear();
      if (channel.receive(in) == null) {
        return at;
      }
      at = System.nanoTime();
      boolean truncated = (in.get(2) & 0x02) != 0;
      int ancount = in.getShort(6) & 0xFFFF;
      counts[ancount > 0 ? 0 : truncated ? 1 : 2]++;
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    channel.close();
  }
}
