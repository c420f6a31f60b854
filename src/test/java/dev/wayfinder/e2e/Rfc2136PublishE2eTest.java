package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC.md "Reload, publishing, shutdown", RFC 2136 through a real daemon: the published name at a
 * real Knot and a real BIND follows a service's answer set as its endpoints' health flips, within
 * fall × interval + 1 s of the flip (issue: "health flips move the records there"), signed with a
 * TSIG key from {@code tsig_keys}; the zone's other records stay.
 */
class Rfc2136PublishE2eTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /** fall × interval + 1 s for {@link HealthYaml}'s probes (fall and rise 2, every 300 ms). */
  private static final Duration FLIP = Duration.ofMillis(2 * 300 + 1000);

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

  @ParameterizedTest
  @ValueSource(strings = {"knot", "bind"})
  void thePublishedNameFollowsTheHealthOfTheEndpoints(String server) throws Exception {
    Path home = Files.createDirectories(dir.resolve(server));
    knot =
        server.equals("knot")
            ? Rfc2136Primary.knot(home, FreePorts.udpAndTcp())
            : Rfc2136Primary.bind(home, FreePorts.udpAndTcp());
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
    assertThat(published.findValuesAsText("type")).containsExactly("rfc2136");

    awaitAddresses(DEADLINE, "10.9.0.1", "10.9.0.2");
    targets.set("10.9.0.2", 503);
    awaitAddresses(FLIP, "10.9.0.1");
    targets.set("10.9.0.2", 200);
    awaitAddresses(FLIP, "10.9.0.1", "10.9.0.2");

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

  private void awaitAddresses(Duration within, String... expected) {
    await("www.example.org. at the primary")
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .ignoreException(IOException.class)
        .until(() -> knot.addresses(WWW).equals(Set.of(expected)));
  }
}
