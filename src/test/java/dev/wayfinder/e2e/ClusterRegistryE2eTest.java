package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.EtcdPeer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Cluster mode", the shared registry, with a real etcd and three real nodes: an API write
 * on one node (PUT, drain, undrain, maintenance, DELETE) is answered by every node within 1 s of
 * the call returning, config-file services' drains included; {@code /api/v1/cluster} and the
 * metrics on every node show the three members alive and one leader, the same everywhere.
 */
class ClusterRegistryE2eTest {
  /** SPEC: answered by every node within 1 s of the call returning. */
  private static final Duration WRITE_SEEN = Duration.ofSeconds(1);

  private static final String BODY =
      """
      {"endpoints": [{"address": "10.40.0.1"}, {"address": "10.40.0.2"}]}
      """;

  @TempDir static Path dir;
  private static EtcdPeer etcd;
  private static ClusterNodes cluster;

  @BeforeAll
  static void startCluster() {
    etcd = EtcdPeer.single();
    cluster =
        ClusterNodes.start(
            etcd,
            dir,
            ClusterNodes.Launch.IN_PROCESS,
            node ->
                """
                - name: static
                  endpoints: [{address: 10.40.1.1}, {address: 10.40.1.2}]
                """,
            "");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void aServicePutOnOneNodeIsAnsweredByTheOthersDrainedEverywhereAndDeletedEverywhere() {
    WayfinderNode n1 = cluster.node("n1");
    WayfinderNode n2 = cluster.node("n2");
    WayfinderNode n3 = cluster.node("n3");
    Set<String> both = Set.of("10.40.0.1", "10.40.0.2");

    assertThat(n1.admin().put("/api/v1/services/shared", BODY).statusCode()).isEqualTo(201);
    awaitWithin(WRITE_SEEN, "n3 answers the service PUT on n1", () -> n3.answers("shared"), both);
    cluster.awaitAnswers(WRITE_SEEN, "shared", both);
    assertThat(n3.service("shared").get("source").asText()).isEqualTo("cluster");

    post(n2, "/api/v1/services/shared/endpoints/10.40.0.2/drain");
    cluster.awaitAnswers(WRITE_SEEN, "shared", Set.of("10.40.0.1"));
    post(n2, "/api/v1/services/shared/endpoints/10.40.0.2/undrain");
    cluster.awaitAnswers(WRITE_SEEN, "shared", both);

    assertThat(n3.admin().delete("/api/v1/services/shared").statusCode()).isEqualTo(204);
    cluster.awaitAnswers(WRITE_SEEN, "shared", Set.of());
    assertThat(
            cluster.everyRunning(
                n -> n.dig().dig(E2eConfig.fqdn("shared"), "A").status().equals("NXDOMAIN")))
        .as("NXDOMAIN on every node")
        .isTrue();
    assertThat(cluster.everyRunning(n -> n.service("shared") == null)).isTrue();
  }

  @Test
  void drainAndMaintenanceOfAConfigFileServiceApplyOnEveryNode() {
    Set<String> both = Set.of("10.40.1.1", "10.40.1.2");
    cluster.awaitAnswers(Duration.ofSeconds(10), "static", both);

    post(cluster.node("n2"), "/api/v1/services/static/endpoints/10.40.1.1/drain");
    cluster.awaitAnswers(WRITE_SEEN, "static", Set.of("10.40.1.2"));
    post(cluster.node("n3"), "/api/v1/services/static/endpoints/10.40.1.1/undrain");
    cluster.awaitAnswers(WRITE_SEEN, "static", both);

    HttpResponse<String> on =
        cluster.node("n1").admin().post("/api/v1/services/static/maintenance", "{\"on\": true}");
    assertThat(on.statusCode()).isEqualTo(200);
    cluster.awaitAnswers(WRITE_SEEN, "static", Set.of());
    assertThat(cluster.everyRunning(n -> n.service("static").get("maintenance").asBoolean()))
        .isTrue();
    cluster.node("n1").admin().post("/api/v1/services/static/maintenance", "{\"on\": false}");
    cluster.awaitAnswers(WRITE_SEEN, "static", both);
  }

  @Test
  void everyNodeListsTheThreeMembersAliveAndTheSameLeader() {
    Set<String> leaders = new HashSet<>();
    double leading = 0;
    for (WayfinderNode n : cluster.nodes()) {
      JsonNode c = n.cluster();
      assertThat(c.get("node").asText()).isEqualTo(n.name());
      assertThat(c.get("etcd").asText()).isEqualTo("connected");
      assertThat(ClusterNodes.alive(c)).containsExactlyInAnyOrderElementsOf(ClusterNodes.NAMES);
      assertThat(c.get("config_disagreements")).as("identical files").isEmpty();
      leaders.add(c.get("leader").asText());

      ScrapedMetrics m = n.metrics();
      assertThat(m.value("wayfinder_cluster_etcd_connected")).isEqualTo(1.0);
      assertThat(m.value("wayfinder_cluster_members")).isEqualTo(3.0);
      assertThat(m.value("wayfinder_cluster_etcd_writes_total")).isPositive();
      leading += m.value("wayfinder_cluster_leader");
      assertThat(AdminClient.json(n.admin().get("/readyz")).get("status").asText())
          .isEqualTo("ready");
    }
    assertThat(leaders).hasSize(1);
    assertThat(ClusterNodes.NAMES).contains(leaders.iterator().next());
    assertThat(leading).as("one node says it leads").isEqualTo(1.0);
  }

  private static void post(WayfinderNode node, String path) {
    assertThat(node.admin().post(path, "").statusCode()).as("POST " + path).isEqualTo(200);
  }

  private static void awaitWithin(
      Duration within, String what, Callable<Set<String>> answers, Set<String> expected) {
    await(what).atMost(within).pollInterval(Duration.ofMillis(20)).until(answers, expected::equals);
  }
}
