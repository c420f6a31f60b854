package dev.wayfinder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The etcd harness checked with etcd's own client, so that a failure in the cluster tests points at
 * Wayfinder and not at how etcd was started or restarted.
 */
class EtcdPeerTest {
  private static final Duration CALL = Duration.ofSeconds(10);

  @Test
  void singleMemberKeepsItsDataAcrossARestart() {
    try (EtcdPeer etcd = EtcdPeer.single()) {
      String url = etcd.clientUrls().get(0);
      assertThat(etcdctl(url, "put", "/t/k", "v").exitCode()).isZero();

      etcd.stop(0);
      assertThat(etcd.running(0)).isFalse();
      assertThat(etcd.healthy(0)).isFalse();
      etcd.start(0);

      ProcessRun get = etcdctl(url, "get", "/t/k", "--print-value-only");
      assertThat(get.stdout().trim()).as(get.stderr()).isEqualTo("v");
    }
  }

  @Test
  void clusterServesWithItsLeaderKilledAndTakesItBack() {
    try (EtcdPeer etcd = EtcdPeer.cluster(3)) {
      assertThat(etcd.clientUrls()).hasSize(3).doesNotHaveDuplicates();
      etcd.makeLeader(1);
      assertThat(etcd.leader()).isEqualTo(1);
      etcd.kill(1);

      // A put in flight while the others elect a new leader fails ("leader changed"): ask again.
      String others = etcd.clientUrls().get(0) + "," + etcd.clientUrls().get(2);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> etcdctl(others, "put", "/t/k", "v").exitCode() == 0);

      etcd.start(1);
      ProcessRun get = etcdctl(etcd.clientUrls().get(1), "get", "/t/k", "--print-value-only");
      assertThat(get.stdout().trim()).as(get.stderr()).isEqualTo("v");
    }
  }

  private static ProcessRun etcdctl(String endpoints, String... args) {
    List<String> command = new ArrayList<>(List.of("/usr/bin/etcdctl", "--endpoints=" + endpoints));
    command.addAll(List.of(args));
    return ProcessRun.of(CALL, command);
  }
}
