package dev.wayfinder.dns;

import dev.wayfinder.config.CacheConfig;
import dev.wayfinder.config.ForwardConfig;
import dev.wayfinder.dns.forward.Forwarder;
import dev.wayfinder.zone.ZoneSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The benchmarks' request path without the socket: the real {@link UdpHandler} on an {@link
 * EmbeddedChannel}, authoritative for a zone and forwarding through the given step. Query datagrams
 * are made once and retained per use, so {@code -prof gc} counts the server's own allocation.
 */
final class UdpPipeline {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  private final EmbeddedChannel channel;

  UdpPipeline(ZoneSnapshot zone, ForwardStep forward) {
    this(zone, forward, QueryObserver.NOOP);
  }

  /** As above, reporting every reply to {@code observer} (metrics, query log). */
  UdpPipeline(ZoneSnapshot zone, ForwardStep forward, QueryObserver observer) {
    this(zone, forward, observer, null);
  }

  /** As above, with UDP answers limited by {@code rateLimit} (null: none). */
  UdpPipeline(
      ZoneSnapshot zone,
      ForwardStep forward,
      QueryObserver observer,
      ResponseRateLimit rateLimit) {
    Authority authority = Authority.of(() -> zone);
    QueryRouter router =
        new QueryRouter(authority, new ZoneTransfer(authority, List.of(), null), forward);
    channel =
        new EmbeddedChannel(new UdpHandler(new RequestProcessor(router, observer, rateLimit)));
  }

  /** The benchmarks' forwarder: {@code upstream} only, a 10,000-entry cache, 2 s timeout. */
  static Forwarder forwarder(InetSocketAddress upstream) {
    return new Forwarder(
        new ForwardConfig(
            List.of(upstream),
            List.of(),
            new CacheConfig(10_000, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ZERO),
            Duration.ofSeconds(2)));
  }

  /** A query as it arrives from a client: a pooled direct buffer, as Netty's read loop gives. */
  static DatagramPacket datagram(byte[] query) {
    return new DatagramPacket(direct(query), LOCAL, CLIENT);
  }

  static ByteBuf direct(byte[] bytes) {
    return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
  }

  /** One query in, one reply out; the reply's size. The query stays usable for the next call. */
  int exchange(DatagramPacket in) {
    in.retain(); // the handler releases it, as Netty's read loop expects
    channel.pipeline().fireChannelRead(in);
    channel.pipeline().fireChannelReadComplete();
    DatagramPacket out = channel.readOutbound();
    int size = out.content().readableBytes();
    out.release();
    return size;
  }

  /** Releases the queries and whatever the channel still holds. */
  void close(DatagramPacket[] queries) {
    for (DatagramPacket p : queries) {
      p.release();
    }
    channel.finishAndReleaseAll();
  }
}
