package dev.wayfinder.dns;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's listeners, one per {@code dns.listen} entry in config order, and how that set is
 * opened, changed while serving and closed.
 *
 * <p>A change keeps every listener whose entry is still wanted as written (port 0 included: the
 * operator's {@code 127.0.0.1:0} stays the port it was given), binds the new entries before
 * anything is closed, and only then drains and closes the listeners no longer wanted. A new entry
 * that overlaps one being removed (the same port on the same address, or on a wildcard such as
 * {@code 0.0.0.0}) cannot be bound while that one holds the port: only then is the old one closed
 * first, and put back if the new one still fails.
 *
 * <p>Not thread-safe: {@link DnsServer} calls it under its own lock.
 */
final class ListenerSet {
  /** Binds the sockets of one {@code dns.listen} entry (the server's bootstraps and pipeline). */
  interface Binder {
    Listener bind(InetSocketAddress requested) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(ListenerSet.class);

  private final Binder binder;
  private final IntSupplier inFlight;
  private final List<Listener> listeners = new ArrayList<>();

  /**
   * @param inFlight the server's forwarded queries in flight, whose answers a closing listener
   *     waits for
   */
  ListenerSet(Binder binder, IntSupplier inFlight) {
    this.binder = binder;
    this.inFlight = inFlight;
  }

  /** Binds {@code addresses}; on a failure nothing stays bound and it throws. */
  void open(List<InetSocketAddress> addresses) throws IOException {
    listeners.addAll(bindAll(addresses));
  }

  /** The bound addresses in config order, with real ports where 0 was asked. */
  List<InetSocketAddress> addresses() {
    return addresses(listeners);
  }

  /**
   * Makes the set that of {@code wanted}, giving removed listeners until {@code drain} to answer
   * what they have read.
   *
   * @throws IOException when a new entry cannot be bound; the set is as it was then
   */
  void change(List<InetSocketAddress> wanted, Duration drain) throws IOException {
    long deadline = System.nanoTime() + drain.toNanos();
    List<Listener> next = keptFor(wanted);
    List<Listener> removed = new ArrayList<>(listeners);
    removed.removeAll(next); // identity: Listener keeps Object's equals
    List<Integer> fresh = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      if (next.get(i) == null) {
        fresh.add(i);
      }
    }
    List<Listener> added = bindFresh(fresh.stream().map(wanted::get).toList(), removed, deadline);
    for (int i = 0; i < fresh.size(); i++) {
      next.set(fresh.get(i), added.get(i));
    }
    listeners.clear();
    listeners.addAll(next);
    close(removed, deadline);
    if (!added.isEmpty() || !removed.isEmpty()) {
      log.info("DNS listeners: added {}, removed {}", addresses(added), addresses(removed));
    }
  }

  /**
   * Closes every listener by {@code deadline}: TCP stops accepting and UDP stops reading at once;
   * forwarded queries in flight get up to half the time left; then the sockets and the TCP
   * connections close.
   */
  void closeAll(long deadline) {
    close(listeners, deadline);
    listeners.clear();
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

  /**
   * Binds {@code fresh}; when that fails and removed listeners are in the way, closes those and
   * tries once more, putting them back if it fails again.
   */
  private List<Listener> bindFresh(
      List<InetSocketAddress> fresh, List<Listener> removed, long deadline) throws IOException {
    try {
      return bindAll(fresh);
    } catch (IOException e) {
      List<Listener> inTheWay =
          removed.stream().filter(l -> fresh.stream().anyMatch(a -> overlaps(l, a))).toList();
      if (inTheWay.isEmpty()) {
        throw e;
      }
      close(inTheWay, deadline);
      try {
        return bindAll(fresh);
      } catch (IOException | RuntimeException again) {
        putBack(inTheWay, again);
        throw again;
      }
    }
  }

  /** True when {@code wanted} cannot be bound while {@code l} holds its port. */
  private static boolean overlaps(Listener l, InetSocketAddress wanted) {
    InetSocketAddress held = l.address();
    return held.getPort() == wanted.getPort()
        && (held.getAddress().equals(wanted.getAddress())
            || held.getAddress().isAnyLocalAddress()
            || wanted.getAddress().isAnyLocalAddress());
  }

  /** Binds {@code closed} again where they were, in their places; {@code failure} gets the rest. */
  private void putBack(List<Listener> closed, Exception failure) {
    for (Listener old : closed) {
      int at = listeners.indexOf(old);
      try {
        listeners.set(at, binder.bind(old.address()).requestedAs(old.requested()));
        log.warn("DNS listener {} closed to make way and bound again", old.address());
      } catch (IOException | RuntimeException e) {
        listeners.remove(at);
        log.error("DNS listener {} is lost: it cannot be bound again", old.address(), e);
        failure.addSuppressed(e);
      }
    }
  }

  /** Binds one listener per address, in order; on a failure closes those it bound and throws. */
  private List<Listener> bindAll(List<InetSocketAddress> addresses) throws IOException {
    List<Listener> bound = new ArrayList<>();
    try {
      for (InetSocketAddress address : addresses) {
        bound.add(binder.bind(address));
      }
      return bound;
    } catch (IOException | RuntimeException e) {
      bound.forEach(Listener::closeNow); // just bound, never announced: nothing to drain
      throw e;
    }
  }

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
    while (inFlight.getAsInt() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(5); // closing only: a short poll keeps ForwardStep free of signalling
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static List<InetSocketAddress> addresses(List<Listener> listeners) {
    return listeners.stream().map(Listener::address).toList();
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
