package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.EtcdPeer;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.Rfc2136Primary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Cluster mode", one publisher, with a real etcd, three nodes (the leader a child JVM) and
 * a real Knot taking RFC 2136 updates signed with TSIG: only the leader publishes; when it is
 * killed with SIGKILL another node leads and publishes within {@code lease_ttl}, and Knot gets
 * every change of the answer set exactly once (its SOA serial rises by one per change and its log
 * shows one update per change), none lost across the change of leader. The killed node shows as not
 * alive on the others within {@code lease_ttl} + 1 s.
 */
class ClusterLeaderE2eTest {
  private static final String WWW = "www.example.org.";
  private static final Duration SETTLE = Duration.ofSeconds(20);

  /**
   * A health flip published to Knot, where no change of leader is involved: fall × interval, the
   * vote and one update, with room for a busy machine (Rfc2136PublishE2eTest bounds it).
   */
  private static final Duration FLIP = Duration.ofSeconds(5);

  /**
   * How much longer than {@code lease_ttl} the wait for the publication goes on, so that a late
   * takeover fails the assertion with its time rather than as a timeout.
   */
  private static final Duration TAKEOVER_SLACK = Duration.ofSeconds(1);

  /** SPEC: a node whose lease lapsed is not alive (or absent) on the others. */
  private static final Duration GONE = ClusterNodes.LEASE_TTL.plus(Duration.ofSeconds(1));

  /** Knot logs one "DDNS, processing N updates" line per batch of updates it applies. */
  private static final Pattern KNOT_UPDATES = Pattern.compile("DDNS, processing (\\d+) update");

  @TempDir Path dir;
  private EtcdPeer etcd;
  private Rfc2136Primary knot;
  private HealthTargets targets;
  private ClusterNodes cluster;

  @AfterEach
  void stopAll() {
    if (cluster != null) {
      cluster.close();
    }
    if (targets != null) {
      targets.close();
    }
    if (knot != null) {
      knot.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void whenTheLeaderIsKilledAnotherPublishesEveryChangeToKnotExactlyOnce() throws Exception {
    etcd = EtcdPeer.single();
    knot = Rfc2136Primary.knot(Files.createDirectories(dir.resolve("knot")), FreePorts.udpAndTcp());
    targets = new HealthTargets();
    String services =
        """
        - name: web
          fail_open: false
          endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}, {address: 10.9.0.3}]
          health: %s
        """
            .formatted(HealthYaml.http(targets.target()));
    String publish =
        """
        tsig_keys:
          - {name: %1$s, algorithm: hmac-sha256, secret: "%2$s"}
        publish:
          - type: rfc2136
            server: "%3$s"
            zone: example.org
            tsig: %1$s
            records: [{service: web, name: www.example.org, ttl: 30}]
        """
            .formatted(Rfc2136Primary.KEY, Rfc2136Primary.SECRET, knot.server());
    cluster =
        ClusterNodes.start(
            etcd,
            dir.resolve("nodes"),
            ClusterNodes.Launch.LEADER_IN_CHILD_JVM,
            n -> services,
            publish);
    awaitPublished(SETTLE, "10.9.0.1", "10.9.0.2", "10.9.0.3");
    long serial = knot.serial();
    int updates = knotUpdates();

    String leader = cluster.leader();
    assertThat(leader).as("the child JVM leads").isEqualTo("n1");
    assertThat(publishing(cluster.node(leader))).as("the leader publishes").isTrue();
    for (String n : ClusterNodes.NAMES) {
      if (!n.equals(leader)) {
        assertThat(publishing(cluster.node(n))).as(n + " does not publish").isFalse();
      }
    }

    flip("10.9.0.2", 503, FLIP, "10.9.0.1", "10.9.0.3");
    flip("10.9.0.3", 503, FLIP, "10.9.0.1");
    flip("10.9.0.2", 200, FLIP, "10.9.0.1", "10.9.0.2");

    long killed = System.nanoTime();
    cluster.node(leader).kill();
    // Decided by the survivors in fall × interval, published only once one of them leads.
    targets.set("10.9.0.3", 200);
    awaitPublished(ClusterNodes.LEASE_TTL.plus(TAKEOVER_SLACK), "10.9.0.1", "10.9.0.2", "10.9.0.3");
    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
    assertThat(takeover).as("kill to publish").isLessThanOrEqualTo(ClusterNodes.LEASE_TTL);

    await(leader + " gone on the others")
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.everyRunning(n -> !ClusterNodes.alive(n.cluster()).contains(leader)));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThanOrEqualTo(GONE);
    String next = cluster.leader();
    assertThat(next).isNotNull().isNotEqualTo(leader);
    for (WayfinderNode n : cluster.running()) {
      assertThat(n.cluster().get("leader").asText()).isEqualTo(next);
      assertThat(publishing(n)).isEqualTo(n.name().equals(next));
    }

    flip("10.9.0.1", 503, FLIP, "10.9.0.2", "10.9.0.3");
    flip("10.9.0.1", 200, FLIP, "10.9.0.1", "10.9.0.2", "10.9.0.3");

    int changes = 6;
    await("no late or doubled update")
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> knot.serial() == serial + changes);
    assertThat(knotUpdates() - updates)
        .as("updates Knot received:\n" + knot.log())
        .isEqualTo(changes);
  }

  /** Sets the health of {@code address} for every node and waits for Knot to show the result. */
  private void flip(String address, int status, Duration within, String... published) {
    targets.set(address, status);
    awaitPublished(within, published);
  }

  private void awaitPublished(Duration within, String... expected) {
    await(WWW + " at Knot is " + List.of(expected))
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .ignoreException(IOException.class)
        .until(() -> knot.addresses(WWW).equals(Set.of(expected)));
  }

  /** Whether {@code node} has publish targets ({@code /api/v1/publish} lists none otherwise). */
  private static boolean publishing(WayfinderNode node) {
    JsonNode targets = AdminClient.json(node.admin().get("/api/v1/publish")).get("targets");
    return targets != null && !targets.isEmpty();
  }

  /** The updates Knot has applied so far, by its log. */
  private int knotUpdates() {
    Matcher m = KNOT_UPDATES.matcher(knot.log());
    int n = 0;
    while (m.find()) {
      n += Integer.parseInt(m.group(1));
    }
    return n;
  }
}
