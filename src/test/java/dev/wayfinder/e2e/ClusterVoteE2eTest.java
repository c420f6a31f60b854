package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.EtcdPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Cluster mode", health by majority, with a real etcd and three real nodes: an endpoint
 * down for every node leaves every node's DNS answers within fall × interval + 1 s; one that only
 * one node cannot reach stays in every node's answers (that node is outvoted, and its vote shows
 * {@code fail}); one that two of three cannot reach leaves all of them. Each node probes through
 * its own path of {@link VantageTargets}, so its config differs from the others' and {@code
 * /api/v1/cluster} lists the disagreement.
 */
class ClusterVoteE2eTest {
  /** fall × interval + 1 s for {@link HealthYaml}'s probes (fall 2, every 300 ms). */
  private static final Duration FLIP = Duration.ofMillis(2 * 300 + 1000);

  private static final Duration SETTLE = Duration.ofSeconds(20);

  /** For what the spec bounds no tighter: votes seen, the outvoted node having probed. */
  private static final Duration VOTES_SEEN = Duration.ofSeconds(10);

  /** Several probe intervals (300 ms): long enough for an outvoted node to have tried to pull. */
  private static final Duration OUTVOTED_FOR = Duration.ofSeconds(2);

  @TempDir static Path dir;
  private static EtcdPeer etcd;
  private static VantageTargets targets;
  private static ClusterNodes cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    java.util.Map<String, Long> threads = new java.util.TreeMap<>();
    Thread.getAllStackTraces()
        .keySet()
        .forEach(t -> threads.merge(t.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum));
    etcd = EtcdPeer.single();
    targets = new VantageTargets();
    cluster =
        ClusterNodes.start(
            etcd, dir, ClusterNodes.Launch.IN_PROCESS, ClusterVoteE2eTest::services, "");
  }

  private static String services(String node) {
    String health = HealthYaml.http(targets.target(node));
    return """
        - name: down
          fail_open: false
          endpoints: [{address: 10.20.0.1}, {address: 10.20.0.2}]
          health: %1$s
        - name: outvoted
          fail_open: false
          endpoints: [{address: 10.20.1.1}, {address: 10.20.1.2}]
          health: %1$s
        """
        .formatted(health);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (targets != null) {
      targets.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @AfterEach
  void everythingAnswersAgain() {
    targets.reset();
  }

  @Test
  void anEndpointDownForEveryNodeLeavesEveryNodesAnswersWithinFallTimesIntervalPlusOneSecond() {
    cluster.awaitAnswers(SETTLE, "down", Set.of("10.20.0.1", "10.20.0.2"));

    long flipped = System.nanoTime();
    targets.set("10.20.0.2", 503);
    cluster.awaitAnswers(FLIP, "down", Set.of("10.20.0.1"));
    Duration took = Duration.ofNanos(System.nanoTime() - flipped);

    assertThat(took).as("from the flip to every node's answer").isLessThanOrEqualTo(FLIP);
    await("every node's vote recorded")
        .atMost(VOTES_SEEN)
        .until(
            () ->
                cluster.everyRunning(
                    n -> votesOn(n, "down", "10.20.0.2").equals(List.of("fail", "fail", "fail"))));

    targets.set("10.20.0.2", 200);
    cluster.awaitAnswers(VOTES_SEEN, "down", Set.of("10.20.0.1", "10.20.0.2"));
  }

  @Test
  void anEndpointOneNodeCannotReachStaysAndOneTwoCannotReachLeavesEveryNodesAnswers() {
    Set<String> both = Set.of("10.20.1.1", "10.20.1.2");
    cluster.awaitAnswers(SETTLE, "outvoted", both);

    targets.setFrom("n3", "10.20.1.2", 503);
    await("n3's fail vote seen by every node")
        .atMost(VOTES_SEEN)
        .until(
            () ->
                cluster.everyRunning(
                    n ->
                        votesOn(n, "outvoted", "10.20.1.2")
                            .equals(List.of("pass", "pass", "fail"))));
    ClusterNodes.holdsThroughout(
        OUTVOTED_FOR,
        "10.20.1.2 answered by every node, n3 included",
        () -> cluster.allAnswer("outvoted", both));
    JsonNode onN3 = endpoint(cluster.node("n3").service("outvoted"), "10.20.1.2");
    assertThat(onN3.get("state").asText()).isEqualTo("healthy");
    assertThat(onN3.get("last_probe").get("ok").asBoolean()).as("n3's own probe").isFalse();

    long flipped = System.nanoTime();
    targets.setFrom("n2", "10.20.1.2", 503);
    cluster.awaitAnswers(FLIP, "outvoted", Set.of("10.20.1.1"));
    assertThat(Duration.ofNanos(System.nanoTime() - flipped)).isLessThanOrEqualTo(FLIP);
    await("two fail votes seen by every node")
        .atMost(VOTES_SEEN)
        .until(
            () ->
                cluster.everyRunning(
                    n ->
                        votesOn(n, "outvoted", "10.20.1.2")
                            .equals(List.of("pass", "fail", "fail"))));
  }

  @Test
  void eachNodesOwnTargetsShowAsAConfigDisagreementOnEveryNode() {
    for (WayfinderNode n : cluster.nodes()) {
      await(n.name() + " lists the disagreements")
          .atMost(SETTLE)
          .until(() -> disagreements(n.cluster()).size() == 2);
      JsonNode c = n.cluster();
      assertThat(c.get("node").asText()).isEqualTo(n.name());
      for (JsonNode d : disagreements(c)) {
        assertThat(d.get("service").asText()).isIn("down", "outvoted");
        List<String> groups = new ArrayList<>();
        d.get("nodes").forEach(g -> groups.add(g.toString()));
        assertThat(groups).containsExactlyInAnyOrder("[\"n1\"]", "[\"n2\"]", "[\"n3\"]");
      }
    }
  }

  private static List<JsonNode> disagreements(JsonNode cluster) {
    List<JsonNode> out = new ArrayList<>();
    cluster.get("config_disagreements").forEach(out::add);
    return out;
  }

  /** n1's, n2's and n3's votes on one endpoint, as {@code node} reports them. */
  private static List<String> votesOn(WayfinderNode node, String service, String address) {
    JsonNode votes = node.votes(service, address);
    List<String> out = new ArrayList<>();
    for (String n : ClusterNodes.NAMES) {
      out.add(votes.path(n).asText("none"));
    }
    return out;
  }

  private static JsonNode endpoint(JsonNode service, String address) {
    for (JsonNode e : service.get("endpoints")) {
      if (e.get("address").asText().equals(address)) {
        return e;
      }
    }
    throw new AssertionError(address + " not in " + service);
  }
}
