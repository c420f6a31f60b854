package dev.wayfinder.cluster;

import java.net.InetAddress;
import java.util.Map;

/** What the admin API and the metrics read of cluster mode. */
public interface ClusterView {

  /** {@code GET /api/v1/cluster}'s body: node, leader, etcd, members, disagreements. */
  Map<String, Object> status();

  /** Each node's verdict on an endpoint ({@code pass} or {@code fail}), by node name. */
  Map<String, String> votes(String service, InetAddress address);

  /** Why the node is degraded ({@code /readyz} stays 200), or null when it is not. */
  String degradedReason();

  boolean connected();

  boolean leading();

  /** Live members, this node included when connected. */
  int aliveMembers();

  /** Writes sent to etcd since the start. */
  long etcdWrites();
}
