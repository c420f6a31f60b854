package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Z SOA": the serial increases on every change of the zone's content, and a change in the
 * registry shows in answers on the wire (without a restart).
 */
class ZoneChangesE2eTest {
  private static final Duration VISIBLE = Duration.ofSeconds(10);

  @TempDir Path dir;
  RunningDaemon daemon;
  DigRunner dig;

  @BeforeEach
  void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir).yaml());
    dig = daemon.client();
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void addedServiceIsAnsweredAndRaisesTheSerial() {
    long before = serial();
    Registry registry = daemon.daemon().registry();
    registry
        .sink(Service.Source.API)
        .apply(List.of(renamed(registry.get("web"), "late")), List.of());

    await("late.Z answers")
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "NOERROR".equals(dig.dig(fqdn("late"), "A").status()));
    DigResult r = dig.dig(fqdn("late"), "A");

    assertThat(r.answers("A")).as(r.raw()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(serial()).isGreaterThan(before);
  }

  @Test
  void removedServiceBecomesNxdomainAndRaisesTheSerialAgain() {
    Registry registry = daemon.daemon().registry();
    registry
        .sink(Service.Source.API)
        .apply(List.of(renamed(registry.get("web"), "brief")), List.of());
    await()
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "NOERROR".equals(dig.dig(fqdn("brief"), "A").status()));
    long afterAdd = serial();

    registry.sink(Service.Source.API).apply(List.of(), List.of("brief"));
    await("brief.Z gone")
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "NXDOMAIN".equals(dig.dig(fqdn("brief"), "A").status()));

    assertThat(serial()).isGreaterThan(afterAdd);
    assertThat(dig.dig(fqdn("web"), "A").answers("A")).hasSize(2);
  }

  private long serial() {
    DigResult soa = dig.dig(fqdn(""), "SOA");
    assertThat(soa.answer()).as(soa.raw()).hasSize(1);
    return soa.answer().get(0).soaSerial();
  }

  private static Service renamed(Service s, String name) {
    return new Service(
        name,
        s.ttl(),
        s.ports(),
        s.endpoints(),
        s.health(),
        s.failOpen(),
        s.maxAnswers(),
        Service.Source.API);
  }
}
