package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.Collection;

/**
 * Owns the current {@link ZoneSnapshot}: rebuilds it when services or health change and publishes
 * it with one atomic reference swap. The serial grows on every change of content. STUB.
 */
public final class ZoneManager implements ZoneView {

  public ZoneManager(DnsConfig config, HealthView health, Collection<Service> initial) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Rebuilds from the full service list and swaps the new snapshot in. */
  public void update(Collection<Service> services) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public ZoneSnapshot current() {
    throw new UnsupportedOperationException("TODO");
  }
}
