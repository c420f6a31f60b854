package dev.wayfinder.dns;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the TCP connections open at once ({@code dns.limits.tcp_connections} over every listener,
 * {@code tcp_per_source} per client address), so slow or idle clients cannot take every file
 * descriptor and event-loop slot (RFC 7766 6.2.2 asks servers to bound both). A connection over
 * either bound is closed as soon as it is accepted. The per-address counts exist only while that
 * address has a connection open, so they are bounded by {@code tcp_connections}. Thread-safe.
 */
final class TcpConnectionLimit {
  private final int total;
  private final int perSource;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> bySource = new ConcurrentHashMap<>();

  TcpConnectionLimit(int total, int perSource) {
    this.total = total;
    this.perSource = perSource;
  }

  /**
   * Counts a connection from {@code source} when both bounds allow it.
   *
   * @return false when it is over a bound (nothing is counted then)
   */
  boolean tryOpen(InetAddress source) {
    if (open.incrementAndGet() > total) {
      open.decrementAndGet();
      return false;
    }
    boolean[] counted = new boolean[1];
    bySource.compute(
        source,
        (address, n) -> {
          int now = n == null ? 0 : n;
          if (now >= perSource) {
            return n;
          }
          counted[0] = true;
          return now + 1;
        });
    if (!counted[0]) {
      open.decrementAndGet();
    }
    return counted[0];
  }

  /** A connection {@link #tryOpen} counted has closed. */
  void closed(InetAddress source) {
    bySource.computeIfPresent(source, (address, n) -> n <= 1 ? null : n - 1);
    open.decrementAndGet();
  }

  /** Connections counted now. */
  int open() {
    return open.get();
  }
}
