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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.TSIG;

/**
 * The DNS wire server: UDP and TCP on every {@code dns.listen} address, answering from the zone,
 * transferring it, and forwarding everything else (through a {@link Forwarder} it creates and
 * stops, when upstreams are configured).
 *
 * <p>Lifecycle: {@link #start} once, then any number of {@link #rebind} (a reload's new {@code
 * dns.listen}), then {@link #stop}. These and {@link #boundAddresses} are synchronized on the
 * server, so any thread may call them; queries never take that lock (they run on the event loops).
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

  /**
   * How long a listener removed by {@link #rebind} is given to answer what it has read: half of it
   * for forwarded queries in flight (their upstream timeout is longer; most answer well within).
   */
  static final Duration REBIND_DRAIN = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  private final List<Listener> listeners = new ArrayList<>();
  private EventLoopGroup group;
  private RequestProcessor processor;
  private int sockets;
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
      processor = new RequestProcessor(router(dns));
      sockets = Transport.udpSockets(THREADS);
      listeners.addAll(bindAll(dns.listen()));
    } catch (IOException | RuntimeException e) {
      stop(Duration.ofSeconds(1));
      throw e;
    }
  }

  /**
   * Makes the listeners those of {@code wanted} (a new {@code dns.listen}), in its order, while
   * serving: an entry equal to one already served, as written (port 0 included), keeps its sockets
   * untouched, so queries to it are answered throughout; new entries are bound first; listeners no
   * longer wanted then stop reading and accepting, get up to {@link #REBIND_DRAIN} (half of it for
   * forwarded queries in flight) and close, their TCP connections with them. Other settings of the
   * config this server started with stay as they are.
   *
   * @throws IOException when a new address cannot be bound; nothing has changed then, and the
   *     message names the address
   * @throws IllegalStateException when the server is not started
   */
  public synchronized void rebind(List<InetSocketAddress> wanted) throws IOException {
    if (group == null) {
      throw new IllegalStateException("the DNS server is not started");
    }
    List<Listener> next = keptFor(wanted);
    List<Listener> removed = new ArrayList<>(listeners);
    removed.removeAll(next); // identity: Listener keeps Object's equals
    List<Integer> fresh = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      if (next.get(i) == null) {
        fresh.add(i);
      }
    }
    List<Listener> added = bindAll(fresh.stream().map(wanted::get).toList());
    for (int i = 0; i < fresh.size(); i++) {
      next.set(fresh.get(i), added.get(i));
    }
    listeners.clear();
    listeners.addAll(next);
    close(removed, System.nanoTime() + REBIND_DRAIN.toNanos());
    if (!added.isEmpty() || !removed.isEmpty()) {
      log.info("DNS listeners: added {}, removed {}", addresses(added), addresses(removed));
    }
  }

  /**
   * One slot per {@code wanted} entry: the current listener requested the same way, each used once
   * (two {@code 127.0.0.1:0} entries are two listeners), or null where one must be bound.
   */
  private List<Listener> keptFor(List<InetSocketAddress> wanted) {
    List<Listener> unclaimed = new ArrayList<>(listeners);
    List<Listener> slots = new ArrayList<>();
    for (InetSocketAddress w : wanted) {
      Listener match =
          unclaimed.stream().filter(l -> l.requested().equals(w)).findFirst().orElse(null);
      unclaimed.remove(match);
      slots.add(match);
    }
    return slots;
  }

  /** Binds one listener per address, in order; on a failure closes those it bound and throws. */
  private List<Listener> bindAll(List<InetSocketAddress> addresses) throws IOException {
    List<Listener> bound = new ArrayList<>();
    try {
      for (InetSocketAddress address : addresses) {
        bound.add(
            Listener.bind(
                Transport.udp(group, sockets).handler(udpInitializer(processor)),
                Transport.tcp(group).childHandler(tcpInitializer(processor)),
                sockets,
                address));
      }
      return bound;
    } catch (IOException | RuntimeException e) {
      bound.forEach(Listener::closeNow); // just bound, never announced: nothing to drain

      throw e;
    }
  }

  private static List<InetSocketAddress> addresses(List<Listener> listeners) {
    return listeners.stream().map(Listener::address).toList();
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
    close(listeners, deadline);
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

  /**
   * Closes {@code closing} by {@code deadline}: TCP stops accepting and UDP stops reading at once;
   * forwarded queries in flight (on any listener: the count is the server's) get up to half the
   * time left; then the UDP sockets and the TCP connections close.
   */
  private void close(List<Listener> closing, long deadline) {
    for (Listener l : closing) {
      l.tcpChannel().close().awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
      l.udpChannels().forEach(c -> c.config().setAutoRead(false));
    }
    if (!closing.isEmpty()) {
      awaitInFlight(System.nanoTime() + (deadline - System.nanoTime()) / 2);
    }
    for (Listener l : closing) {
      for (Channel c : l.udpChannels()) {
        c.close().awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
      }
      l.connections().close().awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
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
