package dev.wayfinder.dns;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.config.TsigKeyConfig;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.dns.forward.Forwarder;
import dev.wayfinder.zone.ZoneView;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.TSIG;

/**
 * The DNS wire server: UDP and TCP on every {@code dns.listen} address, answering from the zone,
 * transferring it, and forwarding everything else (through a {@link Forwarder} it creates and
 * stops, when upstreams are configured).
 */
public final class DnsServer {
  /**
   * Event-loop threads, each with its own UDP socket (SO_REUSEPORT): one per core unless the system
   * property {@code wayfinder.dns.threads} says otherwise (docs/performance.md: on a 2-core machine
   * shared with the load generator, the measured best is the launcher's setting).
   */
  static final int THREADS =
      Integer.getInteger("wayfinder.dns.threads", Runtime.getRuntime().availableProcessors());

  /** RFC 7766 6.2.3: idle TCP connections are closed after this long. */
  static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(10);

  private final WayfinderConfig config;
  private final Authority authority;
  private final Upstream upstreamOverride;
  private final List<Listener> listeners = new ArrayList<>();
  private EventLoopGroup group;
  private Forwarder forwarder;
  private ForwardStep forward;

  public DnsServer(WayfinderConfig config, ZoneView zone) {
    this(config, Authority.of(zone), null);
  }

  /**
   * @param upstream resolves names outside the zone instead of a {@link Forwarder} (tests), or null
   *     for the real one
   */
  DnsServer(WayfinderConfig config, Authority authority, Upstream upstream) {
    this.config = config;
    this.authority = authority;
    this.upstreamOverride = upstream;
  }

  /**
   * Does the part of the first {@link #start} that needs no server (loading Netty's native
   * transport and buffer pool), so a caller can run it beside other start-up work; safe from any
   * thread.
   */
  public static void warmUp() {
    Transport.warmUp();
  }

  /**
   * Binds every listener (UDP and TCP on the same port; port 0 picks a free one shared by both).
   *
   * @throws IOException when an address cannot be bound; nothing stays bound then
   */
  public synchronized void start() throws IOException {
    DnsConfig dns = config.dns();
    group = Transport.newGroup(THREADS);
    try {
      RequestProcessor processor = new RequestProcessor(router(dns));
      int sockets = Transport.udpSockets(THREADS);
      for (InetSocketAddress address : dns.listen()) {
        listeners.add(
            Listener.bind(
                Transport.udp(group, sockets).handler(udpInitializer(processor)),
                Transport.tcp(group).childHandler(tcpInitializer(processor)),
                sockets,
                address));
      }
    } catch (IOException | RuntimeException e) {
      stop(Duration.ofSeconds(1));
      throw e;
    }
  }

  private QueryHandler router(DnsConfig dns) {
    Upstream upstream = upstreamOverride;
    if (upstream == null && !dns.forward().upstreams().isEmpty()) {
      forwarder = new Forwarder(dns.forward(), group); // upstream sockets on the server's loops
      upstream = Upstream.of(forwarder);
    }
    forward = new ForwardStep(upstream, dns.forward().allowFrom());
    ZoneTransfer transfer =
        new ZoneTransfer(authority, dns.transfer().allowFrom(), transferKey(dns.transfer().tsig()));
    return new QueryRouter(authority, transfer, forward);
  }

  private TSIG transferKey(String name) {
    if (name == null) {
      return null;
    }
    for (TsigKeyConfig key : config.tsigKeys()) {
      if (key.name().equalsIgnoreCase(name)) {
        return TransferSigning.key(key);
      }
    }
    throw new IllegalArgumentException("dns.transfer.tsig names an unknown key: " + name);
  }

  private static ChannelInitializer<DatagramChannel> udpInitializer(RequestProcessor processor) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(DatagramChannel ch) {
        ch.pipeline().addLast(new UdpHandler(processor));
      }
    };
  }

  private static ChannelInitializer<SocketChannel> tcpInitializer(RequestProcessor processor) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline()
            .addLast(new IdleStateHandler(0, 0, TCP_IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            .addLast(new LengthFieldPrepender(2))
            .addLast(new TcpFrameDecoder())
            .addLast(new TcpHandler(processor));
      }
    };
  }

  /** The bound addresses, one per {@code dns.listen} entry, in config order (after start). */
  public synchronized List<InetSocketAddress> boundAddresses() {
    return listeners.stream().map(Listener::address).toList();
  }

  /**
   * Closes the listeners, answers what is in flight, and waits at most {@code timeout}: TCP stops
   * accepting and UDP stops reading at once; forwarded queries get up to half the time to be
   * answered; then the sockets close and the event loops shut down.
   */
  public synchronized void stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Listener l : listeners) {
      l.tcpChannel().close().awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
      l.udpChannels().forEach(c -> c.config().setAutoRead(false));
    }
    awaitInFlight(System.nanoTime() + (deadline - System.nanoTime()) / 2);
    for (Listener l : listeners) {
      for (Channel c : l.udpChannels()) {
        c.close().awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
      }
    }
    listeners.clear();
    if (forwarder != null) {
      forwarder.stop(Duration.ofNanos(remaining(deadline)));
      forwarder = null;
    }
    if (group != null) {
      group
          .shutdownGracefully(0, remaining(deadline), TimeUnit.NANOSECONDS)
          .awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
      group = null;
    }
  }

  private void awaitInFlight(long until) {
    while (forward != null && forward.inFlight() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(5); // shutdown only: a short poll keeps ForwardStep free of signalling
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
