package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the current {@link ZoneSnapshot}: rebuilds it when services change (whole) or health
 * verdicts change (incrementally, only the changed services' names; see {@link #healthChanged}) and
 * publishes it with one atomic reference swap. The serial grows on every change of content.
 *
 * <p>Serials are seconds since the epoch when possible (so they survive restarts and keep growing),
 * and at least one more than the last one otherwise. A rebuild whose records equal the current ones
 * keeps the serial, so secondaries are not told to transfer an unchanged zone (RFC 1996). Writers
 * are serialized; readers never lock.
 */
public final class ZoneManager implements ZoneView, AutoCloseable {
  /** Serial arithmetic is modulo 2^32 (RFC 1982); epoch seconds fit until 2106. */
  private static final long SERIAL_MASK = 0xffffffffL;

  private final DnsConfig config;
  private final HealthView health;
  private final Clock clock;
  private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>();
  private final Coalescer verdicts = new Coalescer(this::rebuildServices);

  public ZoneManager(DnsConfig config, HealthView health, Collection<Service> initial) {
    this(config, health, initial, Clock.systemUTC());
  }

  /** With a clock of the caller's, for serial tests. */
  ZoneManager(DnsConfig config, HealthView health, Collection<Service> initial, Clock clock) {
    this.config = config;
    this.health = health;
    this.clock = clock;
    long serial = Math.max(1, epochSeconds());
    current.set(ZoneSnapshot.build(config, ZoneContent.of(initial, health), serial));
  }

  /** Rebuilds from the full service list and swaps the new snapshot in. */
  public synchronized void update(Collection<Service> services) {
    ZoneSnapshot old = current.get();
    ZoneContent content = ZoneContent.of(services, health);
    if (content.sameRecordsAs(old.content())) {
      return; // same records: the current snapshot answers exactly as a new one would
    }
    current.set(ZoneSnapshot.build(config, content, nextSerial(old)));
  }

  private long nextSerial(ZoneSnapshot old) {
    return Math.max(old.serial() + 1, epochSeconds()) & SERIAL_MASK;
  }

  /**
   * A health verdict of {@code service} changed: its names are rebuilt on the zone's rebuild
   * thread, at once, together with any other services whose verdicts arrive meanwhile. Returns at
   * once; safe to call from any thread (the health checker's listener thread).
   */
  public void healthChanged(String service) {
    verdicts.add(service);
  }

  /**
   * Rebuilds the answer sets of the named services from the current health verdicts, incrementally:
   * the new snapshot shares every other name with the current one. Names not in the zone are
   * ignored; a rebuild that changes no answer set keeps the snapshot and its serial.
   */
  synchronized void rebuildServices(Collection<String> names) {
    ZoneSnapshot old = current.get();
    List<ServiceAnswers> changed = new ArrayList<>();
    for (String name : names) {
      ServiceAnswers before = old.content().service(name);
      if (before == null) {
        continue; // removed meanwhile: the full rebuild of that registry change has done the rest
      }
      List<Endpoint> answerSet = AnswerSet.of(before.service(), health);
      if (!answerSet.equals(before.answerSet())) {
        changed.add(new ServiceAnswers(before.service(), answerSet));
      }
    }
    if (!changed.isEmpty()) {
      current.set(old.withServices(changed, nextSerial(old)));
    }
  }

  /** Stops the rebuild thread; the current snapshot stays readable. */
  @Override
  public void close() {
    verdicts.close();
  }

  @Override
  public ZoneSnapshot current() {
    return current.get();
  }

  private long epochSeconds() {
    return clock.millis() / 1000;
  }
}
