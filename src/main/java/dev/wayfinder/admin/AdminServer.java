package dev.wayfinder.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener ({@code admin.listen}): one event loop thread for the connections
 * (Netty's HTTP codec, a 1 MiB body limit, the {@link HttpRouter}) and a few worker threads for the
 * answers, so a commit to the store never holds up the event loop. {@link #start} binds or throws;
 * {@link #stop} ends event streams, closes the listener and waits for answers in flight.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  /** Worker threads: a PUT waiting for its commit does not hold up a GET. */
  private static final int WORKERS = 2;

  private final EventLoopGroup group;
  private final ExecutorService workers;
  private final EventStream events;
  private final Channel listener;

  private AdminServer(
      EventLoopGroup group, ExecutorService workers, EventStream events, Channel listener) {
    this.group = group;
    this.workers = workers;
    this.events = events;
    this.listener = listener;
  }

  /**
   * Binds {@code ctx.config().listen()} and serves.
   *
   * @throws IOException when the address cannot be bound; nothing is left running then
   */
  public static AdminServer start(AdminContext ctx) throws IOException {
    EventLoopGroup group =
        new NioEventLoopGroup(1, new DefaultThreadFactory("wayfinder-admin", true));
    ExecutorService workers =
        Executors.newFixedThreadPool(
            WORKERS, Thread.ofPlatform().name("wayfinder-admin-worker-", 0).daemon().factory());
    EventStream events = new EventStream(ctx.health(), ctx.publishEvents());
    Routes routes = new Routes(ctx, new StaticFiles(AdminServer.class.getClassLoader()));
    HttpRouter router =
        new HttpRouter(routes, events, new BearerToken(ctx.config().token()), workers);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new BodyLimit(), router);
                  }
                });
    ChannelFuture bound = b.bind(ctx.config().listen()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      workers.shutdownNow();
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
      Throwable cause = bound.cause();
      throw new IOException(
          "cannot bind the admin listener "
              + hostPort(ctx.config().listen())
              + ": "
              + (cause == null ? "unknown reason" : cause.getMessage()),
          cause);
    }
    AdminServer server = new AdminServer(group, workers, events, bound.channel());
    log.info("admin API on http://{}", hostPort(server.address()));
    return server;
  }

  /** The bound address, with the real port when 0 was asked. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Stops within about {@code timeout}: streams end, the listener closes, answers in flight end.
   */
  public void stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    listener.close().awaitUninterruptibly(timeout.toMillis());
    events.closeAll();
    workers.shutdown();
    try {
      workers.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    group
        .shutdownGracefully(0, Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS)
        .awaitUninterruptibly(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(2));
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
