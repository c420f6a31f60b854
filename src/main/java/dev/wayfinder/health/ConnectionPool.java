package dev.wayfinder.health;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.function.LongFunction;

/**
 * The keep-alive connections to one server (address and TLS peer name), and the requests waiting
 * for one. Confined to the client's event loop: no locks.
 *
 * <p>Connect-rate smoothing: at most {@link #MAX_CONNECTING} connections to a server are being
 * opened at once; requests beyond wait for the next connection that opens or comes free. Without
 * that, a burst of probes (the first round, or the timer catching up after a pause) would open a
 * connection each, all at once: SYN and accept backlog, TLS handshakes and the server's accept loop
 * then make exactly those first probes time out, and the first result decides the state (SPEC). A
 * local HTTP exchange is short next to a probe interval, so a few kept-alive connections carry many
 * probes each.
 */
final class ConnectionPool {
  static final int MAX_CONNECTING = 8;

  /** Opens a connection, ready for requests (TLS handshake done), within the given nanoseconds. */
  private final LongFunction<Future<Channel>> connector;

  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final ArrayDeque<HttpCall> waiting = new ArrayDeque<>();
  private int connecting;

  ConnectionPool(LongFunction<Future<Channel>> connector) {
    this.connector = connector;
  }

  /** Sends {@code call} on an idle connection, or queues it for the next one. */
  void dispatch(HttpCall call) {
    Channel c = takeIdle();
    if (c != null) {
      call.send(c, true);
      return;
    }
    waiting.add(call);
    openMore();
  }

  /** A connection free for the next request: to the oldest waiting call, else idle. */
  void release(Channel channel) {
    HttpCall next = nextWaiting();
    if (next != null) {
      next.send(channel, true);
    } else {
      idle.addFirst(channel);
    }
  }

  int idleCount() {
    return idle.size();
  }

  private Channel takeIdle() {
    // Most recently used first, so a handful of connections stay busy and extras idle out.
    for (Channel c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      if (c.isActive()) {
        return c;
      }
    }
    return null;
  }

  private HttpCall nextWaiting() {
    for (HttpCall c = waiting.poll(); c != null; c = waiting.poll()) {
      if (!c.done()) {
        return c;
      }
    }
    return null;
  }

  private void openMore() {
    while (!waiting.isEmpty() && waiting.peek().done()) {
      waiting.poll(); // timed out while waiting
    }
    while (connecting < MAX_CONNECTING && connecting < waiting.size()) {
      connecting++;
      connector.apply(waiting.peek().left()).addListener(this::opened);
    }
  }

  @SuppressWarnings("unchecked")
  private void opened(Future<?> future) {
    connecting--;
    if (future.isSuccess()) {
      release(((Future<Channel>) future).getNow());
      return;
    }
    HttpCall first = nextWaiting();
    if (first != null) {
      first.fail(future.cause()); // e.g. connection refused: the oldest request learns it
    }
    openMore();
  }
}
