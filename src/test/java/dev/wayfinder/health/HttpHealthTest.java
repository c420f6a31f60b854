package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.LOCAL_2;
import static dev.wayfinder.health.Fixtures.health;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.Type;
import dev.wayfinder.registry.Service;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP probing end to end: a real JDK HTTP server, the real checker, states over time. */
class HttpHealthTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final RecordingMetrics metrics = new RecordingMetrics();
  private final HealthChecker checker =
      new HealthChecker(metrics, InstantSource.system(), 64, 1000);
  private FlipServer server;

  @BeforeAll
  static void warmUp() throws Exception {
    FlipServer.warmUpHttpClient();
  }

  @AfterEach
  void tearDown() {
    checker.stop(Duration.ofSeconds(5));
    if (server != null) {
      server.close();
    }
  }

  private Service watch(String name, HealthSpec h, java.net.InetAddress... endpoints) {
    Service s = service(name, h, endpoints);
    checker.update(List.of(s));
    return s;
  }

  @Test
  void statusFlipsChangeStateOnlyAfterRiseOrFallConsecutiveResults() throws Exception {
    server = FlipServer.start();
    watch("web", Fixtures.withThresholds(health(Type.HTTP, server.target()), 2, 3), LOCAL);
    checker.start();
    await().atMost(DEADLINE).until(() -> checker.state("web", LOCAL) == EndpointState.HEALTHY);

    server.status(503);
    await().atMost(DEADLINE).until(() -> checker.state("web", LOCAL) == EndpointState.UNHEALTHY);
    server.status(200);
    await().atMost(DEADLINE).until(() -> checker.state("web", LOCAL) == EndpointState.HEALTHY);

    List<RecordingMetrics.Change> changes = metrics.changes("web");
    List<ProbeOutcome> outcomes = metrics.outcomes("web");
    assertThat(changes)
        .extracting(c -> c.change().to())
        .containsExactly(EndpointState.HEALTHY, EndpointState.UNHEALTHY, EndpointState.HEALTHY);
    assertThat(changes.get(0).probesBefore()).as("the first result decides").isEqualTo(1);
    assertThat(outcomes.subList(changes.get(1).probesBefore() - 3, changes.get(1).probesBefore()))
        .as("fall = 3 failures in a row")
        .containsOnly(ProbeOutcome.FAIL);
    assertThat(outcomes.get(changes.get(1).probesBefore() - 4)).isEqualTo(ProbeOutcome.PASS);
    assertThat(outcomes.subList(changes.get(2).probesBefore() - 2, changes.get(2).probesBefore()))
        .as("rise = 2 passes in a row")
        .containsOnly(ProbeOutcome.PASS);
    assertThat(outcomes.get(changes.get(2).probesBefore() - 3)).isEqualTo(ProbeOutcome.FAIL);

    assertThat(checker.events())
        .extracting(StateChange::reason)
        .containsExactly("HTTP 200", "HTTP 503", "HTTP 200");
    LastProbe last = checker.lastProbe("web", LOCAL).orElseThrow();
    assertThat(last.ok()).isTrue();
    assertThat(last.detail()).isEqualTo("HTTP 200");
    assertThat(last.latencyMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void flappingTargetNeverChangesStateWithRiseAndFallTwo() {
    server = FlipServer.startUnchecked().alternate();
    watch("flap", Fixtures.withThresholds(health(Type.HTTP, server.target()), 2, 2), LOCAL);
    checker.start();
    await().atMost(DEADLINE).until(() -> metrics.probes("flap") >= 12);

    List<ProbeOutcome> outcomes = metrics.outcomes("flap");
    assertThat(outcomes).contains(ProbeOutcome.PASS, ProbeOutcome.FAIL);
    for (int i = 1; i < outcomes.size(); i++) {
      assertThat(outcomes.get(i)).as("alternates").isNotEqualTo(outcomes.get(i - 1));
    }
    assertThat(metrics.changes("flap")).as("only the first result's decision").hasSize(1);
    assertThat(checker.events()).hasSize(1);
  }

  @Test
  void bodyMustContainTheExpectedSubstring() throws Exception {
    server = FlipServer.start().body("status: ok");
    HealthSpec h = Fixtures.relaxed(Fixtures.withBody(health(Type.HTTP, server.target()), "ok"));
    try (Probe probe = Probes.create(h)) {
      assertThat(probe.check(LOCAL)).isEqualTo(ProbeResult.pass("HTTP 200"));
      server.body("status: degraded");
      ProbeResult r = probe.check(LOCAL);
      assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAIL);
      assertThat(r.detail()).isEqualTo("HTTP 200, body lacks \"ok\"");
    }
  }

  @Test
  void statusOutsideExpectStatusFails() throws Exception {
    server = FlipServer.start().status(302);
    try (Probe probe = Probes.create(Fixtures.relaxed(health(Type.HTTP, server.target())))) {
      assertThat(probe.check(LOCAL).outcome()).isEqualTo(ProbeOutcome.PASS); // 200-399
      server.status(404);
      assertThat(probe.check(LOCAL)).isEqualTo(ProbeResult.fail("HTTP 404"));
    }
  }

  @Test
  void closedPortFailsAsConnectionRefused() throws Exception {
    int port;
    try (FlipServer gone = FlipServer.start()) {
      port = gone.port();
    }
    try (Probe probe =
        Probes.create(Fixtures.relaxed(health(Type.HTTP, "http://{}:" + port + "/health")))) {
      assertThat(probe.check(LOCAL)).isEqualTo(ProbeResult.fail("connection refused"));
    }
  }

  @Test
  void slowEndpointTimesOutWithoutDelayingAnother() throws Exception {
    server = FlipServer.start();
    try (FlipServer slow = new FlipServer(LOCAL_2, server.port()).hold()) {
      HealthSpec h = health(Type.HTTP, server.target());
      watch(
          "mixed",
          Fixtures.withTimeout(h, Duration.ofMillis(100), Duration.ofMillis(300)),
          LOCAL,
          LOCAL_2);
      checker.start();
      await()
          .atMost(DEADLINE)
          .until(() -> checker.state("mixed", LOCAL_2) == EndpointState.UNHEALTHY);
      int fastBefore = server.requests();
      await().atMost(DEADLINE).until(() -> server.requests() >= fastBefore + 5);

      assertThat(checker.state("mixed", LOCAL)).isEqualTo(EndpointState.HEALTHY);
      assertThat(checker.lastProbe("mixed", LOCAL_2).orElseThrow().detail())
          .isEqualTo("timeout after 300ms");
      assertThat(checker.events())
          .filteredOn(e -> e.endpoint().equals(LOCAL_2))
          .extracting(StateChange::reason)
          .containsExactly("timeout after 300ms");
    }
  }
}
