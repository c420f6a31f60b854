package dev.wayfinder.health;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One probe request from start to verdict, on the client's event loop: waits for a connection,
 * sends the prepared request, and completes {@link #result} with the answer, the failure, or a
 * {@link TimeoutException} at the deadline (then the connection is closed, since a late answer
 * would otherwise arrive for the next request).
 */
final class HttpCall extends HttpExchange.Pending implements Runnable {
  /** Shared: only its type is looked at. */
  private static final TimeoutException TIMEOUT = new TimeoutException("probe deadline");

  final CompletableFuture<HttpExchange.Answer> result = new CompletableFuture<>();
  private final HttpRoute route;
  private final long deadline;
  private ConnectionPool pool;
  private ScheduledFuture<?> timer;
  private Channel channel;
  private HttpExchange exchange;
  private boolean reused;
  private boolean retried;
  private boolean done;

  HttpCall(HttpRoute route, long deadline) {
    super(route.wantBody(), route.bodyLimit());
    this.route = route;
    this.deadline = deadline;
  }

  /** On the event loop: arms the deadline and asks the pool for a connection. */
  void begin(ConnectionPool pool, EventLoop loop) {
    this.pool = pool;
    long left = left();
    if (left <= 0) {
      run();
      return;
    }
    timer = loop.schedule(this, left, TimeUnit.NANOSECONDS);
    pool.dispatch(this);
  }

  boolean done() {
    return done;
  }

  long left() {
    return Math.max(1, deadline - System.nanoTime());
  }

  /** Sends the request on {@code c}, which is now this call's until the answer. */
  void send(Channel c, boolean wasUsed) {
    channel = c;
    reused = wasUsed;
    exchange = (HttpExchange) c.pipeline().last();
    exchange.begin(this);
    c.writeAndFlush(Unpooled.wrappedBuffer(route.request()), c.voidPromise());
  }

  @Override
  void answered(HttpExchange.Answer answer) {
    if (done) {
      return;
    }
    finish();
    if (answer.reusable() && channel.isActive()) {
      pool.release(channel);
    } else {
      channel.close();
    }
    result.complete(answer);
  }

  @Override
  void failed(Throwable cause) {
    if (done) {
      return;
    }
    if (reused && !retried && cause instanceof ClosedChannelException) {
      // The server closed the kept-alive connection as the request went out: once more.
      retried = true;
      channel = null;
      pool.dispatch(this);
      return;
    }
    fail(cause);
  }

  /** Ends the call with {@code cause} (also used by the pool when a connect fails). */
  void fail(Throwable cause) {
    if (done) {
      return;
    }
    finish();
    if (channel != null) {
      channel.close();
    }
    result.completeExceptionally(cause);
  }

  /** The deadline. */
  @Override
  public void run() {
    if (done) {
      return;
    }
    done = true;
    if (channel != null) {
      exchange.abandon();
      channel.close();
    }
    result.completeExceptionally(TIMEOUT);
  }

  private void finish() {
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
