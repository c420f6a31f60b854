package dev.wayfinder.zone;

import java.util.List;
import java.util.function.Consumer;

/** Read side of the current zone: the DNS server and publishers hold this, never the builder. */
@FunctionalInterface
public interface ZoneView {
  /** The snapshot in force now; never null. Lock-free: a volatile read. */
  ZoneSnapshot current();

  /**
   * The record changes from serial {@code fromSerial} to {@code toSerial} (a serial this view has
   * shown), oldest first, for an incremental transfer (RFC 1995); null when they are not known (too
   * old, never this zone's), and the transfer must be a full one. This default knows none.
   */
  default List<ZoneDiff> changes(long fromSerial, long toSerial) {
    return null;
  }

  /**
   * Calls {@code listener} with each new snapshot whose serial differs from the one before, on the
   * thread that swapped it in, right after: the listener must return quickly (hand the work to a
   * thread of its own) and must not throw. This default never calls it (the view never changes).
   */
  default void addSerialListener(Consumer<ZoneSnapshot> listener) {}
}
