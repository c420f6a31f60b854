package dev.wayfinder.dns;

import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.zone.ZoneView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The server's request path as {@link DnsServer} assembles it (accept filter, router, zone,
 * transfers, forwarding), on {@link EmbeddedChannel}s instead of sockets, for tests outside this
 * package (the fuzz tests). Every query comes from {@link #CLIENT}, inside the config's {@code
 * allow_from} lists when they hold loopback. Names outside the zone go to a stub upstream that
 * answers at once with one A record, so every forwarded query is answered on the read path.
 *
 * <p>Not thread-safe: one caller, like one event loop.
 */
public final class InProcessDns implements AutoCloseable {
  /** Where every query comes from. */
  public static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);

  /** One answer record, its owner a pointer to the question at offset 12: 192.0.2.1, TTL 60. */
  private static final byte[] STUB_TAIL = {
    (byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 1
  };

  private final RequestProcessor processor;
  private final EmbeddedChannel udp;
  private final WireQuery scratch = new WireQuery();

  /**
   * The pipeline of {@code config}'s {@code dns.forward} and {@code dns.transfer} over {@code
   * zone}.
   */
  public InProcessDns(WayfinderConfig config, ZoneView zone) {
    Authority authority = Authority.of(zone);
    Upstream stub =
        (name, qtype, qclass) ->
            CompletableFuture.completedFuture(new ForwardAnswer(0, 1, 0, 0, STUB_TAIL));
    QueryRouter router =
        new QueryRouter(
            authority,
            new ZoneTransfer(authority, config.dns().transfer().allowFrom(), null),
            new ForwardStep(stub, config.dns().forward().allowFrom()));
    processor = new RequestProcessor(router);
    udp = new EmbeddedChannel(new UdpHandler(processor));
  }

  /** Hands {@code datagram} to the UDP handler; the reply's bytes, or null when none was sent. */
  public byte[] udp(byte[] datagram) {
    udp.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(datagram), LOCAL, CLIENT));
    udp.runPendingTasks();
    DatagramPacket out = udp.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      if (udp.readOutbound() != null) {
        throw new AssertionError("two UDP replies to one datagram");
      }
      return ByteBufUtil.getBytes(out.content());
    } finally {
      out.release();
    }
  }

  /**
   * The largest UDP reply the server may send for {@code datagram}, by its own parse of the query
   * (512 octets without EDNS, else the client's buffer capped at the server's).
   */
  public int udpLimit(byte[] datagram) {
    QueryParser.parse(Unpooled.wrappedBuffer(datagram), scratch);
    return scratch.udpLimit();
  }

  /** What one TCP connection answered. */
  public record TcpExchange(byte[] written, boolean closed) {}

  /**
   * A fresh TCP connection (framing, pipelining, closing on garbage) that receives {@code stream}
   * in two segments, split at {@code split}; then everything the server wrote, length prefixes
   * included, and whether it closed the connection.
   */
  public TcpExchange tcp(byte[] stream, int split) {
    EmbeddedChannel ch =
        new Connection(
            new LengthFieldPrepender(2),
            new TcpFrameDecoder(java.time.Duration.ofSeconds(10)),
            new TcpHandler(processor));
    int at = Math.max(0, Math.min(split, stream.length));
    ch.writeInbound(Unpooled.copiedBuffer(stream, 0, at));
    if (ch.isOpen()) {
      ch.writeInbound(Unpooled.copiedBuffer(stream, at, stream.length - at));
    }
    ch.runPendingTasks();
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
      all.writeBytes(out);
      out.release();
    }
    boolean closed = !ch.isOpen();
    ch.finishAndReleaseAll();
    try {
      return new TcpExchange(ByteBufUtil.getBytes(all), closed);
    } finally {
      all.release();
    }
  }

  @Override
  public void close() {
    udp.finishAndReleaseAll();
  }

  /** An embedded channel with a real remote address, as the ACLs need one. */
  private static final class Connection extends EmbeddedChannel {
    Connection(ChannelHandler... handlers) {
      super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return CLIENT;
    }
  }
}
