package dev.wayfinder.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A small asynchronous HTTP/1.1 GET client for probes, on one shared Netty event-loop thread.
 *
 * <p>Not the JDK {@code HttpClient}: even one shared JDK client spends far more CPU per request in
 * its layers of completion stages, executors and selector wake-ups than a probe's own work, which
 * thousands of probes a second multiply ({@code bench/health.sh}). Here a request is one write of
 * prepared bytes and a few reads on the event loop, with idle keep-alive connections pooled per
 * server address and TLS peer name ({@link ConnectionPool}).
 *
 * <p>Nothing blocks: {@link #get} returns a future completed on the event loop by the deadline.
 */
final class NettyHttpClient {
  private static final boolean EPOLL = Epoll.isAvailable();
  private static final EventLoopGroup GROUP =
      EPOLL
          ? new EpollEventLoopGroup(1, new DefaultThreadFactory("health-http", true))
          : new NioEventLoopGroup(1, new DefaultThreadFactory("health-http", true));
  private static final EventLoop LOOP = (EventLoop) GROUP.next();

  private record PoolKey(InetSocketAddress remote, String peer) {}

  private final SSLContext tls; // null for plain http
  private final Map<PoolKey, ConnectionPool> pools = new ConcurrentHashMap<>();

  NettyHttpClient(SSLContext tls) {
    this.tls = tls;
  }

  /** Prepares the probe request of one URL, once; throws IllegalArgumentException if unusable. */
  HttpRoute route(HttpTarget target, boolean wantBody, int bodyLimit) {
    ConnectionPool pool =
        target.literal() == null
            ? null
            : pool(new InetSocketAddress(target.literal(), target.port()), target);
    return new HttpRoute(target, HttpRoute.encode(target), pool, wantBody, bodyLimit);
  }

  /**
   * GETs the route's URL; the future completes, by {@code deadline} (a {@code System.nanoTime}
   * value), with the answer, the failure, or a {@link java.util.concurrent.TimeoutException}.
   */
  CompletableFuture<HttpExchange.Answer> get(HttpRoute route, long deadline) {
    HttpCall call = new HttpCall(route, deadline);
    if (route.pool() != null) {
      startOnLoop(call, route.pool());
    } else {
      // A host name: the lookup blocks (the JDK caches it), so not on the timer or event loop.
      Thread.ofVirtual().name("health-resolve").start(() -> resolveThenStart(call, route));
    }
    return call.result;
  }

  private void resolveThenStart(HttpCall call, HttpRoute route) {
    HttpTarget target = route.target();
    try {
      InetAddress address = InetAddress.getByName(target.host());
      startOnLoop(call, pool(new InetSocketAddress(address, target.port()), target));
    } catch (UnknownHostException e) {
      call.result.completeExceptionally(e);
    }
  }

  private static void startOnLoop(HttpCall call, ConnectionPool pool) {
    if (LOOP.inEventLoop()) {
      call.begin(pool, LOOP);
    } else {
      LOOP.execute(() -> call.begin(pool, LOOP));
    }
  }

  private ConnectionPool pool(InetSocketAddress remote, HttpTarget target) {
    return pools.computeIfAbsent(
        new PoolKey(remote, target.host()),
        k -> new ConnectionPool(nanos -> open(remote, target, nanos)));
  }

  /** On the event loop: a connection ready for requests (TLS handshake done) or the failure. */
  private Future<Channel> open(InetSocketAddress remote, HttpTarget target, long connectNanos) {
    Promise<Channel> ready = LOOP.newPromise();
    int millis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(connectNanos));
    ChannelFuture connected =
        new Bootstrap()
            .group(LOOP)
            .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(initializer(target))
            .connect(remote);
    connected.addListener(
        f -> {
          Channel channel = connected.channel();
          if (!f.isSuccess()) {
            ready.tryFailure(f.cause());
            return;
          }
          SslHandler ssl = channel.pipeline().get(SslHandler.class);
          if (ssl == null) {
            ready.trySuccess(channel);
            return;
          }
          ssl.handshakeFuture()
              .addListener(
                  h -> {
                    if (h.isSuccess()) {
                      ready.trySuccess(channel);
                    } else {
                      channel.close();
                      ready.tryFailure(h.cause());
                    }
                  });
        });
    return ready;
  }

  private ChannelInitializer<Channel> initializer(HttpTarget target) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (tls != null) {
          ch.pipeline().addLast(new SslHandler(engine(target)));
        }
        // Requests are written as prepared bytes (HttpRoute): only responses need a codec.
        ch.pipeline().addLast(new HttpResponseDecoder(), new HttpExchange());
      }
    };
  }

  /**
   * A client engine for the URL host: SNI is sent for a name only (RFC 6066 section 3, the JDK
   * leaves it out for an IP literal), and the certificate must match the host (RFC 9110 section
   * 4.3.4), unless the trust is {@code insecure}, whose trust manager skips both checks.
   */
  private SSLEngine engine(HttpTarget target) {
    SSLEngine engine = tls.createSSLEngine(target.host(), target.port());
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(params);
    return engine;
  }
}
