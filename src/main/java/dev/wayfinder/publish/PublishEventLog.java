package dev.wayfinder.publish;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns outcomes into {@link PublishEvent}s: keeps the last {@link #CAPACITY} in a ring and hands
 * each new one to the listeners; every outcome also goes on to {@code next} (the metrics).
 *
 * <p>A target reports {@link #updated} with the failure's kind just before {@link #failing} with
 * its message, so the event's reason says both ({@code "http_500: HTTP 500 from ..."}).
 */
public final class PublishEventLog implements PublishOutcomes {
  public static final int CAPACITY = 200;

  private final PublishOutcomes next;
  private final ArrayDeque<PublishEvent> ring = new ArrayDeque<>();
  private final Map<String, String> lastResult = new ConcurrentHashMap<>();
  private final List<Consumer<PublishEvent>> listeners = new CopyOnWriteArrayList<>();

  public PublishEventLog(PublishOutcomes next) {
    this.next = next;
  }

  /** Hears every new event, on the reporting target's thread; must be quick. */
  public void addListener(Consumer<PublishEvent> listener) {
    listeners.add(listener);
  }

  /** The recent events, oldest first. */
  public synchronized List<PublishEvent> events() {
    return List.copyOf(ring);
  }

  @Override
  public void updated(String target, String result) {
    lastResult.put(target, result);
    next.updated(target, result);
  }

  @Override
  public void failing(String target, String error) {
    next.failing(target, error);
    String kind = lastResult.get(target);
    String reason = kind == null || kind.equals("ok") ? error : kind + ": " + error;
    record(new PublishEvent(Instant.now(), target, true, reason));
  }

  @Override
  public void recovered(String target) {
    next.recovered(target);
    record(new PublishEvent(Instant.now(), target, false, "delivered"));
  }

  private void record(PublishEvent e) {
    synchronized (this) {
      if (ring.size() == CAPACITY) {
        ring.removeFirst();
      }
      ring.addLast(e);
    }
    for (Consumer<PublishEvent> l : listeners) {
      l.accept(e);
    }
  }
}
