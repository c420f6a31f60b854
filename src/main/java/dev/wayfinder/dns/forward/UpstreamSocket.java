package dev.wayfinder.dns.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One long-lived UDP socket to one upstream: a Netty datagram channel bound to a port the kernel
 * picks (Linux picks ephemeral ports at random) and connected to the upstream, so the kernel
 * already drops datagrams from any other source. Queries carry random 16-bit IDs from a {@link
 * SecureRandom} (RFC 5452 section 9.2); the in-flight table is keyed by ID within this socket, and
 * a reply is accepted only from the upstream's address and port, for an ID in flight, with the
 * question asked ({@link QueryWire#answers}); anything else is dropped and the query keeps waiting
 * (RFC 5452 section 9.1). Everything but {@link #send} runs on the channel's event loop; {@link
 * #send} hands over to it when called elsewhere.
 */
final class UpstreamSocket extends SimpleChannelInboundHandler<DatagramPacket> {
  /** Half the ID space: beyond this a random free ID takes too many draws, and it is a flood. */
  private static final int MAX_IN_FLIGHT = 1 << 15;

  private final InetSocketAddress upstream;
  private final EventLoop loop;
  private final SecureRandom random;
  private final IntObjectHashMap<Pending> inFlight = new IntObjectHashMap<>();
  private final long openedNanos = System.nanoTime();
  private final ChannelFuture connected;

  /** Under the pool's lock ({@link UpstreamClient}). */
  private int queriesSent;

  /** On the loop only, like {@link #inFlight}: queries handed to {@link #sendOnLoop} so far. */
  private int queriesHandled;

  /**
   * On the loop only: how many queries the pool gave this socket in all, once it is retired (-1
   * before); it closes when it has handled that many and none is in flight.
   */
  private int finalQueryCount = -1;

  /** On the loop only: a flush of the queries written this turn of the loop is queued. */
  private boolean flushQueued;

  /**
   * Sends what this turn of the loop wrote: the queries handed over while the loop read one batch
   * of datagrams (a cache's refreshes come in bursts as their TTLs run out together) leave in one
   * {@code sendmmsg} instead of a {@code sendto} each.
   */
  private final Runnable flush = this::flushNow;

  /** A query waiting for its reply. */
  private record Pending(
      CacheKey key, CompletableFuture<byte[]> result, ScheduledFuture<?> timer) {}

  private UpstreamSocket(InetSocketAddress upstream, EventLoop loop, SecureRandom random) {
    super(false);
    this.upstream = upstream;
    this.loop = loop;
    this.random = random;
    this.connected =
        new Bootstrap()
            .group(loop)
            .channel(
                loop instanceof NioEventLoop
                    ? NioDatagramChannel.class
                    : EpollDatagramChannel.class)
            .handler(this)
            .connect(upstream); // binds to a kernel-chosen port first
  }

  /** Opens a socket on {@code loop}; the connect completes there before the first query leaves. */
  static UpstreamSocket open(InetSocketAddress upstream, EventLoop loop, SecureRandom random) {
    return new UpstreamSocket(upstream, loop, random);
  }

  EventLoop loop() {
    return loop;
  }

  /** Counts a query against this socket's budget; the caller holds the pool's lock. */
  void countQuery() {
    queriesSent++;
  }

  /** Queries counted so far; the caller holds the pool's lock. */
  int queriesSent() {
    return queriesSent;
  }

  long openedNanos() {
    return openedNanos;
  }

  /** Local port, for tests and logs; 0 until connected. */
  int localPort() {
    Channel ch = connected.channel();
    return ch.localAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
  }

  /**
   * Sends the query for {@code key}; {@code result} completes with the reply's bytes, or
   * exceptionally on a socket error or when {@code timeoutNanos} pass. Callable from any thread.
   */
  void send(CacheKey key, CompletableFuture<byte[]> result, long timeoutNanos) {
    if (loop.inEventLoop()) {
      sendOnLoop(key, result, timeoutNanos);
    } else {
      loop.execute(() -> sendOnLoop(key, result, timeoutNanos));
    }
  }

  private void sendOnLoop(CacheKey key, CompletableFuture<byte[]> result, long timeoutNanos) {
    if (!connected.isDone()) {
      connected.addListener(f -> sendOnLoop(key, result, timeoutNanos));
      return;
    }
    queriesHandled++;
    Channel ch = connected.channel();
    if (!connected.isSuccess() || !ch.isActive()) {
      Throwable cause = connected.cause();
      result.completeExceptionally(cause != null ? cause : new ClosedChannelException());
      return;
    }
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      result.completeExceptionally(new IllegalStateException("too many queries in flight"));
      return;
    }
    int id = freeId();
    ScheduledFuture<?> timer = loop.schedule(() -> expire(id), timeoutNanos, TimeUnit.NANOSECONDS);
    inFlight.put(id, new Pending(key, result, timer));
    ch.write(QueryWire.query(ch.alloc(), id, key))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                fail(id, f.cause());
              }
            });
    if (!flushQueued) {
      flushQueued = true;
      loop.execute(flush); // runs after the I/O this turn of the loop is handling
    }
  }

  private void flushNow() {
    flushQueued = false;
    connected.channel().flush();
  }

  /** A random ID not in flight on this socket (at most a few hundred are). */
  private int freeId() {
    int id;
    do {
      id = random.nextInt(1 << 16);
    } while (inFlight.containsKey(id));
    return id;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    try {
      ByteBuf reply = packet.content();
      if (!upstream.equals(packet.sender()) || reply.readableBytes() < AnswerCodec.HEADER_LENGTH) {
        return;
      }
      int id = reply.getUnsignedShort(reply.readerIndex());
      Pending pending = inFlight.get(id);
      if (pending == null || !QueryWire.answers(reply, id, pending.key())) {
        return; // late, spoofed or mangled: the query keeps waiting for its own reply
      }
      inFlight.remove(id);
      pending.timer().cancel(false);
      pending.result().complete(ByteBufUtil.getBytes(reply));
    } finally {
      packet.release();
      closeIfDone();
    }
  }

  private void expire(int id) {
    fail(id, new TimeoutException("no reply from " + upstream + " in time"));
  }

  private void fail(int id, Throwable cause) {
    Pending pending = inFlight.remove(id);
    if (pending != null) {
      pending.timer().cancel(false);
      pending.result().completeExceptionally(cause);
    }
    closeIfDone();
  }

  /**
   * Takes no more queries: the pool has handed it {@code queriesGiven} in all (some may still be on
   * their way to the loop); it closes once those are answered or timed out.
   */
  void retire(int queriesGiven) {
    try {
      loop.execute(
          () -> {
            finalQueryCount = queriesGiven;
            closeIfDone();
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The loop is gone, and its channels with it.
    }
  }

  /** Closes now; queries in flight fail. */
  void close() {
    try {
      loop.execute(
          () -> {
            finalQueryCount = 0;
            failAll(new ClosedChannelException());
            connected.channel().close();
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The loop is gone, and its channels with it.
    }
  }

  private void closeIfDone() {
    if (finalQueryCount >= 0 && queriesHandled >= finalQueryCount && inFlight.isEmpty()) {
      connected.channel().close();
    }
  }

  /**
   * On a connected socket the kernel reports an ICMP port unreachable from the upstream as an error
   * on the next read: nothing listens there, so the queries in flight fail now and move on to the
   * next upstream instead of waiting out their timeouts. Other errors leave them to it.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof PortUnreachableException) {
      failAll(cause);
    }
  }

  private void failAll(Throwable cause) {
    for (int id : inFlight.keySet().toArray(new Integer[0])) {
      fail(id, cause);
    }
  }
}
