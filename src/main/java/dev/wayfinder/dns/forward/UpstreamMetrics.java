package dev.wayfinder.dns.forward;

import java.net.InetSocketAddress;

/**
 * Where the forwarder reports each query it sends upstream. No-op defaults, so {@code dns} imports
 * no metrics library. Called from event-loop and timer threads: implementations must be thread-safe
 * and must not block.
 */
public interface UpstreamMetrics {

  /** Reports nothing. */
  UpstreamMetrics NOOP = new UpstreamMetrics() {};

  /** Why an upstream query gave no reply. */
  enum Failure {
    /** No reply within {@code dns.forward.timeout} (or no slot to send in time). */
    TIMEOUT,
    /** A reply that is not a DNS message for the question. */
    MALFORMED,
    /** A network error, or the forwarder stopping. */
    NETWORK;

    /** The lower-case name metrics use. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A query went to {@code upstream}. */
  default void sent(InetSocketAddress upstream) {}

  /** {@code upstream} replied with {@code rcode} after {@code nanos}. */
  default void answered(InetSocketAddress upstream, int rcode, long nanos) {}

  /** {@code upstream} gave no usable reply after {@code nanos}. */
  default void failed(InetSocketAddress upstream, Failure failure, long nanos) {}
}
