package dev.wayfinder.health;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent state changes, bounded: the oldest falls out when a new one comes in. */
final class EventRing {
  private final int capacity;
  private final ArrayDeque<StateChange> events;

  EventRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.events = new ArrayDeque<>(capacity);
  }

  synchronized void add(StateChange change) {
    if (events.size() == capacity) {
      events.removeFirst();
    }
    events.addLast(change);
  }

  /** A copy, oldest first (newest last). */
  synchronized List<StateChange> snapshot() {
    return List.copyOf(events);
  }
}
