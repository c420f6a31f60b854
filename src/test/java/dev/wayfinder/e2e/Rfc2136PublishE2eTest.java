package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.Rfc2136Primary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Reload, publishing, shutdown", RFC 2136 through a real daemon: the published name at a
 * real Knot follows a service's answer set as its endpoints' health flips, signed with a TSIG key
 * from {@code tsig_keys}. Skipped when the daemon lists no rfc2136 target in {@code GET
 * /api/v1/publish} (a build that does not wire the type).
 */
class Rfc2136PublishE2eTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String WWW = "www.example.org.";

  @TempDir Path dir;
  private Rfc2136Primary knot;
  private HealthTargets targets;
  private RunningDaemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (targets != null) {
      targets.close();
    }
    if (knot != null) {
      knot.close();
    }
  }

  @Test
  void thePublishedNameFollowsTheHealthOfTheEndpoints() throws Exception {
    knot = Rfc2136Primary.knot(Files.createDirectories(dir.resolve("knot")), FreePorts.udpAndTcp());
    targets = new HealthTargets();
    String services =
        """
        - name: web
          fail_open: false
          endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}]
          health: %s
        """
            .formatted(HealthYaml.http(targets.target()));
    String publish =
        """

        tsig_keys:
          - {name: %s, algorithm: hmac-sha256, secret: "%s"}
        publish:
          - type: rfc2136
            server: "%s"
            zone: example.org
            tsig: %s
            records: [{service: web, name: www.example.org, ttl: 30}]
        """
            .formatted(
                Rfc2136Primary.KEY, Rfc2136Primary.SECRET, knot.server(), Rfc2136Primary.KEY);
    daemon =
        RunningDaemon.start(
            HealthYaml.config(Files.createDirectories(dir.resolve("data")), services) + publish);
    JsonNode published = AdminClient.json(daemon.admin().get("/api/v1/publish")).get("targets");
    assumeThat(published.findValuesAsText("type"))
        .as("this build wires publish type rfc2136")
        .contains("rfc2136");

    awaitAddresses("10.9.0.1", "10.9.0.2");
    targets.set("10.9.0.2", 503);
    awaitAddresses("10.9.0.1");
    targets.set("10.9.0.2", 200);
    awaitAddresses("10.9.0.1", "10.9.0.2");

    assertThat(knot.txt(WWW)).containsExactly("not published");
    assertThat(knot.addresses("mail.example.org.")).containsExactly("192.0.2.25");
    await("status ok")
        .atMost(DEADLINE)
        .until(
            () ->
                AdminClient.json(daemon.admin().get("/api/v1/publish"))
                    .get("targets")
                    .get(0)
                    .get("status")
                    .asText()
                    .equals("ok"));
  }

  private void awaitAddresses(String... expected) {
    await("www.example.org. at Knot")
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .ignoreException(IOException.class)
        .until(() -> knot.addresses(WWW).equals(Set.of(expected)));
  }
}
