package dev.wayfinder.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config text of the end-to-end suite: zone {@value #ZONE} with the services every test knows
 * (see {@link #SERVICES}), and knobs for listen address, forwarding and transfer ACLs. Built as
 * YAML text so that the real config loader reads it, as it would read an operator's file.
 */
final class E2eConfig {
  static final String ZONE = "svc.cluster.local";

  /**
   * Number of endpoints of service {@code big}: 100 A records, about 1.6 KB, over any UDP limit.
   */
  static final int BIG_ENDPOINTS = 100;

  static final String SERVICES =
      """
      services:
        - name: web
          ttl: 10
          ports: [{name: http, protocol: tcp, port: 8080}]
          endpoints:
            - {address: 10.0.0.1, hostname: web-a}
            - {address: 10.0.0.2}
            - {address: "fd00::1"}
        - name: api.prod
          ports: [{name: grpc, protocol: tcp, port: 9090}]
          endpoints:
            - {address: 10.0.1.1}
            - {address: 10.0.1.2}
        - name: v4only
          endpoints:
            - {address: 10.0.2.1}
        - name: big
          endpoints:
      """;

  private String listen = "127.0.0.1:0";
  private List<String> upstreams = List.of();
  private String forwardAllow = "127.0.0.0/8";
  private String transferAllow = "127.0.0.1/32";
  private List<String> notify = List.of();
  private String[] tsig;
  private String rateLimit;
  private String limits;
  private final Path dataDir;

  E2eConfig(Path dataDir) {
    this.dataDir = dataDir;
  }

  E2eConfig listen(String hostPort) {
    this.listen = hostPort;
    return this;
  }

  E2eConfig upstreams(String... hostPorts) {
    this.upstreams = List.of(hostPorts);
    return this;
  }

  E2eConfig forwardAllow(String cidr) {
    this.forwardAllow = cidr;
    return this;
  }

  E2eConfig transferAllow(String cidr) {
    this.transferAllow = cidr;
    return this;
  }

  /** Secondaries sent NOTIFY on every serial change ({@code dns.transfer.notify}). */
  E2eConfig transferNotify(String... hostPorts) {
    this.notify = List.of(hostPorts);
    return this;
  }

  /**
   * Transfers and NOTIFY signed with a TSIG key ({@code dns.transfer.tsig} and its {@code
   * tsig_keys} entry): name, algorithm, base64 secret.
   */
  E2eConfig transferTsig(String name, String algorithm, String secret) {
    this.tsig = new String[] {name, algorithm, secret};
    return this;
  }

  /** The {@code dns.rate_limit} section as a YAML flow map, e.g. {@code {per_source_rps: 5}}. */
  E2eConfig rateLimit(String flowMap) {
    this.rateLimit = flowMap;
    return this;
  }

  /** The {@code dns.limits} section as a YAML flow map, e.g. {@code {tcp_per_source: 2}}. */
  E2eConfig limits(String flowMap) {
    this.limits = flowMap;
    return this;
  }

  String yaml() {
    List<String> quoted = new ArrayList<>();
    upstreams.forEach(u -> quoted.add("\"" + u + "\""));
    StringBuilder b = new StringBuilder();
    b.append("dns:\n");
    b.append("  listen: [\"").append(listen).append("\"]\n");
    b.append("  zone: ").append(ZONE).append('\n');
    b.append("  ttl: 10\n");
    b.append("  search: [default.svc.cluster.local, svc.cluster.local]\n");
    b.append("  reverse: true\n");
    b.append("  forward:\n");
    b.append("    upstreams: [").append(String.join(", ", quoted)).append("]\n");
    b.append("    allow_from: [\"").append(forwardAllow).append("\"]\n");
    b.append("    cache: {max_entries: 1000, max_ttl: 1h, negative_ttl: 30s}\n");
    b.append("    timeout: 2s\n");
    if (rateLimit != null) {
      b.append("  rate_limit: ").append(rateLimit).append('\n');
    }
    if (limits != null) {
      b.append("  limits: ").append(limits).append('\n');
    }
    List<String> notifyQuoted = new ArrayList<>();
    notify.forEach(n -> notifyQuoted.add("\"" + n + "\""));
    b.append("  transfer: {allow_from: [\"").append(transferAllow).append("\"]");
    b.append(", notify: [").append(String.join(", ", notifyQuoted)).append("]");
    b.append(tsig == null ? "}\n" : ", tsig: " + tsig[0] + "}\n");
    if (tsig != null) {
      b.append("tsig_keys:\n  - {name: ").append(tsig[0]).append(", algorithm: ").append(tsig[1]);
      b.append(", secret: \"").append(tsig[2]).append("\"}\n");
    }
    b.append("admin:\n  listen: \"127.0.0.1:0\"\n");
    b.append("data_dir: \"").append(dataDir).append("\"\n");
    b.append(SERVICES);
    for (int i = 1; i <= BIG_ENDPOINTS; i++) {
      b.append("      - {address: 10.1.0.").append(i).append("}\n");
    }
    return b.toString();
  }

  /**
   * The absolute form of a name relative to the zone: {@code web} → {@code web.svc.cluster.local.}
   */
  static String fqdn(String relative) {
    return relative.isEmpty() ? ZONE + "." : relative + "." + ZONE + ".";
  }
}
