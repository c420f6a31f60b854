package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.ZONE;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.KnotPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dns.transfer.tsig} with NOTIFY: a Knot secondary that takes transfers and NOTIFY only
 * signed with the key loads the zone and follows a change within seconds, so Wayfinder's NOTIFY and
 * both transfers were signed.
 */
class NotifyTsigE2eTest {
  static final String[] KEY = {
    "xfr-key", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg=="
  };

  @TempDir Path dir;

  @Test
  void signedNotifyAndTransfersReachAKnotThatRequiresTheKey() throws Exception {
    int knotPort = FreePorts.udpAndTcp();
    try (RunningDaemon daemon =
            RunningDaemon.start(
                new E2eConfig(dir.resolve("wayfinder"))
                    .transferNotify("127.0.0.1:" + knotPort)
                    .transferTsig(KEY[0], KEY[1], KEY[2])
                    .yaml());
        KnotPeer knot =
            KnotPeer.secondary(
                Files.createDirectories(dir.resolve("knot")),
                ZONE,
                daemon.dnsAddress(),
                knotPort,
                KEY)) {
      DigRunner atKnot = new DigRunner(knot.address());
      await("Knot loads the zone")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "NOERROR".equals(atKnot.dig(fqdn("web"), "A").status()));

      assertThat(
              daemon
                  .admin()
                  .put("/api/v1/services/signed", "{\"endpoints\": [{\"address\": \"10.6.0.1\"}]}")
                  .statusCode())
          .isEqualTo(201);

      try {
        await("Knot follows the change")
            .atMost(NotifyE2eTest.FOLLOWS)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> atKnot.dig(fqdn("signed"), "A").answers("A").contains("10.6.0.1"));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(knot.log(), e);
      }
      assertThat(knot.log()).contains("IXFR, incoming").doesNotContain("denied");
    }
  }
}
