package dev.wayfinder.zone;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers service names that need a rebuild and hands them to one rebuild thread in batches. A name
 * is never held back on purpose: the first one starts a rebuild at once, and the names that arrive
 * while it runs (a burst of verdicts, e.g. a rack going down) make up the next batch, so a burst
 * costs a few rebuilds, not one per endpoint.
 */
final class Coalescer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<Set<String>> rebuild;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("zone-rebuild").daemon().factory());

  /**
   * @param rebuild called on the rebuild thread with each non-empty batch
   */
  Coalescer(Consumer<Set<String>> rebuild) {
    this.rebuild = rebuild;
  }

  /** Asks for {@code name} to be rebuilt soon; returns at once. Ignored after {@link #close}. */
  void add(String name) {
    pending.add(name);
    if (scheduled.compareAndSet(false, true)) {
      try {
        thread.execute(this::drain);
      } catch (RejectedExecutionException e) {
        log.debug("closed; no rebuild for {}", name);
      }
    }
  }

  private void drain() {
    // Cleared before taking the batch: a name added from here on schedules another drain.
    scheduled.set(false);
    Set<String> batch = new HashSet<>();
    for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
      batch.add(it.next());
      it.remove();
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      rebuild.accept(batch);
    } catch (RuntimeException e) {
      log.error("zone rebuild for {} failed; the previous snapshot stays in force", batch, e);
    }
  }

  /** Stops the rebuild thread after the batch in progress. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
