package dev.wayfinder.dns;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.config.TsigKeyConfig;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.dns.forward.Forwarder;
import dev.wayfinder.zone.ZoneView;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  /**
   * How long a listener removed by {@link #rebind} is given to answer what it has read: half of it
   * for forwarded queries in flight; an answer that comes later has no socket to leave by.
   */
  static final Duration REBIND_DRAIN = Duration.ofSeconds(2);

  private final WayfinderConfig config;
  private final Authority authority;
  private final ZoneView view;
  private final Upstream upstreamOverride;
  private final QueryObserver observer;
  private final ListenerSet listeners = new ListenerSet(this::bind, this::forwardsInFlight);
  private EventLoopGroup group;
  private RequestProcessor processor;
  private TcpConnectionLimit tcpLimit;
  private int sockets;
  private Forwarder forwarder;
  private ForwardStep forward;
  private volatile NotifySender notifier;

  public DnsServer(WayfinderConfig config, ZoneView zone) {
    this(config, zone, QueryObserver.NOOP);
  }

  /**
   * @param observer told of every query answered (metrics, query log) and of the forwarder
   */
  public DnsServer(WayfinderConfig config, ZoneView zone, QueryObserver observer) {
    this(config, Authority.of(zone), zone, null, observer);
  }

  /**
   * @param upstream resolves names outside the zone instead of a {@link Forwarder} (tests), or null
   *     for the real one
   */
  DnsServer(WayfinderConfig config, Authority authority, Upstream upstream) {
    this(config, authority, upstream, QueryObserver.NOOP);
  }

  DnsServer(
      WayfinderConfig config, Authority authority, Upstream upstream, QueryObserver observer) {
    this(config, authority, null, upstream, observer);
  }

  private DnsServer(
      WayfinderConfig config,
      Authority authority,
      ZoneView view,
      Upstream upstream,
      QueryObserver observer) {
    this.config = config;
    this.authority = authority;
    this.view = view;
    this.upstreamOverride = upstream;
    this.observer = observer;
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
    tcpLimit = new TcpConnectionLimit(dns.limits().tcpConnections(), dns.limits().tcpPerSource());
    try {
      processor =
          new RequestProcessor(router(dns), observer, ResponseRateLimit.of(dns.rateLimit()));
      sockets = Transport.udpSockets(THREADS);
      listeners.open(dns.listen());
      startNotifying(dns);
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
   * config this server started with stay as they are. Details: {@link ListenerSet}.
   *
   * @throws IOException when a new address cannot be bound; the listeners are as they were then,
   *     and the message names the address
   * @throws IllegalStateException when the server is not started
   */
  public synchronized void rebind(List<InetSocketAddress> wanted) throws IOException {
    if (group == null) {
      throw new IllegalStateException("the DNS server is not started");
    }
    listeners.change(wanted, REBIND_DRAIN);
  }

  /**
   * With {@code dns.transfer.notify} targets (and a zone that changes): NOTIFY them of the serial
   * now, so a restarted server's secondaries catch up, and of every serial change after.
   */
  private void startNotifying(DnsConfig dns) throws IOException {
    List<InetSocketAddress> targets = dns.transfer().notifyTargets();
    if (view == null || targets.isEmpty()) {
      return;
    }
    NotifySender sender =
        new NotifySender(
            targets,
            transferKey(dns.transfer().tsig()),
            (target, result) -> observer.notifySent(result));
    notifier = sender;
    view.addSerialListener(
        snapshot -> {
          NotifySender n = notifier;
          if (n != null) {
            n.serialChanged(snapshot);
          }
        });
    sender.serialChanged(view.current());
  }

  private Listener bind(InetSocketAddress address) throws IOException {
    return Listener.bind(
        Transport.udp(group, sockets).handler(udpInitializer(processor)),
        Transport.tcp(group)
            .childHandler(
                tcpInitializer(processor, tcpLimit, config.dns().limits().tcpIdle(), observer)),
        sockets,
        address);
  }

  private QueryHandler router(DnsConfig dns) {
    Upstream upstream = upstreamOverride;
    if (upstream == null && !dns.forward().upstreams().isEmpty()) {
      // Upstream sockets on the server's loops.
      forwarder = new Forwarder(dns.forward(), group, observer.upstreamMetrics());
      observer.registerCacheEntries(forwarder::cacheEntries);
      upstream = Upstream.of(forwarder);
    }
    forward = new ForwardStep(upstream, dns.forward().allowFrom(), dns.limits().forwardInFlight());
    ZoneTransfer transfer =
        new ZoneTransfer(authority, dns.transfer().allowFrom(), transferKey(dns.transfer().tsig()));
    return new QueryRouter(authority, transfer, forward);
  }

  private TSIG transferKey(String name) {
    return name == null ? null : TransferSigning.key(TsigKeyConfig.named(config.tsigKeys(), name));
  }

  private static ChannelInitializer<DatagramChannel> udpInitializer(RequestProcessor processor) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(DatagramChannel ch) {
        ch.pipeline().addLast(new UdpHandler(processor));
      }
    };
  }

  /**
   * A connection over {@code limit} is closed at once (and counted); the others are closed after
   * {@code idle} without a byte read or written, or when a message begun is not whole {@code idle}
   * after its first byte (RFC 7766 6.2.3).
   */
  private static ChannelInitializer<SocketChannel> tcpInitializer(
      RequestProcessor processor, TcpConnectionLimit limit, Duration idle, QueryObserver observer) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        InetAddress source = ch.remoteAddress().getAddress();
        if (!limit.tryOpen(source)) {
          observer.recorder().tcpRefused();
          ch.close();
          return;
        }
        ch.closeFuture().addListener(f -> limit.closed(source));
        ch.pipeline()
            .addLast(new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS))
            .addLast(new LengthFieldPrepender(2))
            .addLast(new TcpFrameDecoder(idle))
            .addLast(new TcpHandler(processor));
      }
    };
  }

  /** The bound addresses, one per {@code dns.listen} entry, in config order (after start). */
  public synchronized List<InetSocketAddress> boundAddresses() {
    return listeners.addresses();
  }

  /**
   * Closes the listeners, answers what is in flight, and waits at most {@code timeout}: TCP stops
   * accepting and UDP stops reading at once; forwarded queries get up to half the time to be
   * answered; then the sockets close and the event loops shut down.
   */
  public synchronized void stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    listeners.closeAll(deadline);
    if (notifier != null) {
      notifier.close();
      notifier = null;
    }
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

  private int forwardsInFlight() {
    return forward == null ? 0 : forward.inFlight();
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
