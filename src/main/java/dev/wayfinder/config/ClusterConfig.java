package dev.wayfinder.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code cluster:} section; absent means a single node.
 *
 * @param node this node's name, unique in the cluster (a segment of etcd keys)
 * @param etcd etcd endpoints
 * @param prefix key prefix (default {@code /wayfinder})
 * @param leaseTtl how long a node that stopped renewing its lease is still counted (default 5 s)
 */
public record ClusterConfig(String node, List<String> etcd, String prefix, Duration leaseTtl) {

  public ClusterConfig {
    etcd = List.copyOf(etcd);
  }
}
