package dev.wayfinder.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The Netty transport: native epoll where available (Linux), which allows one UDP socket per
 * event-loop thread on the same port with SO_REUSEPORT, so every core reads queries; NIO elsewhere,
 * with a single UDP socket.
 */
final class Transport {
  /** True when the native epoll transport loaded. */
  static final boolean EPOLL = Epoll.isAvailable();

  /**
   * The largest query datagram read whole in a batched read: well above any query (a question, an
   * OPT and a TSIG fit in a few hundred octets); a longer datagram is cut and then fails to parse.
   */
  static final int MAX_QUERY_DATAGRAM = 2048;

  /**
   * Datagrams per recvmmsg call. Netty's epoll channel reads a batch when the receive buffer holds
   * at least two {@link #MAX_QUERY_DATAGRAM}s (writable bytes / max payload size), each datagram a
   * slice of one pooled buffer; replies are flushed once per batch, so they leave in one sendmmsg.
   */
  static final int DATAGRAMS_PER_READ = 32;

  private Transport() {}

  /**
   * Loads what the first start needs and every later one shares: the native epoll library (this
   * class's initialisation) and Netty's buffer pool, each a noticeable part of a small config's
   * start, here on another thread while the zone is built.
   */
  static void warmUp() {
    if (EPOLL) {
      Epoll.ensureAvailability();
    }
    Objects.requireNonNull(ByteBufAllocator.DEFAULT);
  }

  static EventLoopGroup newGroup(int threads) {
    DefaultThreadFactory factory = new DefaultThreadFactory("wayfinder-dns", true);
    return EPOLL
        ? new EpollEventLoopGroup(threads, factory)
        : new NioEventLoopGroup(threads, factory);
  }

  /** How many UDP sockets to bind per address for {@code threads} event loops. */
  static int udpSockets(int threads) {
    return EPOLL ? threads : 1;
  }

  /**
   * The UDP options for {@code sockets} sockets per address; {@link #udpFor} adds the channel type
   * for an address. SO_REUSEPORT only when there are several: it also lets any other socket of the
   * same user that sets it share the port and take a share of the queries, so a lone socket keeps
   * its port to itself.
   */
  static Bootstrap udp(EventLoopGroup group, int sockets) {
    Bootstrap b = new Bootstrap().group(group);
    if (EPOLL) {
      b.option(EpollChannelOption.SO_REUSEPORT, sockets > 1)
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY_DATAGRAM)
          .option(
              ChannelOption.RCVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(MAX_QUERY_DATAGRAM * DATAGRAMS_PER_READ))
          // One recvmmsg per wake-up, its replies flushed, then back to epoll_wait, which returns
          // at once while datagrams wait (as Knot's workers do). Edge-triggered, Netty reads until
          // a recvmmsg comes back empty: a wasted call per wake-up, and smaller batches.
          .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
    return b.option(ChannelOption.SO_RCVBUF, 1 << 20);
  }

  /**
   * {@code udp} for sockets bound to {@code address}: with epoll, an IPv4 address gets an IPv4
   * socket rather than Netty's default dual-stack IPv6 one. On the dual-stack socket every sender
   * arrives as an IPv4-mapped IPv6 address that the JDK converts per datagram, and the kernel takes
   * its IPv6 path to the IPv4 one per reply.
   */
  static Bootstrap udpFor(Bootstrap udp, InetAddress address) {
    Bootstrap b = udp.clone();
    if (!EPOLL) {
      return b.channel(NioDatagramChannel.class);
    }
    if (address instanceof Inet4Address) {
      return b.channelFactory(() -> new EpollDatagramChannel(InternetProtocolFamily.IPv4));
    }
    return b.channel(EpollDatagramChannel.class);
  }

  static ServerBootstrap tcp(EventLoopGroup group) {
    ServerBootstrap b = new ServerBootstrap().group(group);
    b.channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
    return b.option(ChannelOption.SO_REUSEADDR, true).option(ChannelOption.SO_BACKLOG, 1024);
  }
}
