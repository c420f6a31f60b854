package dev.wayfinder.cluster;

import dev.wayfinder.registry.Service;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the nodes' config files agree: config-file services stay per node (SPEC "Cluster mode"),
 * so each node publishes a digest of each of its definitions under its lease ({@code
 * config/<service>/<node>}), and a service whose live nodes hold different digests is a
 * disagreement: logged once when it appears and listed in {@code /api/v1/cluster}.
 */
final class ConfigAgreement {
  private static final Logger log = LoggerFactory.getLogger(ConfigAgreement.class);

  private final EtcdSession session;

  /** This node's config-file services: name → digest. */
  private final Map<String, String> own = new HashMap<>();

  /** Other nodes': service → node → digest. */
  private final Map<String, Map<String, String>> others = new HashMap<>();

  private final Set<String> reported = new HashSet<>();

  /** The lease the digests were last written under (see {@link VoteBook#connected}). */
  private long writtenUnder;

  ConfigAgreement(EtcdSession session) {
    this.session = session;
  }

  /** This node's config-file services changed: {@code put} added or replaced, {@code removed}. */
  synchronized void local(List<Service> put, List<String> removed) {
    for (Service s : put) {
      String digest = digest(s);
      own.put(s.name(), digest);
      if (session.connected()) {
        session
            .putLeased(ClusterKeys.config(s.name(), session.node()), digest)
            .exceptionally(e -> null);
      }
    }
    for (String name : removed) {
      if (own.remove(name) != null && session.connected()) {
        session.delete(ClusterKeys.config(name, session.node())).exceptionally(e -> null);
      }
    }
    check();
  }

  synchronized void connected(Map<String, String> keys) {
    others.clear();
    keys.forEach(this::remember);
    String mine = "/" + session.node();
    for (String k : keys.keySet()) {
      String[] p = ClusterKeys.parts(k, ClusterKeys.CONFIG, 2);
      if (p != null && k.endsWith(mine) && !own.containsKey(p[0])) {
        session.delete(k).exceptionally(e -> null); // left by an earlier run of this node
      }
    }
    boolean kept = writtenUnder == session.lease();
    writtenUnder = session.lease();
    own.forEach(
        (name, digest) -> {
          String key = ClusterKeys.config(name, session.node());
          if (!kept || !digest.equals(keys.get(key))) {
            session.putLeased(key, digest).exceptionally(e -> null);
          }
        });
    check();
  }

  synchronized void changed(String key, String value) {
    if (remember(key, value)) {
      check();
    }
  }

  /** Services whose nodes disagree: service → the nodes, grouped by the definition they hold. */
  synchronized Map<String, List<Set<String>>> disagreements() {
    Map<String, List<Set<String>>> out = new TreeMap<>();
    for (String service : own.keySet()) {
      Map<String, Set<String>> byDigest = groups(service);
      if (byDigest.size() > 1) {
        out.put(service, List.copyOf(byDigest.values()));
      }
    }
    for (String service : others.keySet()) {
      if (!own.containsKey(service)) {
        Map<String, Set<String>> byDigest = groups(service);
        if (byDigest.size() > 1) {
          out.put(service, List.copyOf(byDigest.values()));
        }
      }
    }
    return out;
  }

  private Map<String, Set<String>> groups(String service) {
    Map<String, Set<String>> byDigest = new TreeMap<>();
    String mine = own.get(service);
    if (mine != null) {
      byDigest.computeIfAbsent(mine, d -> new TreeSet<>()).add(session.node());
    }
    others
        .getOrDefault(service, Map.of())
        .forEach((node, d) -> byDigest.computeIfAbsent(d, x -> new TreeSet<>()).add(node));
    return byDigest;
  }

  private boolean remember(String key, String value) {
    String[] p = ClusterKeys.parts(key, ClusterKeys.CONFIG, 2);
    if (p == null || p[1].equals(session.node())) {
      return false;
    }
    if (value == null) {
      Map<String, String> m = others.get(p[0]);
      if (m != null) {
        m.remove(p[1]);
        if (m.isEmpty()) {
          others.remove(p[0]);
        }
      }
    } else {
      others.computeIfAbsent(p[0], s -> new HashMap<>()).put(p[1], value);
    }
    return true;
  }

  private void check() {
    Map<String, List<Set<String>>> now = disagreements();
    for (Map.Entry<String, List<Set<String>>> e : now.entrySet()) {
      if (reported.add(e.getKey())) {
        log.warn(
            "service {} is defined differently in the nodes' config files: {}",
            e.getKey(),
            e.getValue());
      }
    }
    reported.retainAll(now.keySet());
  }

  /** A digest of the definition: the records' text is the same on every node for the same file. */
  static String digest(Service s) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
