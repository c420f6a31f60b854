package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Endpoint state" over the wire: real HTTP health targets flip, and the daemon's DNS
 * answers follow within the rise/fall thresholds; fail-open, drain and maintenance.
 */
class HealthFlipE2eTest {
  static final Duration VERDICT = HealthDaemon.VERDICT;
  static final Set<String> ALL = Set.of("10.9.0.1", "10.9.0.2", "10.9.0.3");

  @TempDir Path dir;
  HealthDaemon env;
  HealthTargets targets;
  RunningDaemon daemon;
  DigRunner dig;

  @BeforeEach
  void start() throws Exception {
    env =
        HealthDaemon.start(
            dir,
            health ->
                """
        - name: web
          endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}, {address: 10.9.0.3}]
          health: %s
        - name: strict
          fail_open: false
          endpoints: [{address: 10.9.9.1}]
          health: %s
        """
                    .formatted(health, health));
    targets = env.targets();
    daemon = env.daemon();
    dig = env.client();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void anUnhealthyEndpointLeavesTheAnswerAndComesBack() {
    assertThat(addresses("web")).isEqualTo(ALL);
    long serial = serial();

    targets.set("10.9.0.2", 503);
    awaitAddresses("web", Set.of("10.9.0.1", "10.9.0.3"));
    long afterDown = serial();
    assertThat(afterDown).isGreaterThan(serial);
    assertThat(health().events())
        .anySatisfy(
            e -> {
              assertThat(e.endpoint().getHostAddress()).isEqualTo("10.9.0.2");
              assertThat(e.to()).isEqualTo(EndpointState.UNHEALTHY);
              assertThat(e.reason()).contains("503");
            });

    targets.set("10.9.0.2", 200);
    awaitAddresses("web", ALL);
    assertThat(serial()).isGreaterThan(afterDown);
    assertThat(health().events())
        .anyMatch(e -> e.from() == EndpointState.UNHEALTHY && e.to() == EndpointState.HEALTHY);
  }

  @Test
  void whenAllFailFailOpenAnswersThemAllAndAStrictServiceAnswersNodata() {
    ALL.forEach(a -> targets.set(a, 500));
    targets.set("10.9.9.1", 500);
    await().atMost(VERDICT).until(() -> unhealthy("10.9.0.1", "10.9.0.2", "10.9.0.3", "10.9.9.1"));

    assertThat(addresses("web")).as("fail_open brings every endpoint back").isEqualTo(ALL);
    DigResult strict = dig.dig(fqdn("strict"), "A");
    assertThat(strict.status()).as(strict.raw()).isEqualTo("NOERROR");
    assertThat(strict.answer()).isEmpty();
    assertThat(strict.authoritySoa().name()).isEqualTo(fqdn(""));
  }

  @Test
  void drainTakesAnEndpointOutEvenWhenFailingOpen() {
    assertThat(health().drain("web", IpLiteral.toAddress("10.9.0.1"))).isTrue();
    awaitAddresses("web", Set.of("10.9.0.2", "10.9.0.3"));

    // Fail-open never brings back a drained endpoint.
    targets.set("10.9.0.2", 503);
    targets.set("10.9.0.3", 503);
    await().atMost(VERDICT).until(() -> unhealthy("10.9.0.2", "10.9.0.3"));
    assertThat(addresses("web")).isEqualTo(Set.of("10.9.0.2", "10.9.0.3"));

    assertThat(health().undrain("web", IpLiteral.toAddress("10.9.0.1"))).isTrue();
    awaitAddresses("web", Set.of("10.9.0.1"));
    assertThat(health().events())
        .anyMatch(e -> e.to() == EndpointState.DRAINING && e.reason().contains("drain"));
  }

  @Test
  void maintenanceAnswersNodataAndTheNameStillExists() {
    long before = serial();
    assertThat(health().setMaintenance("web", true)).isTrue();
    await().atMost(VERDICT).until(() -> dig.dig(fqdn("web"), "A").answer().isEmpty());

    DigResult r = dig.dig(fqdn("web"), "A");
    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.authoritySoa().soaSerial()).isGreaterThan(before);
    assertThat(dig.dig(fqdn("web-1"), "A").status()).isEqualTo("NOERROR");

    health().setMaintenance("web", false);
    awaitAddresses("web", ALL);
  }

  private HealthChecker health() {
    return daemon.daemon().health();
  }

  private boolean unhealthy(String... addresses) {
    Predicate<String> down =
        a -> {
          String service = a.startsWith("10.9.9.") ? "strict" : "web";
          return health().state(service, IpLiteral.toAddress(a)) == EndpointState.UNHEALTHY;
        };
    return List.of(addresses).stream().allMatch(down);
  }

  private Set<String> addresses(String service) {
    DigResult r = dig.dig(fqdn(service), "A");
    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    return Set.copyOf(r.answers("A"));
  }

  private void awaitAddresses(String service, Set<String> expected) {
    await(service + " answers " + expected)
        .atMost(VERDICT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> addresses(service).equals(expected));
  }

  private long serial() {
    DigResult soa = dig.dig(fqdn(""), "SOA");
    assertThat(soa.answer()).as(soa.raw()).hasSize(1);
    return soa.answer().get(0).soaSerial();
  }
}
