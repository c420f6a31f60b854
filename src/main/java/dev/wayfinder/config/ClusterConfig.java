package dev.wayfinder.config;

import java.util.List;

/**
 * The {@code cluster:} section; absent means a single node.
 *
 * @param node this node's name
 * @param etcd etcd endpoints
 * @param prefix key prefix (default {@code /wayfinder})
 */
public record ClusterConfig(String node, List<String> etcd, String prefix) {

  public ClusterConfig {
    etcd = List.copyOf(etcd);
  }
}
