package dev.wayfinder.cli;

import dev.wayfinder.admin.MicrometerClusterMetrics;
import dev.wayfinder.cluster.ClusterNode;
import dev.wayfinder.cluster.JetcdSession;
import dev.wayfinder.config.ClusterConfig;
import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.Registry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's side of cluster mode: the node's etcd session and vote, and publishing that follows
 * leadership (SPEC "Cluster mode": one node, elected through etcd, sends RFC 2136 updates and
 * webhooks). A leadership change arrives on the session's thread; starting a term makes targets
 * that read the live records back, so terms start and stop on a thread of their own.
 */
final class ClusterMode implements AutoCloseable {
  private final ClusterNode node;
  private final Operations operations;
  private final Registry registry;
  private final HealthChecker health;
  private final ExecutorService terms =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("publish-term").daemon().factory());
  private volatile boolean closed;

  ClusterMode(
      ClusterConfig config,
      Registry registry,
      HealthChecker health,
      ServiceBodyReader bodies,
      Operations operations) {
    this.operations = operations;
    this.registry = registry;
    this.health = health;
    this.node =
        new ClusterNode(
            config, new JetcdSession(config), registry, health, bodies, this::leadershipChanged);
    MicrometerClusterMetrics.register(operations.meters(), node);
  }

  ClusterNode node() {
    return node;
  }

  /** Connects to etcd in the background; publishing starts when this node is elected. */
  void start() {
    node.start();
  }

  private void leadershipChanged(boolean leading) {
    terms.execute(
        () -> {
          if (leading && !closed) {
            operations.startPublishing(registry, health);
          } else {
            operations.stopPublishing(Duration.ofSeconds(2));
          }
        });
  }

  /**
   * Stops publishing, then leaves the cluster (the lease is revoked: another node leads at once).
   */
  @Override
  public void close() {
    closed = true;
    terms.shutdown();
    try {
      terms.awaitTermination(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    operations.stopPublishing(Duration.ofSeconds(2));
    node.close();
  }
}
