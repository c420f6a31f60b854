package dev.wayfinder.cluster;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.health.Verdict;
import dev.wayfinder.registry.IpLiteral;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node's verdict per endpoint, and the state they add up to (SPEC "Cluster mode"): the
 * majority of the live nodes that voted; a tie keeps the previous state. A node's verdicts are
 * leased keys, so a node that dies stops counting when its lease lapses.
 *
 * <p>This node's own verdict counts as soon as it changes (the write to etcd follows); the others'
 * arrive through the session. Only verdict changes are written, never probe results: 10,000
 * endpoints probed every second by three nodes write only as often as verdicts flip.
 *
 * <p>Without etcd (disconnected, or never connected since the start) the others' last votes are
 * kept but no longer decide: a change of this node's own verdict decides alone, so the node serves
 * its last state plus its own probes, and the whole vote is counted again when etcd is back.
 *
 * <p>Thread-safe (this object's lock); calls into the health checker under it, never the reverse.
 */
final class VoteBook {
  private static final Logger log = LoggerFactory.getLogger(VoteBook.class);

  record Key(String service, InetAddress address) {}

  private final String node;
  private final EtcdSession session;
  private final HealthChecker health;

  /** Other nodes' verdicts: endpoint → node → pass. */
  private final Map<Key, Map<String, Boolean>> others = new HashMap<>();

  /** This node's verdicts: endpoint → pass. */
  private final Map<Key, Boolean> own = new HashMap<>();

  private boolean connected;

  /** The lease this node's votes were last written under; the same again means they are there. */
  private long writtenUnder;

  VoteBook(String node, EtcdSession session, HealthChecker health) {
    this.node = node;
    this.session = session;
    this.health = health;
  }

  /** A change of this node's own verdict (on the cluster's thread, not a probe's). */
  synchronized void ownVerdict(Verdict v) {
    if (v.state() != EndpointState.HEALTHY && v.state() != EndpointState.UNHEALTHY) {
      return;
    }
    Key key = new Key(v.service(), v.endpoint());
    boolean pass = v.state() == EndpointState.HEALTHY;
    own.put(key, pass);
    if (connected) {
      write(key, pass);
    }
    if (connected) {
      count(key, v.detail());
    } else {
      health.decide(
          key.service(), key.address(), v.state(), "own probe, etcd unreachable: " + v.detail());
    }
  }

  /** The endpoint is gone from this node: its vote goes too. */
  synchronized void forget(String service, InetAddress address) {
    Key key = new Key(service, address);
    if (own.remove(key) != null && connected) {
      session.delete(ClusterKeys.obs(service, address, node)).exceptionally(e -> null);
    }
  }

  /** An endpoint new to this node: the others may have decided it already. */
  synchronized void added(String service, InetAddress address) {
    Key key = new Key(service, address);
    if (connected && others.containsKey(key)) {
      count(key, "joined the vote");
    }
  }

  /**
   * (Re)connected: the others' votes are those in {@code keys}; this node's are written where etcd
   * does not hold them under its lease (all of them after a lapsed lease, few after a short outage:
   * rewriting 10,000 unchanged keys at each reconnect would load etcd for nothing), and its keys
   * for endpoints it no longer has are deleted.
   */
  synchronized void connected(Map<String, String> keys) {
    others.clear();
    Map<Key, String> stored = new HashMap<>();
    keys.forEach(
        (k, v) -> {
          remember(k, v);
          String[] p = ClusterKeys.parts(k, ClusterKeys.OBS, 3);
          InetAddress a = p != null && p[2].equals(node) ? IpLiteral.toAddress(p[1]) : null;
          if (a != null) {
            stored.put(new Key(p[0], a), v);
          }
        });
    connected = true;
    // Keys of a previous process may still be there under its lease, which lapses: only keys of
    // the node's own lease, kept through the outage, need not be written again.
    boolean kept = writtenUnder == session.lease();
    writtenUnder = session.lease();
    own.forEach(
        (key, pass) -> {
          if (!kept || !word(pass).equals(stored.get(key))) {
            write(key, pass);
          }
        });
    stored.keySet().stream()
        .filter(key -> !own.containsKey(key))
        .forEach(
            key ->
                session
                    .delete(ClusterKeys.obs(key.service(), key.address(), node))
                    .exceptionally(e -> null));
    Set<Key> all = new HashSet<>(own.keySet());
    all.addAll(others.keySet());
    for (Key key : all) {
      count(key, "votes counted again");
    }
  }

  synchronized void disconnected() {
    connected = false;
  }

  /** A key changed in etcd; those of {@code obs/} from other nodes are votes. */
  synchronized void changed(String key, String value) {
    Key k = remember(key, value);
    if (k != null && connected) {
      count(k, "vote changed");
    }
  }

  /** Each node's vote on an endpoint ({@code pass} or {@code fail}), sorted by node. */
  synchronized Map<String, String> votes(String service, InetAddress address) {
    Key key = new Key(service, address);
    Map<String, String> out = new TreeMap<>();
    others.getOrDefault(key, Map.of()).forEach((n, pass) -> out.put(n, word(pass)));
    Boolean mine = own.get(key);
    if (mine != null) {
      out.put(node, word(mine));
    }
    return out;
  }

  /** The endpoint a vote key is about when it is another node's vote, after noting it. */
  private Key remember(String key, String value) {
    String[] p = ClusterKeys.parts(key, ClusterKeys.OBS, 3);
    if (p == null || p[2].equals(node)) {
      return null; // not a vote, or this node's own (known here first)
    }
    InetAddress address = IpLiteral.toAddress(p[1]);
    if (address == null) {
      return null;
    }
    Key k = new Key(p[0], address);
    if (value == null) {
      Map<String, Boolean> votes = others.get(k);
      if (votes != null) {
        votes.remove(p[2]);
        if (votes.isEmpty()) {
          others.remove(k);
        }
      }
    } else {
      others.computeIfAbsent(k, x -> new HashMap<>(4)).put(p[2], value.equals(ClusterKeys.PASS));
    }
    return k;
  }

  private void write(Key key, boolean pass) {
    session
        .putLeased(ClusterKeys.obs(key.service(), key.address(), node), word(pass))
        .exceptionally(
            e -> {
              log.debug(
                  "vote on {} not written (written again on reconnect): {}", key, e.toString());
              return null;
            });
  }

  /** Counts the live votes on one endpoint and applies the majority; a tie changes nothing. */
  private void count(Key key, String why) {
    int pass = 0;
    int fail = 0;
    Boolean mine = own.get(key);
    if (mine != null) {
      if (mine) {
        pass++;
      } else {
        fail++;
      }
    }
    for (boolean p : others.getOrDefault(key, Map.of()).values()) {
      if (p) {
        pass++;
      } else {
        fail++;
      }
    }
    if (pass == fail) {
      return;
    }
    EndpointState state = pass > fail ? EndpointState.HEALTHY : EndpointState.UNHEALTHY;
    String reason = "vote " + pass + " pass, " + fail + " fail (" + why + ")";
    health.decide(key.service(), key.address(), state, reason);
  }

  private static String word(boolean pass) {
    return pass ? ClusterKeys.PASS : ClusterKeys.FAIL;
  }
}
