package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active-standby over the wire (SPEC.md "Endpoint state"): only the lowest priority with a healthy
 * member is answered, in A and in SRV; the standby tier takes over when the primary tier has none
 * and gives the answer back when a primary recovers. Weights bias who comes first.
 */
class HealthPriorityE2eTest {
  static final Duration VERDICT = HealthDaemon.VERDICT;

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
        - name: db
          fail_open: false
          ports: [{name: pg, protocol: tcp, port: 5432}]
          endpoints:
            - {address: 10.9.1.1, priority: 0}
            - {address: 10.9.1.2, priority: 0}
            - {address: 10.9.1.3, priority: 1, weight: 5}
          health: %s
        - name: weighted
          endpoints:
            - {address: 10.9.2.1, weight: 3}
            - {address: 10.9.2.2, weight: 1}
        """
                    .formatted(health));
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
  void standbyAnswersOnlyWhileThePrimaryTierHasNoHealthyMember() {
    awaitA(Set.of("10.9.1.1", "10.9.1.2"));
    assertThat(srv())
        .containsExactlyInAnyOrder("0 1 5432 db-1." + fqdn(""), "0 1 5432 db-2." + fqdn(""));

    targets.set("10.9.1.1", 503);
    awaitA(Set.of("10.9.1.2"));
    targets.set("10.9.1.2", 503);
    awaitA(Set.of("10.9.1.3"));
    assertThat(srv()).as("SRV follows the failover").containsExactly("1 5 5432 db-3." + fqdn(""));

    targets.set("10.9.1.2", 200);
    awaitA(Set.of("10.9.1.2"));
    assertThat(srv()).as("SRV follows the failback").containsExactly("0 1 5432 db-2." + fqdn(""));
  }

  @Test
  void theStandbyItselfFailingLeavesNodataWithoutFailOpen() {
    List.of("10.9.1.1", "10.9.1.2", "10.9.1.3").forEach(a -> targets.set(a, 503));
    await()
        .atMost(VERDICT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> dig.dig(fqdn("db"), "A").answer().isEmpty());
    DigResult r = dig.dig(fqdn("db"), "A");
    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    assertThat(r.authoritySoa()).isNotNull();
  }

  /**
   * Statistical, with a wide margin: weight 3 leads about three times as often as weight 1 (the
   * precomputed orders make it 24 of 32 exactly; the test accepts 2x to 4x).
   */
  @Test
  void weightBiasesTheFirstAnswer() {
    int heavy = 0;
    int light = 0;
    for (int i = 0; i < 96; i++) {
      DigResult r = dig.dig(fqdn("weighted"), "A");
      List<String> order = r.answers("A");
      assertThat(order).as(r.raw()).hasSize(2);
      if (order.get(0).equals("10.9.2.1")) {
        heavy++;
      } else {
        light++;
      }
    }
    assertThat(light).isPositive();
    assertThat((double) heavy / light).isBetween(2.0, 4.0);
  }

  private List<String> srv() {
    DigResult r = dig.dig("_pg._tcp." + fqdn("db"), "SRV");
    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
    return r.answers("SRV");
  }

  private void awaitA(Set<String> expected) {
    await("db answers " + expected)
        .atMost(VERDICT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Set.copyOf(dig.dig(fqdn("db"), "A").answers("A")).equals(expected));
  }
}
