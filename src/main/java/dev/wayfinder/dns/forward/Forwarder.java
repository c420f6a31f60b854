package dev.wayfinder.dns.forward;

import dev.wayfinder.config.ForwardConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves names outside the zone through the upstreams, behind a cache. STUB: filled in by the
 * forwarding work.
 */
public final class Forwarder {

  public Forwarder(ForwardConfig config) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * The answer for one question, from the cache or the upstreams. Concurrent identical misses share
   * one upstream query. The future never completes exceptionally: when every upstream fails or
   * times out it completes with SERVFAIL.
   *
   * @param lowerName the question name in wire format, lower-cased; the callee may keep it
   * @param qtype RR type
   * @param qclass RR class
   */
  public CompletableFuture<ForwardAnswer> resolve(byte[] lowerName, int qtype, int qclass) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Stops the upstream clients; pending futures complete with SERVFAIL. */
  public void stop(Duration timeout) {
    throw new UnsupportedOperationException("TODO");
  }
}
