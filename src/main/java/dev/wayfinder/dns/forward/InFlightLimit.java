package dev.wayfinder.dns.forward;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * At most a fixed number of queries in flight to one upstream; the rest wait, in order, for one to
 * finish. Without it a burst of misses (answers stored together expire together) reaches the
 * upstream as that many datagrams at once and can overflow its socket's receive buffer: the lost
 * queries time out and become SERVFAIL. Unbound bounds its outstanding queries per thread the same
 * way. Thread-safe.
 */
final class InFlightLimit {
  private final int max;
  private final ArrayDeque<BooleanSupplier> waiting = new ArrayDeque<>();
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  /**
   * Starts a query now when below the limit, else once an earlier one is released. {@code start}
   * returns true when the query went out (its owner then calls {@link #release} exactly once when
   * it ends) and false when it ended at once (the slot passes on without a release).
   */
  void submit(BooleanSupplier start) {
    synchronized (this) {
      if (inFlight >= max) {
        waiting.add(start);
        return;
      }
      inFlight++;
    }
    if (!start.getAsBoolean()) {
      release();
    }
  }

  /** One query ended: its slot goes to the next waiting one, if any. */
  void release() {
    while (true) {
      BooleanSupplier next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          inFlight--;
          return;
        }
      }
      if (next.getAsBoolean()) {
        return; // the slot passed on; a loop, not recursion, through queries that end at once
      }
    }
  }

  /** Takes every waiting query out, for the caller to fail. */
  synchronized List<BooleanSupplier> drain() {
    List<BooleanSupplier> drained = new ArrayList<>(waiting);
    waiting.clear();
    return drained;
  }
}
