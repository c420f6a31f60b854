package dev.wayfinder.health;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The bound on probes in flight, for callers that must not block: {@link #acquire} runs the task at
 * once when a permit is free, or queues it; {@link #release} hands the freed permit straight to the
 * oldest queued task, which then runs on {@code handOff} (the timer), never on the releasing
 * thread: a probe that completes at once must not recurse into the next one.
 *
 * <p>Unlike a {@link java.util.concurrent.Semaphore}, nobody waits on a thread: probes that find
 * the bound reached queue as small tasks instead of as blocked threads.
 */
final class ProbePermits {
  private final int capacity;
  private final Executor handOff;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int free;
  private boolean closed;

  ProbePermits(int capacity, Executor handOff) {
    this.capacity = capacity;
    this.free = capacity;
    this.handOff = handOff;
  }

  /** Runs {@code task} now, holding a permit, or once one is released; it must release it. */
  void acquire(Runnable task) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (free == 0) {
        waiting.add(task);
        return;
      }
      free--;
    }
    task.run();
  }

  /** Returns a permit: to the oldest waiting task, else to the pool. */
  void release() {
    Runnable next;
    synchronized (this) {
      next = closed ? null : waiting.poll();
      if (next == null) {
        free++;
        notifyAll();
        return;
      }
    }
    try {
      handOff.execute(next); // the permit passes to it
    } catch (RejectedExecutionException e) {
      close(); // stopping: the queued probes are dropped
      release();
    }
  }

  /** Drops the queued tasks and accepts no more. */
  synchronized void close() {
    closed = true;
    waiting.clear();
  }

  /** The number of permits held right now. */
  synchronized int inUse() {
    return capacity - free;
  }

  /** Waits until no permit is held, at most {@code nanos}; true if none is. */
  synchronized boolean awaitIdle(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (free < capacity) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
