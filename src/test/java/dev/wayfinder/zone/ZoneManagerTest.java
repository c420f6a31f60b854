package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Serial policy and publication of {@link ZoneManager}. */
class ZoneManagerTest {
  static final long NOW = 1_750_000_000L;

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    volatile long seconds = NOW;

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final HandClock clock = new HandClock();
  final Map<String, EndpointState> states = new ConcurrentHashMap<>();
  final HealthView health = ZoneFixtures.states(states);

  ZoneManager manager(List<Service> services) {
    return new ZoneManager(ZoneFixtures.dns(), health, services, clock);
  }

  @Test
  void firstSerialIsTheEpochSecond() {
    assertThat(manager(ZoneFixtures.services()).current().serial()).isEqualTo(NOW);
    clock.seconds = 0;
    assertThat(manager(List.of()).current().serial()).isEqualTo(1);
  }

  @Test
  void identicalContentKeepsSerialAndSnapshot() {
    ZoneManager m = manager(ZoneFixtures.services());
    ZoneSnapshot before = m.current();
    clock.seconds += 100;
    m.update(new ArrayList<>(ZoneFixtures.services()).reversed());
    assertThat(m.current()).isSameAs(before);
    assertThat(m.current().serial()).isEqualTo(NOW);
  }

  @Test
  void everyChangeGrowsTheSerial() {
    ZoneManager m = manager(ZoneFixtures.services());
    List<Service> fewer = ZoneFixtures.services().subList(0, 3);

    m.update(fewer); // same second: old + 1
    assertThat(m.current().serial()).isEqualTo(NOW + 1);
    assertThat(WireClient.find(m.current(), "big.svc.cluster.local", Type.A).rcode()).isEqualTo(3);

    clock.seconds = NOW + 500; // later: the clock
    m.update(ZoneFixtures.services());
    assertThat(m.current().serial()).isEqualTo(NOW + 500);
    assertThat(m.current().soa().getSerial()).isEqualTo(NOW + 500);

    states.put("10.0.0.2", EndpointState.DRAINING); // a health change is a content change
    m.update(ZoneFixtures.services());
    assertThat(m.current().serial()).isEqualTo(NOW + 501);
    assertThat(WireClient.find(m.current(), "web.svc.cluster.local", Type.A).ancount()).isEqualTo(1);
  }

  @Test
  void clockGoingBackwardsNeverShrinksTheSerial() {
    ZoneManager m = manager(ZoneFixtures.services());
    clock.seconds = NOW - 3600;
    m.update(ZoneFixtures.services().subList(0, 1));
    assertThat(m.current().serial()).isEqualTo(NOW + 1);
  }
}
