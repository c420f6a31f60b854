package dev.wayfinder.health;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each endpoint's probe every {@code interval}.
 *
 * <p>Concurrency model: one platform thread (the timer) launches probes and never waits. An {@link
 * Async} probe (http, https) is started right there on the I/O event loop and its verdict applied
 * in the completion callback: no thread is held while it waits for the server. A {@link Blocking}
 * probe (tcp, dns, command: a socket, dnsjava, a process) runs on its own virtual thread as
 * straight blocking code. Either way a slow endpoint holds at most its own probe and never delays
 * another's. {@link ProbePermits} bounds the probes in flight, and so the sockets and file
 * descriptors in use, however many endpoints there are; a probe beyond the bound queues as a task,
 * not as a thread, and its timeout starts when it gets its permit. At 10,000 endpoints and a 1 s
 * interval the timer launches 10,000 probes a second, each launch only a hand-over.
 *
 * <p>Each endpoint starts at a random phase within its interval (rounded to a 5 ms grid, so probes
 * launch in small batches), so probes are spread evenly instead of bunched at the same instant; a
 * fixed rate keeps them spread. The first round is spread over at least the startup spread, so the
 * load ramps up while the JVM warms. An endpoint whose previous probe is still running skips that
 * round instead of stacking probes.
 */
final class ProbeScheduler {
  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  /** One probe of one endpoint. */
  sealed interface Check permits Blocking, Async {}

  /** Runs the probe to its end on a virtual thread; throws only when interrupted by stop. */
  @FunctionalInterface
  non-sealed interface Blocking extends Check {
    void run() throws InterruptedException;
  }

  /** Starts the probe without blocking; the stage completes when its verdict is applied. */
  @FunctionalInterface
  non-sealed interface Async extends Check {
    CompletionStage<?> start();
  }

  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService probes;
  private final ProbePermits permits;

  /**
   * Launch times fall on a grid of this step (from {@link #origin}; intervals are whole
   * milliseconds, multiples of it in practice), so the timer and the I/O thread wake at most 200
   * times a second for batches of probes rather than once per probe: a wake-up (futex, eventfd,
   * context switch) costs more CPU than a probe's own work (bench/health.sh). 5 ms of jitter is
   * nothing next to an interval.
   */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final long origin = System.nanoTime();
  private final long spreadUntil;
  private volatile boolean stopping;

  /**
   * @param maxConcurrentProbes the bound on probes in flight
   * @param startupSpread endpoints scheduled within this time of construction (the first round) get
   *     their first probe at a random point within {@code max(interval, what is left of it)}
   */
  ProbeScheduler(int maxConcurrentProbes, Duration startupSpread) {
    this.spreadUntil = System.nanoTime() + startupSpread.toNanos();
    this.timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("health-timer").daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
    this.probes =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-", 0).factory());
    this.permits = new ProbePermits(maxConcurrentProbes, timer);
  }

  /**
   * Probes every {@code interval} from a random phase (in the startup spread, a random point of
   * it); cancel the future to stop.
   */
  ScheduledFuture<?> schedule(Duration interval, AtomicBoolean inFlight, Check check) {
    long period = interval.toNanos();
    long now = System.nanoTime();
    long window = Math.max(period, spreadUntil - now);
    long first = now + ThreadLocalRandom.current().nextLong(window);
    long aligned = origin + Math.ceilDiv(first - origin, TICK_NANOS) * TICK_NANOS;
    return timer.scheduleAtFixedRate(
        () -> launch(inFlight, check), aligned - now, period, TimeUnit.NANOSECONDS);
  }

  /** The number of probes holding a permit now (in flight). */
  int inFlight() {
    return permits.inUse();
  }

  /** On the timer thread: must be quick and must never throw (that would cancel the schedule). */
  private void launch(AtomicBoolean inFlight, Check check) {
    if (!inFlight.compareAndSet(false, true)) {
      return; // the previous probe of this endpoint is still running: skip this round
    }
    permits.acquire(() -> run(inFlight, check));
  }

  /** Holding a permit, on the timer: starts the probe; {@link #done} ends it exactly once. */
  private void run(AtomicBoolean inFlight, Check check) {
    if (stopping) {
      done(inFlight); // a queued probe handed its permit after stop(): not started
      return;
    }
    try {
      switch (check) {
        case Async a -> a.start().whenComplete((ignored, error) -> finished(inFlight, error));
        case Blocking b -> probes.execute(() -> runBlocking(inFlight, b));
      }
    } catch (RejectedExecutionException e) {
      done(inFlight); // stopping
    } catch (RuntimeException | Error e) {
      finished(inFlight, e);
    }
  }

  private void runBlocking(AtomicBoolean inFlight, Blocking check) {
    Throwable error = null;
    try {
      check.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() interrupts: the thread ends here
    } catch (RuntimeException | Error e) {
      error = e;
    }
    finished(inFlight, error);
  }

  private void finished(AtomicBoolean inFlight, Throwable error) {
    if (error != null) {
      log.error("probe failed unexpectedly", error);
    }
    done(inFlight);
  }

  private void done(AtomicBoolean inFlight) {
    inFlight.set(false);
    permits.release();
  }

  /**
   * Stops launching, interrupts blocking probes in flight and waits up to {@code timeout} for all
   * probes in flight (async ones end by their own timeouts).
   */
  boolean stop(Duration timeout) throws InterruptedException {
    stopping = true;
    permits.close();
    timer.shutdown(); // periodic launches end; permits already handed to queued tasks come back

    probes.shutdownNow();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean timerDone = timer.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    boolean threadsDone =
        probes.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    return permits.awaitIdle(Math.max(0, deadline - System.nanoTime())) && threadsDone && timerDone;
  }
}
