package dev.wayfinder.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.cluster.RecordingListener.Changed;
import dev.wayfinder.config.ClusterConfig;
import dev.wayfinder.testing.EtcdPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link JetcdSession} against real etcd: what one node writes, others see in order; what a node
 * holds under its lease goes when the node goes; an etcd outage is noticed, refused and recovered
 * from. Most tests share one etcd, each under its own prefix; those that stop etcd have their own.
 */
class JetcdSessionTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration SLACK = Duration.ofSeconds(1);

  private static EtcdPeer shared;

  private final List<JetcdSession> sessions = new ArrayList<>();
  private final String prefix = "/t-" + UUID.randomUUID();

  @BeforeAll
  static void startEtcd() {
    shared = EtcdPeer.single();
  }

  @AfterAll
  static void stopEtcd() {
    shared.close();
  }

  @AfterEach
  void closeSessions() {
    sessions.forEach(JetcdSession::close);
  }

  @Test
  void connectingGivesEveryKeyUnderThePrefixAndNoOther() throws Exception {
    JetcdSession a = connected("a", new RecordingListener());
    long last = a.put("services/web", "{}").get();
    a.putLeased("obs/web/10.0.0.1/a", "pass").get();
    connected(session("a", prefix + "x"), new RecordingListener()).put("k", "sibling").get();

    RecordingListener heard = new RecordingListener();
    connected("b", heard);

    RecordingListener.Connected first = heard.connects().get(0);
    assertThat(first.keys())
        .containsOnlyKeys("services/web", "obs/web/10.0.0.1/a", "members/a", "members/b")
        .containsEntry("services/web", "{}")
        .containsEntry("obs/web/10.0.0.1/a", "pass");
    assertThat(first.keys().get("members/b")).contains("\"node\":\"b\"", "\"started\":\"");
    assertThat(first.revision()).isGreaterThan(last);
  }

  @Test
  void changesFromAnotherNodeArriveInOrderWithTheirRevisions() throws Exception {
    JetcdSession a = connected("a", new RecordingListener());
    RecordingListener heard = new RecordingListener();
    connected("b", heard);
    JetcdSession sibling = connected(session("s", prefix + "x"), new RecordingListener());

    long r1 = a.put("k", "1").get();
    long r2 = a.putLeased("k", "2").get();
    long r3 = a.delete("k").get();
    sibling.put("k", "outside").get();
    a.put("done", "1").get();

    await().atMost(SLACK).until(() -> !heard.changes("done").isEmpty());
    assertThat(heard.changes("k"))
        .containsExactly(
            new Changed("k", "1", r1), new Changed("k", "2", r2), new Changed("k", null, r3));
    assertThat(heard.heard()).noneMatch(h -> h instanceof Changed c && "outside".equals(c.value()));
    assertThat(a.writes()).isEqualTo(5); // members/a, then the four writes above
  }

  @Test
  void leasedKeysGoWhenTheirNodeCloses() throws Exception {
    JetcdSession a = connected("a", new RecordingListener());
    a.putLeased("obs/web/10.0.0.1/a", "pass").get();
    RecordingListener heard = new RecordingListener();
    connected("b", heard);

    a.close();
    a.close();

    await()
        .atMost(TTL.plus(SLACK))
        .until(() -> heard.deleted("obs/web/10.0.0.1/a") && heard.deleted("members/a"));
  }

  @Test
  void leasedKeysGoWhenTheirNodeStopsRenewing() throws Exception {
    JetcdSession a = connected("a", new RecordingListener());
    a.putLeased("obs/web/10.0.0.1/a", "pass").get();
    RecordingListener heard = new RecordingListener();
    connected("b", heard);

    a.abandon();

    await()
        .atMost(TTL.plus(SLACK))
        .until(() -> heard.deleted("obs/web/10.0.0.1/a") && heard.deleted("members/a"));
  }

  @Test
  void onlyOneNodeCreatesALeasedKeyAndAnotherTakesItWhenTheHolderDies() throws Exception {
    JetcdSession a = connected("a", new RecordingListener());
    JetcdSession b = connected("b", new RecordingListener());

    CompletableFuture<Boolean> byA = a.createLeased("leader", "a");
    CompletableFuture<Boolean> byB = b.createLeased("leader", "b");
    assertThat(List.of(byA.get(), byB.get())).containsExactlyInAnyOrder(true, false);

    JetcdSession winner = byA.get() ? a : b;
    JetcdSession loser = winner == a ? b : a;
    assertThat(winner.createLeased("leader", winner.node()).get()).isTrue();
    assertThat(loser.createLeased("leader", loser.node()).get()).isFalse();

    winner.abandon();
    // A failed call is retried here as any real caller would; what counts is that it comes true.
    await()
        .atMost(TTL.plus(SLACK))
        .ignoreExceptions()
        .until(() -> loser.createLeased("leader", loser.node()).get());
  }

  @Test
  void anEtcdOutageIsNoticedRefusedAndRecoveredFrom() throws Exception {
    try (EtcdPeer etcd = EtcdPeer.single()) {
      RecordingListener heard = new RecordingListener();
      JetcdSession a = connected(session("a", prefix, etcd.clientUrls()), heard);
      a.put("services/web", "{}").get();

      etcd.stop(0);
      await().atMost(TTL.dividedBy(2).plus(SLACK)).until(() -> !heard.disconnects().isEmpty());

      long writes = a.writes();
      assertThat(a.connected()).isFalse();
      assertRefused(a.putLeased("obs/x", "pass"));
      assertRefused(a.put("services/x", "{}"));
      assertRefused(a.delete("services/web"));
      assertRefused(a.createLeased("leader", "a"));
      assertThat(a.writes()).isEqualTo(writes);

      etcd.start(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> heard.connects().size() == 2);
      assertThat(a.connected()).isTrue();
      assertThat(heard.disconnects()).hasSize(1);
      assertThat(heard.connects().get(1).keys()).containsKeys("services/web", "members/a");
      assertThat(a.putLeased("obs/x", "pass").get()).isPositive();
    }
  }

  /**
   * The worst single loss: the member the node talks to (the first) is also the leader, and is
   * killed. The node's calls move to another member, and renewals fail until the others elect a
   * leader: etcd waits one to two election timeouts (1 s here) before it votes. The session rides
   * that out when its grace (half the TTL) is longer; with 10 s it is.
   */
  @Test
  void losingTheLeaderItTalksToKeepsTheSessionConnected() throws Exception {
    survivesTheLossOfItsMember(0, Duration.ofSeconds(10));
  }

  /** The member the node talks to is a follower: no election, so even a 2 s TTL rides it out. */
  @Test
  void losingTheFollowerItTalksToKeepsTheSessionConnected() throws Exception {
    survivesTheLossOfItsMember(1, TTL);
  }

  @Test
  void aNodeStartedWhileEtcdIsDownConnectsWhenItComesUp() {
    try (EtcdPeer etcd = EtcdPeer.single()) {
      etcd.stop(0);
      RecordingListener heard = new RecordingListener();
      JetcdSession a = session("a", prefix, etcd.clientUrls());
      a.addListener(heard);
      a.start();
      await().during(TTL).atMost(TTL.plus(SLACK)).until(() -> !a.connected());

      etcd.start(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> heard.connects().size() == 1);
      assertThat(heard.connects().get(0).keys()).containsOnlyKeys("members/a");
      assertThat(heard.disconnects()).isEmpty();
    }
  }

  /** Kills member 0, which the node talks to first, after making {@code leader} lead. */
  private void survivesTheLossOfItsMember(int leader, Duration ttl) throws Exception {
    try (EtcdPeer etcd = EtcdPeer.cluster(3)) {
      RecordingListener heardByA = new RecordingListener();
      JetcdSession a = connected(session("a", prefix, etcd.clientUrls(), ttl), heardByA);
      RecordingListener heardByB = new RecordingListener();
      connected(session("b", prefix, etcd.clientUrls().reversed(), ttl), heardByB);

      etcd.makeLeader(leader);
      etcd.kill(0);

      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> a.putLeased("obs/after", "pass").get() > 0);
      await().atMost(SLACK).until(() -> !heardByB.changes("obs/after").isEmpty());
      Duration grace = ttl.dividedBy(2).plus(SLACK);
      await()
          .during(grace)
          .atMost(grace.plus(SLACK))
          .until(() -> a.connected() && heardByA.disconnects().isEmpty());
      assertThat(heardByA.connects()).hasSize(1);
      assertThat(heardByB.disconnects()).isEmpty();
    }
  }

  private static void assertRefused(CompletableFuture<?> write) {
    assertThat(write).isCompletedExceptionally();
    assertThat(write)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class)
        .withMessageContaining("etcd is not connected");
  }

  private JetcdSession connected(String node, RecordingListener listener) {
    return connected(session(node, prefix), listener);
  }

  private JetcdSession connected(JetcdSession session, RecordingListener listener) {
    session.addListener(listener);
    session.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> !listener.connects().isEmpty());
    return session;
  }

  private JetcdSession session(String node, String keyPrefix) {
    return session(node, keyPrefix, shared.clientUrls());
  }

  private JetcdSession session(String node, String keyPrefix, List<String> urls) {
    return session(node, keyPrefix, urls, TTL);
  }

  private JetcdSession session(String node, String keyPrefix, List<String> urls, Duration ttl) {
    JetcdSession s = new JetcdSession(new ClusterConfig(node, urls, keyPrefix, ttl));
    sessions.add(s);
    return s;
  }
}
