package dev.wayfinder.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
 */
final class Listener {
  private static final int ATTEMPTS = 5;

  private final List<Channel> udp;
  private final Channel tcp;
  private final InetSocketAddress address;

  private Listener(List<Channel> udp, Channel tcp, InetSocketAddress address) {
    this.udp = List.copyOf(udp);
    this.tcp = tcp;
    this.address = address;
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
        return new Listener(bound, server, actual);
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

  /** The address actually bound (the real port when 0 was asked). */
  InetSocketAddress address() {
    return address;
  }

  List<Channel> udpChannels() {
    return udp;
  }

  Channel tcpChannel() {
    return tcp;
  }
}
