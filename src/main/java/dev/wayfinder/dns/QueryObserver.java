package dev.wayfinder.dns;

import dev.wayfinder.dns.forward.UpstreamMetrics;
import java.util.function.LongSupplier;

/**
 * Where the DNS server reports what it answers: metrics and the query log implement it elsewhere,
 * so {@code dns} imports no metrics library (as {@code health.HealthMetrics}). Every method has a
 * no-op default; {@link #NOOP} observes nothing.
 */
public interface QueryObserver {

  /** Observes nothing. */
  QueryObserver NOOP = new QueryObserver() {};

  /**
   * The recorder for the calling event-loop thread: asked once per channel, on its loop, and used
   * only there (every reply of a channel, forwarded ones included, leaves on its loop).
   */
  default QueryRecorder recorder() {
    return QueryRecorder.NOOP;
  }

  /** Called when a forwarder is created, with the number of answers its cache holds. */
  default void registerCacheEntries(LongSupplier entries) {}

  /** Where the forwarder reports its upstream queries. */
  default UpstreamMetrics upstreamMetrics() {
    return UpstreamMetrics.NOOP;
  }

  /**
   * One NOTIFY to a secondary ended (RFC 1996): {@code result} is "ok" (acknowledged), "error"
   * (answered with an error) or "timeout" (no response after every try). On the notify thread.
   */
  default void notifySent(String result) {}

  /** Both observers: {@code first}'s recorder, then {@code second}'s. */
  static QueryObserver both(QueryObserver first, QueryObserver second) {
    if (first == NOOP) {
      return second;
    }
    if (second == NOOP) {
      return first;
    }
    return new QueryObserver() {
      @Override
      public QueryRecorder recorder() {
        QueryRecorder a = first.recorder();
        QueryRecorder b = second.recorder();
        if (a == QueryRecorder.NOOP) {
          return b;
        }
        if (b == QueryRecorder.NOOP) {
          return a;
        }
        return new BothRecorders(a, b);
      }

      @Override
      public void registerCacheEntries(LongSupplier entries) {
        first.registerCacheEntries(entries);
        second.registerCacheEntries(entries);
      }

      @Override
      public void notifySent(String result) {
        first.notifySent(result);
        second.notifySent(result);
      }

      @Override
      public UpstreamMetrics upstreamMetrics() {
        UpstreamMetrics m = first.upstreamMetrics();
        return m != UpstreamMetrics.NOOP ? m : second.upstreamMetrics();
      }
    };
  }
}
