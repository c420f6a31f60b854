package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which port a listener takes and who may share it. The flake this pins: with the server's sockets
 * on a kernel-chosen (ephemeral) port shared through SO_REUSEPORT, dig, which sets SO_REUSEPORT on
 * its own socket, was now and then given the server's port as its source port and read its own
 * query back.
 */
class ListenerPortTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** The sockets only need to be bound; nothing is sent to them. */
  private static final ChannelHandler IGNORE = new Ignore();

  private EventLoopGroup group;
  private Listener listener;

  @BeforeEach
  void start() {
    group = Transport.newGroup(2);
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      for (Channel c : listener.udpChannels()) {
        c.close().awaitUninterruptibly();
      }
      listener.tcpChannel().close().awaitUninterruptibly();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  @Test
  void portZeroIsChosenBelowTheEphemeralRangeForEverySocket() throws IOException {
    assumeTrue(QuietPorts.ephemeralLow() > 2048, "the ephemeral range leaves room below it");
    listener = bind(2, 0);

    int port = listener.address().getPort();
    assertThat(port).isBetween(1024, QuietPorts.ephemeralLow() - 1);
    for (Channel c : listener.udpChannels()) {
      assertThat(((InetSocketAddress) c.localAddress()).getPort()).isEqualTo(port);
    }
    assertThat(((InetSocketAddress) listener.tcpChannel().localAddress()).getPort())
        .isEqualTo(port);
  }

  @Test
  void aLoneSocketDoesNotLetAnotherReusePortSocketShareItsPort() throws IOException {
    assumeTrue(Transport.EPOLL, "SO_REUSEPORT is set on the epoll transport only");
    listener = bind(1, 0);

    assertThatThrownBy(() -> reusePortSocket(listener.address().getPort()).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void severalSocketsShareThePortThroughReusePort() throws IOException {
    assumeTrue(Transport.EPOLL, "SO_REUSEPORT is set on the epoll transport only");
    listener = bind(2, 0);

    assertThat(listener.udpChannels()).hasSize(2);
    // What the option also opens to any socket of the same user: why port 0 stays out of the
    // range the kernel hands to clients.
    reusePortSocket(listener.address().getPort()).close();
  }

  @Test
  void anExplicitPortIsKept() throws IOException {
    int port = QuietPorts.free(LOOPBACK);
    assumeTrue(port != 0, "a free port below the ephemeral range");
    listener = bind(2, port);

    assertThat(listener.address().getPort()).isEqualTo(port);
    assertThat(QuietPorts.isFree(LOOPBACK, port)).isFalse();
  }

  private Listener bind(int sockets, int port) throws IOException {
    return Listener.bind(
        Transport.udp(group, sockets).handler(IGNORE),
        Transport.tcp(group).childHandler(IGNORE),
        sockets,
        new InetSocketAddress(LOOPBACK, port));
  }

  @ChannelHandler.Sharable
  private static final class Ignore extends ChannelInboundHandlerAdapter {}

  private static DatagramChannel reusePortSocket(int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      ch.bind(new InetSocketAddress(LOOPBACK, port));
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }
}
