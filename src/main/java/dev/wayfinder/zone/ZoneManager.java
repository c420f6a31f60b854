package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the current {@link ZoneSnapshot}: rebuilds it when services or health change and publishes
 * it with one atomic reference swap. The serial grows on every change of content.
 *
 * <p>Serials are seconds since the epoch when possible (so they survive restarts and keep
 * growing), and at least one more than the last one otherwise. A rebuild whose records equal the
 * current ones keeps the serial, so secondaries are not told to transfer an unchanged zone (RFC
 * 1996). Writers are serialized; readers never lock.
 */
public final class ZoneManager implements ZoneView {
  /** Serial arithmetic is modulo 2^32 (RFC 1982); epoch seconds fit until 2106. */
  private static final long SERIAL_MASK = 0xffffffffL;

  private final DnsConfig config;
  private final HealthView health;
  private final Clock clock;
  private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>();

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
    long serial = Math.max(old.serial() + 1, epochSeconds()) & SERIAL_MASK;
    current.set(ZoneSnapshot.build(config, content, serial));
  }

  @Override
  public ZoneSnapshot current() {
    return current.get();
  }

  private long epochSeconds() {
    return clock.millis() / 1000;
  }
}
