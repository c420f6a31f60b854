package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.IpLiteral;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Validates the operational sections: {@code admin}, {@code data_dir}, {@code query_log}, {@code
 * cluster}.
 */
final class OperationsReader {
  private static final Set<String> ADMIN_KEYS = keys("listen", "token", "statsd");
  private static final Set<String> STATSD_KEYS = keys("address", "flavor", "step");
  private static final Set<String> QUERY_LOG_KEYS = keys("mode", "sample_rate", "path");
  private static final Duration DEFAULT_STATSD_STEP = Duration.ofSeconds(10);
  private static final Set<String> CLUSTER_KEYS = keys("node", "etcd", "prefix", "lease_ttl");
  private static final InetSocketAddress DEFAULT_ADMIN =
      new InetSocketAddress(IpLiteral.toAddress("127.0.0.1"), 8053);
  static final Path DEFAULT_DATA_DIR = Path.of("./data");
  static final String DEFAULT_PREFIX = "/wayfinder";
  static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(5);

  private OperationsReader() {}

  /**
   * {@code admin}; an empty token (such as an unset {@code ${WAYFINDER_TOKEN}}) means no token, so
   * a file can name the variable and still run without one.
   */
  static AdminConfig admin(Section root) {
    Section a = root.section("admin", ADMIN_KEYS);
    String token = a.lenientString("token");
    return new AdminConfig(
        a.value(
            "listen", t -> SocketAddresses.parse(t, SocketAddresses.PORT_REQUIRED), DEFAULT_ADMIN),
        token == null || token.isEmpty() ? null : token,
        statsd(a));
  }

  /** {@code admin.statsd}, or {@code null} when absent (no export). */
  private static StatsDConfig statsd(Section admin) {
    Section s = admin.section("statsd", STATSD_KEYS);
    if (!s.present()) {
      return null;
    }
    return new StatsDConfig(
        s.required("address", t -> SocketAddresses.parse(t, SocketAddresses.PORT_REQUIRED)),
        s.value("flavor", Values.choice(StatsDConfig.Flavor.class), StatsDConfig.Flavor.ETSY),
        s.value("step", Values.POSITIVE_DURATION, DEFAULT_STATSD_STEP));
  }

  static Path dataDir(Section root) {
    return root.value("data_dir", t -> Path.of(Values.NON_EMPTY.apply(t)), DEFAULT_DATA_DIR);
  }

  static QueryLogConfig queryLog(Section root) {
    Section q = root.section("query_log", QUERY_LOG_KEYS);
    return new QueryLogConfig(
        q.value("mode", Values.choice(QueryLogConfig.Mode.class), QueryLogConfig.Mode.SAMPLED),
        q.value("sample_rate", Values.decimal(0, 1), 0.1),
        q.value("path", OperationsReader::queryLogPath, QueryLogConfig.STDOUT));
  }

  /** {@code -} or a file path; a directory cannot be appended to. */
  private static String queryLogPath(String t) {
    Values.NON_EMPTY.apply(t);
    if (!t.equals(QueryLogConfig.STDOUT) && Files.isDirectory(Path.of(t))) {
      throw new IllegalArgumentException("is a directory, not a file: " + t);
    }
    return t;
  }

  /** {@code cluster}, or {@code null} when absent (a single node). */
  static ClusterConfig cluster(Section root) {
    Section c = root.section("cluster", CLUSTER_KEYS);
    if (!c.present()) {
      return null;
    }
    List<String> etcd = c.values("etcd", Values.HTTP_URL, List.of());
    if (etcd.isEmpty() && !c.has("etcd")) {
      c.error("etcd", "is required: a list of etcd URLs");
    } else if (etcd.isEmpty()) {
      c.error("etcd", "needs at least one URL");
    }
    String prefix =
        c.value(
            "prefix",
            t -> {
              if (!t.startsWith("/")) {
                throw new IllegalArgumentException("must start with /: " + t);
              }
              return t;
            },
            DEFAULT_PREFIX);
    Duration leaseTtl = c.value("lease_ttl", OperationsReader::leaseTtl, DEFAULT_LEASE_TTL);
    return new ClusterConfig(
        c.required("node", OperationsReader::nodeName), etcd, prefix, leaseTtl);
  }

  /** A node's name is a segment of etcd keys: no slash, no blank. */
  private static String nodeName(String t) {
    Values.NON_EMPTY.apply(t);
    if (!t.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "must be letters, digits, '.', '_' or '-' (it names etcd keys): " + t);
    }
    return t;
  }

  /** etcd leases count whole seconds and refuse less than 2 s (its election timeout's bound). */
  private static Duration leaseTtl(String t) {
    Duration d = Values.POSITIVE_DURATION.apply(t);
    if (d.toMillis() % 1000 != 0 || d.getSeconds() < 2) {
      throw new IllegalArgumentException("must be whole seconds, at least 2s: " + t);
    }
    return d;
  }
}
