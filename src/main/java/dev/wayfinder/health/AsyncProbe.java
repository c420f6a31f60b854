package dev.wayfinder.health;

import java.net.InetAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A probe whose transport is asynchronous (http, https): the timer {@link #start starts} it on the
 * I/O event loop and the verdict is applied in the completion callback, so no thread waits for the
 * answer. The blocking {@link #check} is kept for direct callers (tests, one-off checks).
 *
 * <p>Contract of {@link #start}: returns at once without blocking; the stage completes by the
 * service's {@code timeout} plus a little slack, normally on the event loop (callbacks must be
 * short and never block), and always with a {@link ProbeResult}, never exceptionally.
 */
interface AsyncProbe extends Probe {

  CompletionStage<ProbeResult> start(InetAddress endpoint);

  @Override
  default ProbeResult check(InetAddress endpoint) throws InterruptedException {
    try {
      return start(endpoint).toCompletableFuture().get();
    } catch (ExecutionException e) {
      return ProbeResult.fail("probe error: " + e.getCause()); // the contract says never
    }
  }
}
