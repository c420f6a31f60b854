package dev.wayfinder.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each endpoint's probe every {@code interval}.
 *
 * <p>Concurrency model: virtual threads with a {@link Semaphore}. One platform thread (the timer)
 * only launches probes; every probe then runs on its own virtual thread, so a slow endpoint holds
 * one cheap thread and never delays another endpoint's probe. Virtual threads rather than async I/O
 * because the probes are of mixed kinds (HTTP client, socket connect, dnsjava, a process) and read
 * as straight blocking code; the semaphore bounds how many run at once, and so the sockets and file
 * descriptors in use, however many endpoints there are. At 10,000 endpoints and a 1 s interval the
 * timer launches ~10,000 tasks a second of a few microseconds each.
 *
 * <p>Each endpoint starts at a random phase within its interval, so probes are spread evenly
 * instead of bunched at the same instant; a fixed rate keeps them spread. An endpoint whose
 * previous probe is still running skips that round instead of stacking probes.
 */
final class ProbeScheduler {
  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  /** One probe of one endpoint; throws only when interrupted by {@link #stop}. */
  @FunctionalInterface
  interface Check {
    void run() throws InterruptedException;
  }

  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService probes;
  private final Semaphore permits;

  ProbeScheduler(int maxConcurrentProbes) {
    this.timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("health-timer").daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
    this.probes =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-", 0).factory());
    this.permits = new Semaphore(maxConcurrentProbes);
  }

  /** Probes every {@code interval} from a random phase; cancel the future to stop. */
  ScheduledFuture<?> schedule(Duration interval, AtomicBoolean inFlight, Check check) {
    long period = interval.toNanos();
    long phase = ThreadLocalRandom.current().nextLong(period);
    return timer.scheduleAtFixedRate(
        () -> launch(inFlight, check), phase, period, TimeUnit.NANOSECONDS);
  }

  /** On the timer thread: must be quick and must never throw (that would cancel the schedule). */
  private void launch(AtomicBoolean inFlight, Check check) {
    try {
      if (!inFlight.compareAndSet(false, true)) {
        log.debug("previous probe still running; skipping this round");
        return;
      }
      probes.execute(() -> runGuarded(inFlight, check));
    } catch (RejectedExecutionException e) {
      inFlight.set(false); // stopping
    } catch (RuntimeException | Error e) {
      inFlight.set(false);
      log.error("could not launch a probe", e);
    }
  }

  private void runGuarded(AtomicBoolean inFlight, Check check) {
    try {
      permits.acquire();
      try {
        check.run();
      } finally {
        permits.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() interrupts: the thread ends here
    } catch (RuntimeException | Error e) {
      log.error("probe failed unexpectedly", e);
    } finally {
      inFlight.set(false);
    }
  }

  /** Stops launching, interrupts probes in flight and waits for them up to {@code timeout}. */
  boolean stop(Duration timeout) throws InterruptedException {
    timer.shutdownNow();
    probes.shutdownNow();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean timerDone = timer.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    long left = Math.max(0, deadline - System.nanoTime());
    return probes.awaitTermination(left, TimeUnit.NANOSECONDS) && timerDone;
  }
}
