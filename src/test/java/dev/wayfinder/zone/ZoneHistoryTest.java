package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The IXFR history of {@link ZoneManager}: the changes between two serials turn the older zone into
 * the newer one exactly, and a serial the history no longer (or never) held is not known, so the
 * transfer falls back to a full one.
 */
class ZoneHistoryTest {
  final Map<String, EndpointState> states = new ConcurrentHashMap<>();
  final HealthView health = ZoneFixtures.states(states);

  @Test
  void changesTurnEachEarlierZoneIntoTheCurrentOne() {
    List<Service> services = new ArrayList<>(ZoneFixtures.services());
    try (ZoneManager m = new ZoneManager(ZoneFixtures.dns(), health, services)) {
      List<ZoneSnapshot> seen = new ArrayList<>(List.of(m.current()));

      services.remove(1); // web.prod removed
      m.update(services);
      seen.add(m.current());
      services.add(
          ZoneFixtures.service(
              "cart",
              20,
              List.of(new Port("http", "tcp", 80)),
              true,
              0,
              ZoneFixtures.ep("10.9.0.1", "c1", 0, 1)));
      m.update(services);
      seen.add(m.current());
      services.set(0, ZoneFixtures.service("web", 60, List.of(), true, 0)); // ttl, no endpoints
      m.update(services);
      seen.add(m.current());
      states.put("10.2.0.1", EndpointState.UNHEALTHY); // a verdict, not a definition
      m.rebuildServices(List.of("db"));
      seen.add(m.current());

      ZoneSnapshot now = m.current();
      assertThat(seen).extracting(ZoneSnapshot::serial).doesNotHaveDuplicates();
      for (ZoneSnapshot old : seen.subList(0, seen.size() - 1)) {
        List<ZoneDiff> steps = m.changes(old.serial(), now.serial());
        assertThat(steps).as("from " + old.serial()).isNotNull();
        assertThat(applied(old, steps)).isEqualTo(records(now));
        assertThat(steps.get(steps.size() - 1).toSerial()).isEqualTo(now.serial());
      }
    }
  }

  @Test
  void aSerialOlderThanTheHistoryOrUnknownIsNotKnown() {
    List<Service> services = new ArrayList<>(ZoneFixtures.services());
    try (ZoneManager m = new ZoneManager(ZoneFixtures.dns(), health, services)) {
      long first = m.current().serial();
      List<Long> serials = new ArrayList<>();
      for (int i = 0; i <= ZoneHistory.STEPS; i++) {
        services.set(1, ZoneFixtures.service("web.prod", 10 + i, List.of(), true, 0));
        m.update(services);
        serials.add(m.current().serial());
      }
      long now = m.current().serial();

      assertThat(m.changes(first, now)).as("one step too old").isNull();
      assertThat(m.changes(serials.get(0), now)).hasSize(ZoneHistory.STEPS);
      assertThat(m.changes(first - 12345, now)).as("never this zone's").isNull();
    }
  }

  /** {@code old}'s records with each step's deletions and additions applied, SOA left out. */
  private static Set<String> applied(ZoneSnapshot old, List<ZoneDiff> steps) {
    Set<String> zone = records(old);
    for (ZoneDiff step : steps) {
      for (Record r : step.deleted()) {
        assertThat(zone.remove(r.toString())).as("deleted " + r).isTrue();
      }
      for (Record r : step.added()) {
        assertThat(zone.add(r.toString())).as("added " + r).isTrue();
      }
    }
    return zone;
  }

  private static Set<String> records(ZoneSnapshot s) {
    Set<String> out = new HashSet<>();
    s.transfer().stream()
        .filter(r -> !(r instanceof SOARecord))
        .forEach(r -> out.add(r.toString()));
    return out;
  }
}
