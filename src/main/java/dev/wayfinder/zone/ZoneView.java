package dev.wayfinder.zone;

/** Read side of the current zone: the DNS server and publishers hold this, never the builder. */
@FunctionalInterface
public interface ZoneView {
  /** The snapshot in force now; never null. Lock-free: a volatile read. */
  ZoneSnapshot current();
}
