package dev.wayfinder.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread of the session: {@code cluster-session} runs every state change and lease renewal,
 * {@code cluster-events} every listener call, in order, so listeners hear one ordered story and a
 * listener busy with a burst of changes never delays a renewal. Work handed to it after it stopped
 * is dropped, since jetcd may still call back while the session closes.
 */
final class SessionThread {
  private static final Duration STOP = Duration.ofSeconds(2);

  private final ScheduledExecutorService executor;
  private volatile Thread thread;

  SessionThread(String name) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              thread = t;
              return t;
            });
  }

  void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopped) {
      // closed: nothing is listening any more
    }
  }

  void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // closed
    }
  }

  void every(Runnable task, Duration period) {
    long ms = period.toMillis();
    executor.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the thread, interrupting a connect attempt that waits on etcd, and waits for it to end
   * unless called from the thread itself (a listener closing the session).
   */
  void stop() {
    executor.shutdownNow();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      executor.awaitTermination(STOP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
