package dev.wayfinder.dns;

import dev.wayfinder.dns.forward.CachedAnswer;
import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.dns.forward.Forwarder;
import java.util.concurrent.CompletableFuture;

/**
 * Where names outside the zone are resolved: a {@link Forwarder} in production ({@link #of}), a
 * fake in handler tests. Same contract: the future never completes exceptionally (SERVFAIL
 * instead). {@link #cached} is the synchronous hit path, asked first; a fake has no cache.
 */
@FunctionalInterface
interface Upstream {
  CompletableFuture<ForwardAnswer> resolve(byte[] lowerName, int qtype, int qclass);

  /**
   * A fresh cached answer for the question in {@code name[0..length)}, or null; see {@link
   * Forwarder#cached}.
   */
  default CachedAnswer cached(byte[] name, int length, int qtype, int qclass, long nowNanos) {
    return null;
  }

  /** The clock {@link #cached} and {@link CachedAnswer#writeTail} count in. */
  default long now() {
    return System.nanoTime();
  }

  /** The forwarder with both paths. */
  static Upstream of(Forwarder forwarder) {
    return new Upstream() {
      @Override
      public CompletableFuture<ForwardAnswer> resolve(byte[] lowerName, int qtype, int qclass) {
        return forwarder.resolve(lowerName, qtype, qclass);
      }

      @Override
      public CachedAnswer cached(byte[] name, int length, int qtype, int qclass, long nowNanos) {
        return forwarder.cached(name, length, qtype, qclass, nowNanos);
      }

      @Override
      public long now() {
        return forwarder.now();
      }
    };
  }
}
