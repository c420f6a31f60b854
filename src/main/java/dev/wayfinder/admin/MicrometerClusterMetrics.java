package dev.wayfinder.admin;

import dev.wayfinder.cluster.ClusterView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cluster mode as meters, read from the node's state at each scrape: {@code
 * wayfinder_cluster_etcd_connected} (0 while degraded), {@code wayfinder_cluster_leader} (1 on the
 * node that publishes), {@code wayfinder_cluster_members} (live nodes) and {@code
 * wayfinder_cluster_etcd_writes_total} (what the vote costs etcd).
 */
public final class MicrometerClusterMetrics {

  private MicrometerClusterMetrics() {}

  public static void register(MeterRegistry registry, ClusterView cluster) {
    Gauge.builder("wayfinder.cluster.etcd.connected", cluster, c -> c.connected() ? 1 : 0)
        .description("1 while this node is connected to etcd, 0 while it serves degraded")
        .register(registry);
    Gauge.builder("wayfinder.cluster.leader", cluster, c -> c.leading() ? 1 : 0)
        .description("1 on the node that publishes")
        .register(registry);
    Gauge.builder("wayfinder.cluster.members", cluster, ClusterView::aliveMembers)
        .description("live nodes, as this node sees them")
        .register(registry);
    FunctionCounter.builder("wayfinder.cluster.etcd.writes", cluster, ClusterView::etcdWrites)
        .description("writes this node sent to etcd")
        .register(registry);
  }
}
