package dev.wayfinder.health;

import static dev.wayfinder.health.EndpointState.DRAINING;
import static dev.wayfinder.health.EndpointState.HEALTHY;
import static dev.wayfinder.health.EndpointState.UNHEALTHY;
import static dev.wayfinder.health.EndpointState.UNKNOWN;
import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.health;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec.Type;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cluster mode's seam: own verdicts go to the voter, states follow the vote's decisions. */
class HealthCheckerVotingTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final HealthChecker checker =
      new HealthChecker(HealthMetrics.NOOP, InstantSource.system(), 64, 1000);
  private final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
  private FlipServer server;

  @BeforeAll
  static void warmUp() throws Exception {
    FlipServer.warmUpHttpClient();
  }

  @BeforeEach
  void start() throws Exception {
    server = FlipServer.start();
    checker.vote(verdicts::add);
    checker.update(List.of(service("web", health(Type.HTTP, server.target()), LOCAL)));
    checker.start();
  }

  @AfterEach
  void tearDown() {
    checker.stop(Duration.ofSeconds(5));
    server.close();
  }

  @Test
  void ownVerdictsGoToTheVoterAndDoNotDecide() {
    await().atMost(DEADLINE).until(() -> !verdicts.isEmpty());
    assertThat(verdicts.get(0).state()).isEqualTo(HEALTHY);
    assertThat(checker.verdict("web", LOCAL)).isEqualTo(HEALTHY);
    assertThat(checker.state("web", LOCAL)).as("nobody decided yet").isEqualTo(UNKNOWN);

    server.status(503);
    await().atMost(DEADLINE).until(() -> verdicts.size() == 2);
    assertThat(verdicts.get(1).state()).isEqualTo(UNHEALTHY);
    assertThat(verdicts.get(1).detail()).isEqualTo("HTTP 503");
    assertThat(checker.state("web", LOCAL)).isEqualTo(UNKNOWN);
  }

  @Test
  void decisionsSetTheStateAndOverridesStillWin() {
    assertThat(checker.decide("web", LOCAL, UNHEALTHY, "vote 1 pass, 2 fail")).isTrue();
    assertThat(checker.state("web", LOCAL)).isEqualTo(UNHEALTHY);
    assertThat(checker.events().get(checker.events().size() - 1).reason())
        .isEqualTo("vote 1 pass, 2 fail");

    checker.drain("web", LOCAL);
    checker.decide("web", LOCAL, HEALTHY, "vote 3 pass, 0 fail");
    assertThat(checker.state("web", LOCAL)).isEqualTo(DRAINING);
    checker.undrain("web", LOCAL);
    assertThat(checker.state("web", LOCAL))
        .as("the vote's verdict, not the probe's")
        .isEqualTo(HEALTHY);
    assertThat(checker.decide("nothere", LOCAL, HEALTHY, "x")).isFalse();
  }
}
