package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.Cidr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.TSIG;

/** A {@link UdpHandler} on an {@link EmbeddedChannel}: no sockets, buffers checked for leaks. */
final class UdpHarness implements AutoCloseable {
  static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);
  static final String INSIDE = "127.0.0.1";
  static final String OUTSIDE = "192.0.2.7";

  final EmbeddedChannel channel;

  /** The last query's buffer: released once its reply is written. */
  ByteBuf lastQuery;

  UdpHarness(Upstream upstream) {
    this(upstream, (TSIG) null);
  }

  UdpHarness(Upstream upstream, TSIG key) {
    this(upstream, key, QueryObserver.NOOP);
  }

  UdpHarness(Upstream upstream, QueryObserver observer) {
    this(upstream, null, observer);
  }

  UdpHarness(Upstream upstream, TSIG key, QueryObserver observer) {
    this(upstream, key, observer, null);
  }

  /** With UDP answers limited by {@code rateLimit} (null: none). */
  UdpHarness(Upstream upstream, QueryObserver observer, ResponseRateLimit rateLimit) {
    this(upstream, null, observer, rateLimit);
  }

  private UdpHarness(
      Upstream upstream, TSIG key, QueryObserver observer, ResponseRateLimit rateLimit) {
    Authority zone = new FakeAuthority(3);
    List<Cidr> allow = List.of(Cidr.parse("127.0.0.0/8"));
    QueryRouter router =
        new QueryRouter(zone, new ZoneTransfer(zone, allow, key), new ForwardStep(upstream, allow));
    channel =
        new EmbeddedChannel(new UdpHandler(new RequestProcessor(router, observer, rateLimit)));
  }

  /** Sends {@code query} from {@code sourceIp}; the reply's bytes, or null when none was sent. */
  byte[] ask(byte[] query, String sourceIp) {
    ByteBuf in = Unpooled.copiedBuffer(query);
    lastQuery = in;
    channel.writeInbound(new DatagramPacket(in, LOCAL, new InetSocketAddress(sourceIp, 40000)));
    channel.runPendingTasks();
    DatagramPacket out = channel.readOutbound();
    if (out == null) {
      return null;
    }
    assertThat(in.refCnt()).as("query buffer released").isZero();
    assertThat(out.recipient().getAddress().getHostAddress()).isEqualTo(sourceIp);
    try {
      return ByteBufUtil.getBytes(out.content());
    } finally {
      out.release();
    }
  }

  byte[] ask(byte[] query) {
    return ask(query, INSIDE);
  }

  @Override
  public void close() {
    assertThat(channel.finishAndReleaseAll()).as("nothing left unread").isFalse();
  }
}
