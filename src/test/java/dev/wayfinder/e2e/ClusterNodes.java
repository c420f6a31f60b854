package dev.wayfinder.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.EtcdPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Three Wayfinder nodes {@code n1..n3} in cluster mode on one etcd, under a prefix of their own (so
 * tests sharing an etcd never see each other's keys), each with its own ports, config file and
 * {@code data_dir}. The caller gives each node's {@code services:} section (config-file services
 * are per node, so one node may see a target differently) and any further top-level config.
 *
 * <p>{@code lease_ttl} is {@value #LEASE_TTL_SECONDS} s: short enough that a dead node stops
 * counting within a few seconds, long enough that a node on a loaded machine does not miss its
 * renewals (etcd's lease is then 3 s, renewed every 0.75 s, given up after 2 s unrenewed).
 */
final class ClusterNodes implements AutoCloseable {
  static final int LEASE_TTL_SECONDS = 4;
  static final Duration LEASE_TTL = Duration.ofSeconds(LEASE_TTL_SECONDS);

  /** Forming: every node started, connected, seeing the three members and one leader. */
  static final Duration FORM = Duration.ofSeconds(60);

  static final List<String> NAMES = List.of("n1", "n2", "n3");

  /** Where the nodes run. */
  enum Launch {
    /** All three in this JVM: the quickest start. */
    IN_PROCESS,
    /**
     * n1 as a child JVM that a test can SIGKILL, started first and alone so that it is the leader;
     * n2 and n3 in this JVM. One child JVM starts far sooner than three on a busy machine.
     */
    LEADER_IN_CHILD_JVM
  }

  /**
   * Runs the nodes' starts, stops and each round of {@code dig}s side by side (the common pool may
   * have a single thread on a small machine).
   */
  private static final Executor SIDE_BY_SIDE =
      Executors.newCachedThreadPool(Thread.ofPlatform().name("cluster-nodes").daemon().factory());

  private final List<WayfinderNode> nodes;
  private final String prefix = "/wayfinder-test-" + UUID.randomUUID();
  private final int leaseTtlSeconds;

  private ClusterNodes(List<WayfinderNode> nodes, int leaseTtlSeconds) {
    this.nodes = nodes;
    this.leaseTtlSeconds = leaseTtlSeconds;
  }

  /** The nodes' {@code lease_ttl}. */
  Duration leaseTtl() {
    return Duration.ofSeconds(leaseTtlSeconds);
  }

  /**
   * Starts n1..n3 against {@code etcd} and returns once the cluster has formed ({@link
   * #awaitFormed}).
   *
   * @param services each node's {@code services:} entries (YAML list items), by node name
   * @param extra further top-level config (publish, tsig_keys), the same for every node
   */
  static ClusterNodes start(
      EtcdPeer etcd, Path dir, Launch launch, Function<String, String> services, String extra) {
    return start(etcd, dir, launch, services, extra, LEASE_TTL_SECONDS);
  }

  /** As above, with a {@code lease_ttl} of {@code leaseTtlSeconds}. */
  static ClusterNodes start(
      EtcdPeer etcd,
      Path dir,
      Launch launch,
      Function<String, String> services,
      String extra,
      int leaseTtlSeconds) {
    List<WayfinderNode> nodes = new ArrayList<>();
    for (String name : NAMES) {
      boolean child = launch == Launch.LEADER_IN_CHILD_JVM && name.equals("n1");
      nodes.add(new WayfinderNode(name, dir.resolve(name), child));
    }
    ClusterNodes cluster = new ClusterNodes(nodes, leaseTtlSeconds);
    try {
      List<WayfinderNode> rest = nodes;
      if (launch == Launch.LEADER_IN_CHILD_JVM) {
        WayfinderNode first = nodes.get(0);
        first.start(cluster.yaml(first, etcd.clientUrls(), services.apply("n1"), extra));
        first.awaitStarted();
        await("n1 leads")
            .atMost(FORM)
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> "n1".equals(first.cluster().get("leader").asText(null)));
        rest = nodes.subList(1, nodes.size());
      }
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (WayfinderNode n : rest) {
        String yaml = cluster.yaml(n, etcd.clientUrls(), services.apply(n.name()), extra);
        starts.add(CompletableFuture.runAsync(() -> n.start(yaml), SIDE_BY_SIDE));
      }
      starts.forEach(CompletableFuture::join);
      cluster.awaitFormed(FORM);
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private String yaml(WayfinderNode n, List<String> etcd, String services, String extra) {
    String urls = etcd.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", "));
    return """
        dns:
          listen: ["%s"]
          zone: %s
          ttl: 10
          forward: {upstreams: []}
        admin:
          listen: "%s"
        data_dir: "%s"
        cluster:
          node: %s
          etcd: [%s]
          prefix: "%s"
          lease_ttl: %ds
        services:
        %s
        %s"""
        .formatted(
            n.dnsListen(),
            E2eConfig.ZONE,
            n.adminListen(),
            n.dataDir(),
            n.name(),
            urls,
            prefix,
            leaseTtlSeconds,
            services.stripTrailing().indent(2),
            extra);
  }

  List<WayfinderNode> nodes() {
    return nodes;
  }

  WayfinderNode node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  /** The nodes still running. */
  List<WayfinderNode> running() {
    return nodes.stream().filter(WayfinderNode::running).toList();
  }

  /**
   * Waits until every running node is connected, sees every running node alive and names the same
   * leader, one of them.
   */
  void awaitFormed(Duration within) {
    await("the cluster formed")
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(this::formed);
  }

  private boolean formed() {
    Set<String> names = new HashSet<>();
    running().forEach(n -> names.add(n.name()));
    Set<String> leaders = new HashSet<>();
    for (WayfinderNode n : running()) {
      JsonNode c = n.cluster();
      if (!c.get("etcd").asText().equals("connected") || !alive(c).containsAll(names)) {
        return false;
      }
      leaders.add(c.get("leader").asText(null));
    }
    return leaders.size() == 1 && names.contains(leaders.iterator().next());
  }

  /** The nodes {@code cluster} (a {@code /api/v1/cluster} body) lists as alive. */
  static Set<String> alive(JsonNode cluster) {
    Set<String> out = new HashSet<>();
    for (JsonNode m : cluster.get("members")) {
      if (m.get("alive").asBoolean()) {
        out.add(m.get("node").asText());
      }
    }
    return out;
  }

  /** The leader as the first running node names it (null when it names none). */
  String leader() {
    return running().get(0).cluster().get("leader").asText(null);
  }

  /**
   * True when every running node answers {@code relative} with exactly {@code expected}. The nodes
   * are asked at the same time, so one round of questions takes one {@code dig}, not three: a
   * deadline measures the nodes, not the questions.
   */
  boolean allAnswer(String relative, Set<String> expected) {
    List<CompletableFuture<Boolean>> asked =
        running().stream()
            .map(
                n ->
                    CompletableFuture.supplyAsync(
                        () -> n.answers(relative).equals(expected), SIDE_BY_SIDE))
            .toList();
    return asked.stream().allMatch(CompletableFuture::join);
  }

  /** True when {@code check} holds on every running node. */
  boolean everyRunning(Predicate<WayfinderNode> check) {
    return running().stream().allMatch(check);
  }

  /**
   * Asserts that {@code check} holds at every poll (every 100 ms) for the whole {@code period}: the
   * first poll where it does not fails at once (Awaitility's {@code during} would instead wait for
   * another whole period in which it holds).
   */
  static void holdsThroughout(Duration period, String what, BooleanSupplier check) {
    long end = System.nanoTime() + period.toNanos();
    await(what)
        .atMost(period.plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!check.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
              }
              return System.nanoTime() - end >= 0;
            });
  }

  /** Waits until every running node answers {@code relative} with exactly {@code expected}. */
  void awaitAnswers(Duration within, String relative, Set<String> expected) {
    await(relative + " answered " + expected + " by every node")
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> allAnswer(relative, expected));
  }

  /** Stops every node, in parallel (each in-process stop revokes its lease). */
  @Override
  public void close() {
    nodes.stream()
        .map(n -> CompletableFuture.runAsync(n::close, SIDE_BY_SIDE))
        .toList()
        .forEach(CompletableFuture::join);
  }
}
