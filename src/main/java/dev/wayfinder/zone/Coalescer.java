package dev.wayfinder.zone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what needs a rebuild, per service name, and hands it to one rebuild thread in batches. A
 * name is never held back on purpose: the first one starts a rebuild at once, and the names that
 * arrive while it runs (a burst of verdicts, e.g. a rack going down, or of registry changes) make
 * up the next batch, so a burst costs a few rebuilds, not one per change. Two changes of one name
 * before its rebuild become one ({@code merge} says which wins), so nothing queues up without
 * bound.
 *
 * @param <V> what is pending for a name
 */
final class Coalescer<V> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

  private final Map<String, V> pending = new ConcurrentHashMap<>();
  private final BinaryOperator<V> merge;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<Map<String, V>> rebuild;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("zone-rebuild").daemon().factory());

  /**
   * @param merge what stays pending when {@code (pending, arriving)} meet for one name
   * @param rebuild called on the rebuild thread with each non-empty batch
   */
  Coalescer(BinaryOperator<V> merge, Consumer<Map<String, V>> rebuild) {
    this.merge = merge;
    this.rebuild = rebuild;
  }

  /**
   * Asks for {@code name} to be rebuilt soon with {@code value}; returns at once. Ignored after
   * {@link #close}.
   */
  void add(String name, V value) {
    pending.merge(name, value, merge);
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
    Map<String, V> batch = new LinkedHashMap<>();
    for (String name : pending.keySet()) {
      // Removed one by one: a value merged in meanwhile is taken whole or left for the next batch.
      V value = pending.remove(name);
      if (value != null) {
        batch.put(name, value);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      rebuild.accept(batch);
    } catch (RuntimeException e) {
      log.error(
          "zone rebuild for {} failed; the previous snapshot stays in force", batch.keySet(), e);
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
