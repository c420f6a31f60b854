package dev.wayfinder.dns.forward;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.WireParseException;

/**
 * One upstream resolver: UDP through a small pool of long-lived {@link UpstreamSocket}s on Netty
 * event loops, and TCP through dnsjava when a UDP reply comes back truncated (RFC 7766 section 5;
 * rare enough that a connection per retry is fine).
 *
 * <p>Socket policy (RFC 5452 section 9.2: an unpredictable ID and source port). dnsjava, like
 * Unbound, opens a socket on a fresh random port for every query, so each query carries 16 bits of
 * ID and about 15 of port. That costs a socket, a bind, a connect, an epoll registration and a
 * close per query. Here {@link SocketPolicy#sockets()} sockets per upstream, each on a port the
 * kernel picks at random, are reused and replaced after {@link SocketPolicy#maxQueries()} queries
 * or {@link SocketPolicy#maxAge()}, whichever comes first. The trade: within one socket's life an
 * attacker who has learnt its port (by a side channel such as SAD DNS's ICMP rate limit) faces the
 * ID alone, so the bounds keep that window short; a connected socket does not answer a port scan
 * from another address (the kernel sends port unreachable as for a closed port), and the query is
 * sent on a random socket of the pool.
 */
final class UpstreamClient {
  /**
   * How many sockets per upstream, and how long each lives.
   *
   * @param sockets sockets open at a time
   * @param maxQueries queries sent on one socket before it is replaced
   * @param maxAge how long one socket takes new queries
   * @param maxInFlight queries in flight to the upstream at a time; more wait ({@link
   *     InFlightLimit})
   */
  record SocketPolicy(int sockets, int maxQueries, Duration maxAge, int maxInFlight) {
    /**
     * Four sockets, each replaced after 1,000 queries or 30 seconds; 100 queries in flight per
     * upstream (about half of what a default-sized receive buffer, 208 KiB, holds on the upstream's
     * side: a loopback datagram takes about 1 KiB of it).
     */
    static final SocketPolicy DEFAULT = new SocketPolicy(4, 1000, Duration.ofSeconds(30), 100);
  }

  private final InetSocketAddress address;
  private final Duration timeout;
  private final EventLoopGroup group;
  private final SocketPolicy policy;
  private final SecureRandom random = new SecureRandom();
  private final SimpleResolver tcp;
  private final UpstreamSocket[] sockets;
  private final InFlightLimit limit;
  private boolean stopped;

  UpstreamClient(
      InetSocketAddress address, Duration timeout, EventLoopGroup group, SocketPolicy policy) {
    this.address = address;
    this.timeout = timeout;
    this.group = group;
    this.policy = policy;
    this.sockets = new UpstreamSocket[policy.sockets()];
    this.limit = new InFlightLimit(policy.maxInFlight());
    this.tcp = new SimpleResolver(address);
    tcp.setTCP(true);
    tcp.setTimeout(timeout);
    tcp.setEDNS(0, QueryWire.EDNS_PAYLOAD, 0, List.of());
  }

  InetSocketAddress address() {
    return address;
  }

  /**
   * Sends the question in {@code key} and completes with the reply's wire bytes, or exceptionally
   * on a network error, a malformed reply or when the timeout passes. The timeout bounds the whole
   * exchange, a TCP retry included.
   */
  CompletableFuture<byte[]> send(CacheKey key) {
    long start = System.nanoTime();
    CompletableFuture<byte[]> udp = new CompletableFuture<>();
    limit.submit(() -> dispatch(key, udp, start));
    return udp.thenCompose(
        reply ->
            QueryWire.truncated(reply)
                ? overTcp(key, timeout.toNanos() - (System.nanoTime() - start))
                : CompletableFuture.completedFuture(reply));
  }

  /**
   * Sends a query that may have waited for a slot ({@link InFlightLimit}): true when it went out,
   * false when it ended at once (stopped, or its time ran out while it waited).
   */
  private boolean dispatch(CacheKey key, CompletableFuture<byte[]> udp, long start) {
    long now = System.nanoTime();
    long remaining = timeout.toNanos() - (now - start);
    UpstreamSocket socket = remaining > 0 ? pick(now) : null;
    if (socket == null) {
      udp.completeExceptionally(
          remaining > 0
              ? new IllegalStateException("stopped")
              : new TimeoutException("no slot for a query to " + address + " in time"));
      return false;
    }
    udp.whenComplete((reply, error) -> limit.release());
    socket.send(key, udp, remaining);
    return true;
  }

  /**
   * A socket from the pool for one more query: one on the caller's event loop if there is one (no
   * hand-over), else a random one; a socket past its budget is retired and replaced first.
   */
  private synchronized UpstreamSocket pick(long nowNanos) {
    if (stopped) {
      return null;
    }
    int first = ThreadLocalRandom.current().nextInt(sockets.length);
    int slot = first;
    for (int i = 0; i < sockets.length; i++) {
      int candidate = (first + i) % sockets.length;
      if (sockets[candidate] != null && sockets[candidate].loop().inEventLoop()) {
        slot = candidate;
        break;
      }
    }
    UpstreamSocket socket = sockets[slot];
    if (socket != null && exhausted(socket, nowNanos)) {
      socket.retire(socket.queriesSent());
      socket = null;
    }
    if (socket == null) {
      socket = UpstreamSocket.open(address, loopFor(), random);
      sockets[slot] = socket;
    }
    socket.countQuery();
    return socket;
  }

  private boolean exhausted(UpstreamSocket socket, long nowNanos) {
    return socket.queriesSent() >= policy.maxQueries()
        || nowNanos - socket.openedNanos() > policy.maxAge().toNanos();
  }

  /** The caller's loop when it is one of the group's, so its replies come back on it. */
  private EventLoop loopFor() {
    for (var executor : group) {
      if (executor.inEventLoop()) {
        return (EventLoop) executor;
      }
    }
    return group.next();
  }

  /** RFC 7766 section 5: the truncated UDP reply's question again, over TCP. */
  private CompletableFuture<byte[]> overTcp(CacheKey key, long remainingNanos) {
    Message query;
    try {
      query =
          Message.newQuery(
              Record.newRecord(AnswerCodec.questionName(key), key.qtype(), key.qclass()));
    } catch (WireParseException e) {
      return CompletableFuture.failedFuture(e);
    }
    return tcp.sendAsync(query)
        .toCompletableFuture()
        .orTimeout(Math.max(1, remainingNanos), TimeUnit.NANOSECONDS)
        .thenApply(
            response -> {
              byte[] wire = response.toWire();
              if (!QueryWire.answers(wire, response.getHeader().getID(), key)) {
                throw new IllegalStateException("TCP reply to another question");
              }
              return wire;
            });
  }

  /** Closes every socket; queries in flight fail. */
  void stop() {
    synchronized (this) {
      stopped = true;
      for (int i = 0; i < sockets.length; i++) {
        if (sockets[i] != null) {
          sockets[i].close();
          sockets[i] = null;
        }
      }
    }
    limit.drain().forEach(BooleanSupplier::getAsBoolean); // each fails: stopped
  }

  @Override
  public String toString() {
    return "upstream " + address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
