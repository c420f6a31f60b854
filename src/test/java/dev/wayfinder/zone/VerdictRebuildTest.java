package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** {@link ZoneManager#healthChanged}: one service rebuilt, the rest shared, the serial bumped. */
class VerdictRebuildTest {
  private static final Duration SOON = Duration.ofSeconds(5);

  final Map<String, EndpointState> states = new ConcurrentHashMap<>();
  final HealthView health = ZoneFixtures.states(states);
  ZoneManager manager;

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void aVerdictRebuildsThatServiceOnlyAndRaisesTheSerial() {
    manager = new ZoneManager(ZoneFixtures.dns(), health, ZoneFixtures.services());
    ZoneSnapshot before = manager.current();

    states.put("10.2.0.1", EndpointState.UNHEALTHY);
    manager.healthChanged("db");

    await().atMost(SOON).until(() -> manager.current() != before);
    ZoneSnapshot after = manager.current();
    assertThat(WireClient.find(after, "db.svc.cluster.local", Type.A).ancount()).isEqualTo(1);
    assertThat(after.serial()).isGreaterThan(before.serial());
    ZoneAnswer shared = WireClient.view(before, "web.svc.cluster.local", Type.A);
    byte[] sharedTails = shared.tailArray();
    int sharedAt = shared.tailOffset(0);
    ZoneAnswer web = WireClient.view(after, "web.svc.cluster.local", Type.A);
    assertThat(web.tailArray())
        .as("other services' answers are shared, not rebuilt")
        .isSameAs(sharedTails);
    assertThat(web.tailOffset(0)).isEqualTo(sharedAt);
    assertThat(WireClient.find(after, "nothing.svc.cluster.local", Type.A).variant(0))
        .as("negative answers carry the new serial")
        .isEqualTo(after.soa().toWire(org.xbill.DNS.Section.AUTHORITY));
  }

  @Test
  void aVerdictThatChangesNoAnswerKeepsTheSnapshot() throws InterruptedException {
    manager = new ZoneManager(ZoneFixtures.dns(), health, ZoneFixtures.services());
    ZoneSnapshot before = manager.current();

    // db-3 is standby (priority 1): while the primaries are healthy it is not answered anyway.
    states.put("10.2.0.3", EndpointState.UNHEALTHY);
    manager.rebuildServices(List.of("db", "no-such-service"));

    assertThat(manager.current()).isSameAs(before);
  }

  @Test
  void aBurstOfVerdictsEndsInTheStateOfTheLast() {
    manager = new ZoneManager(ZoneFixtures.dns(), health, ZoneFixtures.many(200));
    for (int i = 0; i < 200; i++) {
      states.put("10.0." + i + ".1", EndpointState.UNHEALTHY);
      manager.healthChanged("s" + i);
    }
    await()
        .atMost(SOON)
        .until(
            () ->
                Arrays.stream(new int[] {0, 57, 199})
                    .allMatch(i -> ancount(manager.current(), "s" + i) == 1));
    for (int i = 0; i < 200; i++) {
      assertThat(ancount(manager.current(), "s" + i)).as("s" + i).isEqualTo(1);
    }
  }

  /**
   * The delay from a verdict to the first changed answer at 10,000 services (30,000 endpoints),
   * printed for the record (no timing assertion in a unit test): {@code ./mvnw -o test
   * -Dtest=VerdictRebuildTest}.
   */
  @Test
  void measuresTheDelayFromVerdictToAnswerAtTenThousandServices() {
    List<Service> services = ZoneFixtures.many(10_000);
    long fullStart = System.nanoTime();
    manager = new ZoneManager(ZoneFixtures.dns(), health, services);
    long fullNanos = System.nanoTime() - fullStart;
    int rounds = 200;
    long[] nanos = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      int i = (r * 37) % 10_000;
      String address = "10." + ((i >> 8) & 0xff) + "." + (i & 0xff) + ".1";
      boolean down = states.get(address) != EndpointState.UNHEALTHY;
      states.put(address, down ? EndpointState.UNHEALTHY : EndpointState.HEALTHY);
      int want = down ? 1 : 2;
      long start = System.nanoTime();
      manager.healthChanged("s" + i);
      await()
          .atMost(SOON)
          .pollInterval(Duration.ZERO)
          .until(() -> ancount(manager.current(), "s" + i) == want);
      nanos[r] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "verdict -> answer at 10,000 services: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms"
            + " (full build %.0f ms)%n",
        nanos[rounds / 2] / 1e6,
        nanos[rounds * 9 / 10] / 1e6,
        nanos[rounds * 99 / 100] / 1e6,
        nanos[rounds - 1] / 1e6,
        fullNanos / 1e6);
    assertThat(ancount(manager.current(), "s0")).isEqualTo(1);
  }

  private static int ancount(ZoneSnapshot zone, String service) {
    return WireClient.find(zone, service + ".svc.cluster.local", Type.A).ancount();
  }
}
