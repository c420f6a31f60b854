package dev.wayfinder.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets of one {@code dns.listen} address: several UDP channels on one port (SO_REUSEPORT)
 * and a TCP server channel on the same port. Port 0 asks for a free port: one below the ephemeral
 * range ({@link QuietPorts}), so no client's source port can be the server's; the first UDP bind
 * takes it and the rest follow; if a bind finds it taken, everything is retried on a new one.
 *
 * <p>It keeps the address as {@code dns.listen} wrote it ({@link #requested}) beside the one bound,
 * so a reload compares what the operator wrote, and it tracks its accepted TCP connections, so a
 * listener removed at runtime closes them too.
 */
final class Listener {
  private static final int ATTEMPTS = 5;

  private final List<Channel> udp;
  private final Channel tcp;
  private final InetSocketAddress address;
  private final InetSocketAddress requested;
  private final ChannelGroup connections;

  private Listener(
      List<Channel> udp,
      Channel tcp,
      InetSocketAddress address,
      InetSocketAddress requested,
      ChannelGroup connections) {
    this.udp = List.copyOf(udp);
    this.tcp = tcp;
    this.address = address;
    this.requested = requested;
    this.connections = connections;
  }

  /**
   * Binds {@code udpSockets} UDP channels and one TCP channel to {@code requested}.
   *
   * @throws IOException when it cannot be bound; nothing stays bound then
   */
  static Listener bind(
      Bootstrap udp, ServerBootstrap tcp, int udpSockets, InetSocketAddress requested)
      throws IOException {
    udp = Transport.udpFor(udp, requested.getAddress());
    ChannelGroup connections = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
    tcp = tracked(tcp, connections);
    int attempts = requested.getPort() == 0 ? ATTEMPTS : 1;
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      List<Channel> bound = new ArrayList<>();
      try {
        InetSocketAddress at =
            requested.getPort() == 0
                ? new InetSocketAddress(
                    requested.getAddress(), QuietPorts.free(requested.getAddress()))
                : requested;
        Channel firstUdp = await(udp.bind(at));
        bound.add(firstUdp);
        InetSocketAddress actual = (InetSocketAddress) firstUdp.localAddress();
        for (int s = 1; s < udpSockets; s++) {
          bound.add(await(udp.bind(actual)));
        }
        Channel server = await(tcp.bind(actual));
        return new Listener(bound, server, actual, requested, connections);
      } catch (IOException e) {
        closeAll(bound);
        last = e;
      }
    }
    // Name the address: with several listen entries, "address already in use" alone is no help.
    String where = requested.getAddress().getHostAddress() + " port " + requested.getPort();
    throw (IOException)
        new java.net.BindException(where + ": " + last.getMessage()).initCause(last);
  }

  /** {@code tcp} with each accepted connection added to {@code connections} before its handlers. */
  private static ServerBootstrap tracked(ServerBootstrap tcp, ChannelGroup connections) {
    ChannelHandler handlers = tcp.config().childHandler();
    return tcp.clone()
        .childHandler(
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel ch) {
                connections.add(ch); // removed again when it closes
                ch.pipeline().addLast(handlers);
              }
            });
  }

  private static Channel await(ChannelFuture f) throws IOException {
    f.awaitUninterruptibly();
    if (f.isSuccess()) {
      return f.channel();
    }
    Throwable cause = f.cause();
    if (cause instanceof IOException io) {
      throw io;
    }
    BindException e = new BindException(String.valueOf(cause));
    e.initCause(cause);
    throw e;
  }

  private static void closeAll(List<Channel> channels) {
    for (Channel c : channels) {
      if (c != null) {
        c.close().awaitUninterruptibly();
      }
    }
  }

  /** This listener's sockets, with {@code spec} as the address {@code dns.listen} gave. */
  Listener requestedAs(InetSocketAddress spec) {
    return new Listener(udp, tcp, address, spec, connections);
  }

  /** Closes every socket at once, without draining, and waits until they are closed. */
  void closeNow() {
    closeAll(udp);
    closeAll(List.of(tcp));
  }

  /** The address actually bound (the real port when 0 was asked). */
  InetSocketAddress address() {
    return address;
  }

  /** The address as {@code dns.listen} gave it: port 0 stays 0. */
  InetSocketAddress requested() {
    return requested;
  }

  /** The TCP connections accepted and still open. */
  ChannelGroup connections() {
    return connections;
  }

  List<Channel> udpChannels() {
    return udp;
  }

  Channel tcpChannel() {
    return tcp;
  }
}
