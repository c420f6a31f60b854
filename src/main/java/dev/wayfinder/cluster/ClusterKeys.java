package dev.wayfinder.cluster;

import java.net.InetAddress;

/**
 * The key layout under the cluster's prefix. Service names hold no slash (they are DNS labels) and
 * node names are checked to hold none, so a key splits back into its parts at the slashes.
 *
 * <ul>
 *   <li>{@code members/<node>}: leased, one per live node;
 *   <li>{@code leader}: leased, created only if absent: the node that publishes;
 *   <li>{@code obs/<service>/<address>/<node>}: leased, {@code pass} or {@code fail}, a node's
 *       verdict after rise/fall;
 *   <li>{@code config/<service>/<node>}: leased, a digest of a config-file service's definition;
 *   <li>{@code services/<name>}: an API service's definition (JSON, the config's shape);
 *   <li>{@code drains/<service>/<address>}, {@code maintenance/<service>}, {@code
 *       endpoint-maintenance/<service>/<address>}: present while set.
 * </ul>
 */
final class ClusterKeys {
  static final String MEMBERS = "members/";
  static final String LEADER = "leader";
  static final String OBS = "obs/";
  static final String CONFIG = "config/";
  static final String SERVICES = "services/";
  static final String DRAINS = "drains/";
  static final String MAINTENANCE = "maintenance/";
  static final String ENDPOINT_MAINTENANCE = "endpoint-maintenance/";

  static final String PASS = "pass";
  static final String FAIL = "fail";

  private ClusterKeys() {}

  static String member(String node) {
    return MEMBERS + node;
  }

  static String obs(String service, InetAddress address, String node) {
    return OBS + service + "/" + address.getHostAddress() + "/" + node;
  }

  static String config(String service, String node) {
    return CONFIG + service + "/" + node;
  }

  static String service(String name) {
    return SERVICES + name;
  }

  static String drain(String service, String address) {
    return DRAINS + service + "/" + address;
  }

  static String maintenance(String service) {
    return MAINTENANCE + service;
  }

  static String endpointMaintenance(String service, String address) {
    return ENDPOINT_MAINTENANCE + service + "/" + address;
  }

  /**
   * The parts after {@code kind}, or null when the key is not of that kind or has another count.
   */
  static String[] parts(String key, String kind, int count) {
    if (!key.startsWith(kind)) {
      return null;
    }
    String[] p = key.substring(kind.length()).split("/", -1);
    if (p.length != count) {
      return null;
    }
    for (String s : p) {
      if (s.isEmpty()) {
        return null;
      }
    }
    return p;
  }
}
