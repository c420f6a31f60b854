package dev.wayfinder.health;

import static dev.wayfinder.health.EndpointState.DRAINING;
import static dev.wayfinder.health.EndpointState.HEALTHY;
import static dev.wayfinder.health.EndpointState.MAINTENANCE;
import static dev.wayfinder.health.EndpointState.UNHEALTHY;
import static dev.wayfinder.health.EndpointState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-endpoint state machine, without probes or threads. */
class EndpointHealthTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private final EndpointHealth endpoint = new EndpointHealth("web", Fixtures.LOCAL);

  /** Feeds results ('+' pass, '-' fail) with rise 2 and fall 3; returns the states after each. */
  private List<EndpointState> feed(String results) {
    List<EndpointState> states = new ArrayList<>();
    for (char c : results.toCharArray()) {
      ProbeResult r = c == '+' ? ProbeResult.pass("HTTP 200") : ProbeResult.fail("HTTP 503");
      endpoint.onProbe(r, new LastProbe(NOW, c == '+', r.detail(), 1), 2, 3, NOW);
      states.add(endpoint.state());
    }
    return states;
  }

  @ParameterizedTest(name = "{0} ends {1}")
  @CsvSource({
    "+, HEALTHY", // the first result decides at once
    "-, UNHEALTHY",
    "+-, HEALTHY",
    "+--, HEALTHY",
    "+---, UNHEALTHY", // fall = 3
    "+--+---, UNHEALTHY", // a pass breaks the failure streak; then three more
    "+--+--, HEALTHY",
    "-+, UNHEALTHY",
    "-++, HEALTHY", // rise = 2
    "-+-+-+-+-+, UNHEALTHY", // flapping never changes the state
    "+-+-+-+-+-, HEALTHY",
  })
  void thresholds(String results, EndpointState expected) {
    assertThat(feed(results)).last().isEqualTo(expected);
  }

  @Test
  void unknownUntilFirstProbeAndCountedHealthy() {
    assertThat(endpoint.state()).isEqualTo(UNKNOWN);
    assertThat(endpoint.state().healthy()).isTrue();
  }

  @Test
  void eachChangeIsReportedOnceWithItsReason() {
    ProbeResult fail = ProbeResult.fail("connect timeout");
    LastProbe last = new LastProbe(NOW, false, "connect timeout", 80);
    StateChange first = endpoint.onProbe(fail, last, 2, 3, NOW);
    assertThat(first.from()).isEqualTo(UNKNOWN);
    assertThat(first.to()).isEqualTo(UNHEALTHY);
    assertThat(first.reason()).isEqualTo("connect timeout");
    assertThat(endpoint.onProbe(fail, last, 2, 3, NOW)).isNull();
    assertThat(endpoint.lastProbe()).isEqualTo(last);
  }

  @Test
  void drainOverridesAndUndrainRestoresTheVerdictReachedMeanwhile() {
    feed("+");
    StateChange drained = endpoint.setDrained(true, NOW);
    assertThat(drained.to()).isEqualTo(DRAINING);
    assertThat(drained.reason()).isEqualTo("drained");
    feed("---"); // still probed while drained: the verdict moves underneath
    assertThat(endpoint.state()).isEqualTo(DRAINING);
    assertThat(endpoint.verdict()).isEqualTo(UNHEALTHY);
    StateChange back = endpoint.setDrained(false, NOW);
    assertThat(back.from()).isEqualTo(DRAINING);
    assertThat(back.to()).isEqualTo(UNHEALTHY);
  }

  @Test
  void maintenanceWinsOverDrainAndServiceMaintenanceOverBoth() {
    feed("+");
    endpoint.setDrained(true, NOW);
    assertThat(endpoint.setMaintenance(true, NOW).to()).isEqualTo(MAINTENANCE);
    assertThat(endpoint.setServiceMaintenance(true, NOW)).isNull(); // already maintenance
    assertThat(endpoint.setMaintenance(false, NOW)).isNull(); // the service's still holds
    assertThat(endpoint.setServiceMaintenance(false, NOW).to()).isEqualTo(DRAINING);
    assertThat(endpoint.setDrained(false, NOW).to()).isEqualTo(HEALTHY);
  }

  @Test
  void resetStreakForgetsHalfCountedFailures() {
    feed("+--");
    endpoint.resetStreak();
    assertThat(feed("--")).last().isEqualTo(HEALTHY);
    assertThat(feed("-")).last().isEqualTo(UNHEALTHY);
  }
}
