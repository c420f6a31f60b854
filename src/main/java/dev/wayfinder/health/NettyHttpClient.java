package dev.wayfinder.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A small HTTP/1.1 GET client for probes, on one shared Netty event-loop thread.
 *
 * <p>Why not the JDK {@code HttpClient}: measured with {@code bench/health.sh} (10,000 endpoints, 1
 * s interval), even one shared JDK client cost ~100 µs of CPU per request in its layers of
 * completion stages, executors and selector wake-ups, so 10,000 probes/s alone took most of the two
 * cores. Here a request is one write and a few reads on an event loop, with idle keep-alive
 * connections pooled per server address and TLS peer name.
 *
 * <p>Callers block (they are virtual threads) until the answer or the deadline; on a deadline the
 * connection is closed, since a late answer would otherwise arrive for the next request.
 */
final class NettyHttpClient {
  private static final boolean EPOLL = Epoll.isAvailable();
  private static final EventLoopGroup GROUP =
      EPOLL
          ? new EpollEventLoopGroup(1, new DefaultThreadFactory("health-http", true))
          : new NioEventLoopGroup(1, new DefaultThreadFactory("health-http", true));

  private record PoolKey(InetSocketAddress remote, String peer) {}

  private final SSLContext tls; // null for plain http
  private final Map<PoolKey, Deque<Channel>> idle = new ConcurrentHashMap<>();

  NettyHttpClient(SSLContext tls) {
    this.tls = tls;
  }

  /**
   * GETs {@code target}; the whole exchange, connection and TLS handshake included, ends by {@code
   * deadline} (a {@code System.nanoTime} value) or throws {@link TimeoutException}.
   */
  HttpExchange.Answer get(HttpTarget target, boolean wantBody, int bodyLimit, long deadline)
      throws IOException, TimeoutException, ExecutionException, InterruptedException {
    PoolKey key =
        new PoolKey(new InetSocketAddress(target.address(), target.port()), target.host());
    Deque<Channel> pool = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
    Channel reused = takeIdle(pool);
    if (reused != null) {
      try {
        return exchange(reused, pool, target, wantBody, bodyLimit, deadline);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ClosedChannelException)) {
          throw e;
        }
        // The server closed the idle connection as the request went out: try a fresh one.
      }
    }
    Channel fresh = connect(key, target, deadline);
    return exchange(fresh, pool, target, wantBody, bodyLimit, deadline);
  }

  private static Channel takeIdle(Deque<Channel> pool) {
    // Most recently used first, so a handful of connections stay busy and extras idle out.
    for (Channel c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
      if (c.isActive()) {
        return c;
      }
    }
    return null;
  }

  private HttpExchange.Answer exchange(
      Channel channel,
      Deque<Channel> pool,
      HttpTarget target,
      boolean wantBody,
      int bodyLimit,
      long deadline)
      throws TimeoutException, ExecutionException, InterruptedException {
    HttpExchange.Pending pending = new HttpExchange.Pending(wantBody, bodyLimit);
    channel.pipeline().get(HttpExchange.class).begin(pending);
    DefaultFullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target.pathAndQuery());
    request
        .headers()
        .set(HttpHeaderNames.HOST, target.hostHeader())
        .set(HttpHeaderNames.USER_AGENT, "wayfinder-health")
        .set(HttpHeaderNames.ACCEPT, "*/*");
    channel.writeAndFlush(request, channel.voidPromise());
    try {
      HttpExchange.Answer answer = pending.answer.get(left(deadline), TimeUnit.NANOSECONDS);
      if (answer.reusable() && channel.isActive()) {
        pool.offerFirst(channel);
      } else {
        channel.close();
      }
      return answer;
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      channel.close();
      throw e;
    }
  }

  private Channel connect(PoolKey key, HttpTarget target, long deadline)
      throws TimeoutException, ExecutionException, InterruptedException {
    int millis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left(deadline)));
    ChannelFuture connected =
        new Bootstrap()
            .group(GROUP)
            .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(initializer(target))
            .connect(key.remote());
    Channel channel = connected.channel();
    try {
      await(connected, deadline);
      SslHandler ssl = channel.pipeline().get(SslHandler.class);
      if (ssl != null) {
        await(ssl.handshakeFuture(), deadline);
      }
      return channel;
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      channel.close();
      throw e;
    }
  }

  private ChannelInitializer<Channel> initializer(HttpTarget target) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (tls != null) {
          ch.pipeline().addLast(new SslHandler(engine(target)));
        }
        ch.pipeline().addLast(new HttpClientCodec(), new HttpExchange());
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

  private static void await(Future<?> future, long deadline)
      throws TimeoutException, ExecutionException, InterruptedException {
    if (!future.await(left(deadline), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException();
    }
    if (!future.isSuccess()) {
      throw new ExecutionException(future.cause());
    }
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
