package dev.wayfinder.health;

import static dev.wayfinder.health.EndpointState.DRAINING;
import static dev.wayfinder.health.EndpointState.HEALTHY;
import static dev.wayfinder.health.EndpointState.MAINTENANCE;
import static dev.wayfinder.health.EndpointState.UNHEALTHY;
import static dev.wayfinder.health.EndpointState.UNKNOWN;
import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.LOCAL_2;
import static dev.wayfinder.health.Fixtures.LOCAL_3;
import static dev.wayfinder.health.Fixtures.health;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.Type;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operational state, registry updates, listeners and events of the running checker. */
class HealthCheckerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final RecordingMetrics metrics = new RecordingMetrics();
  private final HealthChecker checker =
      new HealthChecker(metrics, InstantSource.system(), 64, 1000);
  private FlipServer server;
  private HealthSpec http;

  @BeforeAll
  static void warmUp() throws Exception {
    FlipServer.warmUpHttpClient();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = FlipServer.start();
    http = health(Type.HTTP, server.target());
  }

  @AfterEach
  void tearDown() {
    checker.stop(Duration.ofSeconds(5));
    server.close();
  }

  /** Starts probing {@code s} alone and drains its endpoint LOCAL once it is healthy. */
  private void startDrained(Service s) {
    checker.update(List.of(s));
    checker.start();
    awaitState(s.name(), LOCAL, HEALTHY);
    checker.drain(s.name(), LOCAL);
  }

  private void awaitState(String service, java.net.InetAddress a, EndpointState s) {
    await().atMost(DEADLINE).until(() -> checker.state(service, a) == s);
  }

  @Test
  void drainedEndpointIsStillProbedAndUndrainRestoresTheVerdict() {
    checker.update(List.of(service("web", http, LOCAL)));
    checker.start();
    awaitState("web", LOCAL, HEALTHY);

    assertThat(checker.drain("web", LOCAL)).isTrue();
    assertThat(checker.state("web", LOCAL)).isEqualTo(DRAINING);
    server.status(503);
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                checker.lastProbe("web", LOCAL).map(p -> !p.ok()).orElse(false)
                    && metrics.outcomes("web").stream().filter(o -> !o.ok()).count() >= 3);
    assertThat(checker.state("web", LOCAL)).as("drain wins over probes").isEqualTo(DRAINING);

    assertThat(checker.undrain("web", LOCAL)).isTrue();
    assertThat(checker.state("web", LOCAL)).isEqualTo(UNHEALTHY);
    assertThat(checker.events())
        .extracting(StateChange::to, StateChange::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HEALTHY, "HTTP 200"),
            org.assertj.core.groups.Tuple.tuple(DRAINING, "drained"),
            org.assertj.core.groups.Tuple.tuple(UNHEALTHY, "undrained"));
  }

  @Test
  void serviceAndEndpointMaintenanceOverrideAndRestore() {
    checker.update(List.of(service("web", http, LOCAL, LOCAL_2)));
    checker.start();
    awaitState("web", LOCAL, HEALTHY);

    assertThat(checker.setMaintenance("web", true)).isTrue();
    assertThat(checker.inMaintenance("web")).isTrue();
    assertThat(checker.state("web", LOCAL)).isEqualTo(MAINTENANCE);
    assertThat(checker.state("web", LOCAL_2)).isEqualTo(MAINTENANCE);
    assertThat(checker.setEndpointMaintenance("web", LOCAL, true)).isTrue();
    checker.setMaintenance("web", false);
    assertThat(checker.state("web", LOCAL))
        .as("endpoint maintenance still on")
        .isEqualTo(MAINTENANCE);
    assertThat(checker.state("web", LOCAL_2)).isNotEqualTo(MAINTENANCE);
    checker.setEndpointMaintenance("web", LOCAL, false);
    assertThat(checker.state("web", LOCAL)).isEqualTo(HEALTHY);

    assertThat(checker.drain("nope", LOCAL)).isFalse();
    assertThat(checker.setMaintenance("nope", true)).isFalse();
  }

  @Test
  void aServiceNobodyProbesIsUnknownCountedAndStillDrainedAndMaintained() {
    HealthSpec none = health(Type.NONE, null);
    checker.update(List.of(service("static", none, LOCAL, LOCAL_2)));
    checker.start();

    assertThat(checker.state("static", LOCAL)).isEqualTo(UNKNOWN);
    assertThat(checker.endpointCounts()).containsEntry(UNKNOWN, 2);
    assertThat(checker.drain("static", LOCAL)).isTrue();
    assertThat(checker.state("static", LOCAL)).isEqualTo(DRAINING);
    assertThat(checker.state("static", LOCAL_2)).isEqualTo(UNKNOWN);
    assertThat(checker.endpointCounts()).containsEntry(UNKNOWN, 1).containsEntry(DRAINING, 1);
    assertThat(checker.drain("static", IpLiteral.toAddress("127.0.0.9"))).isFalse();

    checker.update(List.of(service("other", none, LOCAL)));
    checker.update(List.of(service("other", none, LOCAL), service("static2", none, LOCAL)));
    assertThat(checker.setMaintenance("static2", true)).isTrue();
    assertThat(checker.state("static2", LOCAL)).isEqualTo(MAINTENANCE);
    assertThat(checker.endpointCounts()).containsEntry(MAINTENANCE, 1).containsEntry(UNKNOWN, 1);
  }

  @Test
  void updateKeepsUnchangedEndpointsAndProbesNewOnes() {
    startDrained(service("web", http, LOCAL));
    checker.setMaintenance("web", true);
    checker.setMaintenance("web", false);

    checker.update(List.of(service("web", http, LOCAL, LOCAL_2), service("api", http, LOCAL)));
    assertThat(checker.state("web", LOCAL)).isEqualTo(DRAINING);
    awaitState("web", LOCAL_2, UNHEALTHY); // nothing listens on 127.0.0.2 at that port
    awaitState("api", LOCAL, HEALTHY);

    checker.update(List.of(service("api", http, LOCAL)));
    assertThat(checker.state("web", LOCAL)).as("removed: not known").isEqualTo(UNKNOWN);
    assertThat(checker.lastProbe("web", LOCAL)).isEmpty();
    assertThat(checker.state("api", LOCAL)).isEqualTo(HEALTHY);
  }

  @Test
  void removingTheMiddleEndpointLeavesTheOthersStatesAndDrain() {
    Registry registry = new Registry();
    registry.addListener(checker::apply);
    ServiceSink api = registry.sink(Service.Source.API);
    api.apply(List.of(service("web", http, LOCAL, LOCAL_2, LOCAL_3)), List.of());
    checker.start();
    awaitState("web", LOCAL, HEALTHY);
    awaitState("web", LOCAL_3, UNHEALTHY); // nothing listens on 127.0.0.3 at that port
    checker.drain("web", LOCAL_3);
    Instant lastOfThird = checker.lastProbe("web", LOCAL_3).orElseThrow().time();

    api.apply(List.of(service("web", http, LOCAL, LOCAL_3)), List.of());

    assertThat(checker.state("web", LOCAL)).isEqualTo(HEALTHY);
    assertThat(checker.state("web", LOCAL_3)).as("drain follows the address").isEqualTo(DRAINING);
    assertThat(checker.lastProbe("web", LOCAL_3).orElseThrow().time())
        .isAfterOrEqualTo(lastOfThird);
    assertThat(checker.lastProbe("web", LOCAL_2)).as("removed: not known").isEmpty();
  }

  @Test
  void probesStartAndStopWithTheirService() {
    Registry registry = new Registry();
    registry.addListener(checker::apply);
    ServiceSink api = registry.sink(Service.Source.API);
    api.apply(List.of(service("other", health(Type.NONE, null), LOCAL_2)), List.of());
    checker.start();
    assertThat(checker.probing("web")).isFalse();

    api.apply(List.of(service("web", http, LOCAL)), List.of());
    assertThat(checker.probing("web")).isTrue();
    await().atMost(DEADLINE).until(() -> server.requests() >= 2);

    api.apply(List.of(), List.of("web"));
    assertThat(checker.probing("web")).isFalse();
    int after = server.requests();
    // A probe in flight when the service went may still land; none starts after it.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(DEADLINE)
        .until(() -> server.requests() <= after + 1);
    assertThat(checker.state("web", LOCAL)).isEqualTo(UNKNOWN);
  }

  @Test
  void updateWithTheSameServicesKeepsStatesAndProbing() {
    Service one = service("web", http, LOCAL);
    startDrained(one);
    Instant before = checker.lastProbe("web", LOCAL).orElseThrow().time();

    checker.update(List.of(one)); // what the registry hands over for an unrelated change

    assertThat(checker.state("web", LOCAL)).isEqualTo(DRAINING);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> checker.lastProbe("web", LOCAL).orElseThrow().time().isAfter(before));
  }

  @Test
  void changedHealthSectionGetsTheNewProbe() throws Exception {
    checker.update(List.of(service("web", http, LOCAL)));
    checker.start();
    awaitState("web", LOCAL, HEALTHY);
    try (FlipServer other = FlipServer.start()) {
      other.status(500);
      HealthSpec moved = Fixtures.withThresholds(health(Type.HTTP, other.target()), 1, 1);
      checker.update(List.of(service("web", moved, LOCAL)));
      awaitState("web", LOCAL, UNHEALTHY);
      assertThat(other.requests()).isPositive();
      assertThat(checker.events()).last().extracting(StateChange::reason).isEqualTo("HTTP 500");
    }
  }

  @Test
  void listenersHearEveryChangeInOrderOnTheEventsThread() {
    List<String> heard = new CopyOnWriteArrayList<>();
    checker.addListener(
        c -> {
          throw new IllegalStateException("a broken listener must not stop the others");
        });
    checker.addListener(c -> heard.add(c.to() + "@" + Thread.currentThread().getName()));
    checker.update(List.of(service("web", http, LOCAL)));
    checker.start();
    awaitState("web", LOCAL, HEALTHY);
    checker.drain("web", LOCAL);
    checker.undrain("web", LOCAL);
    await().atMost(DEADLINE).until(() -> heard.size() == 3);
    assertThat(heard)
        .containsExactly(
            "HEALTHY@health-events", "DRAINING@health-events", "HEALTHY@health-events");
  }

  @Test
  void typeNoneIsNeverProbedAndStaysUnknown() {
    HealthSpec none = health(Type.NONE, null);
    checker.update(List.of(service("plain", none, LOCAL), service("web", http, LOCAL)));
    checker.start();
    awaitState("web", LOCAL, HEALTHY);
    await().atMost(DEADLINE).until(checker::firstRoundDone);
    assertThat(checker.state("plain", LOCAL)).isEqualTo(UNKNOWN);
    assertThat(metrics.probes("plain")).isZero();
    assertThat(metrics.counts.get())
        .containsEntry(UNKNOWN, 1)
        .containsEntry(HEALTHY, 1)
        .containsEntry(UNHEALTHY, 0)
        .containsEntry(DRAINING, 0)
        .containsEntry(MAINTENANCE, 0);
  }

  @Test
  void stopEndsProbing() {
    checker.update(List.of(service("web", http, LOCAL)));
    checker.start();
    awaitState("web", LOCAL, HEALTHY);
    checker.stop(Duration.ofSeconds(5));
    int after = server.requests();
    // Not a timing assertion: a probe arriving after stop() returned would be a bug; poll a while.
    await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> server.requests() == after);
  }

  @Test
  void eventRingKeepsOnlyTheNewest() {
    EventRing ring = new EventRing(3);
    for (int i = 0; i < 5; i++) {
      ring.add(new StateChange(java.time.Instant.EPOCH, "s" + i, LOCAL, UNKNOWN, HEALTHY, "r"));
    }
    assertThat(ring.snapshot()).extracting(StateChange::service).containsExactly("s2", "s3", "s4");
  }
}
