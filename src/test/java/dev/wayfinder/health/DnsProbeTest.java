package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dns probes against a real knotd: NOERROR passes, REFUSED and SERVFAIL fail. */
class DnsProbeTest {
  @TempDir static Path dir;
  private static KnotServer knot;

  @BeforeAll
  static void startKnot() throws Exception {
    knot = KnotServer.start(dir);
  }

  @AfterAll
  static void stopKnot() {
    knot.close();
  }

  private static HealthSpec query(String name, String type) {
    return Fixtures.dns("{}:" + knot.port(), name, type);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "www.health.test., A, PASS, DNS NOERROR",
    "www.health.test., AAAA, PASS, DNS NOERROR", // NODATA: the server answers for the name
    "nope.health.test., A, FAIL, DNS NXDOMAIN",
    "www.example.org., A, FAIL, DNS REFUSED", // not authoritative, no recursion
    "www.broken.test., A, FAIL, DNS SERVFAIL", // configured zone that failed to load
  })
  void rcodeDecides(String name, String type, ProbeOutcome outcome, String detail)
      throws Exception {
    try (Probe probe = Probes.create(Fixtures.relaxed(query(name, type)))) {
      assertThat(probe.check(LOCAL)).isEqualTo(new ProbeResult(outcome, detail));
    }
  }

  @Test
  void refusedAnswerTurnsTheEndpointUnhealthyWithTheRcodeAsReason() {
    try (HealthChecker checker = new HealthChecker()) {
      checker.update(
          List.of(
              service("ns-ok", query("www.health.test.", "A"), LOCAL),
              service("ns-bad", query("www.example.org.", "A"), LOCAL)));
      checker.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  checker.state("ns-ok", LOCAL) == EndpointState.HEALTHY
                      && checker.state("ns-bad", LOCAL) == EndpointState.UNHEALTHY);
      // The event ring is written just after the state flips: wait for it rather than race it.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(checker.events())
                      .filteredOn(e -> e.service().equals("ns-bad"))
                      .extracting(StateChange::reason)
                      .containsExactly("DNS REFUSED"));
    }
  }
}
