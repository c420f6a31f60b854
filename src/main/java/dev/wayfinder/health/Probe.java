package dev.wayfinder.health;

import java.net.InetAddress;

/**
 * One kind of health probe, configured for one service and run against each of its endpoints.
 *
 * <p>Contract: {@link #check} blocks (the scheduler runs it on its own virtual thread; a probe
 * whose transport is asynchronous implements {@link AsyncProbe} instead), returns within the
 * service's {@code timeout} plus a little slack, reports every failure as a {@link ProbeResult}
 * rather than throwing, and propagates {@link InterruptedException} (the checker is stopping; the
 * result is discarded). Implementations are shared by all endpoints of a service and must be
 * thread-safe.
 */
interface Probe extends AutoCloseable {

  ProbeResult check(InetAddress endpoint) throws InterruptedException;

  /** Releases resources; probes in flight may still finish. Never blocks. */
  @Override
  default void close() {}
}
