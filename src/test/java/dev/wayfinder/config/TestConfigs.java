package dev.wayfinder.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Shared fixtures: an environment with known variables and a resolv.conf of our own. */
final class TestConfigs {
  private TestConfigs() {}

  /** An environment with {@code vars} and a resolv.conf in {@code dir} naming two servers. */
  static ConfigEnvironment env(Path dir, Map<String, String> vars) {
    Path resolv = dir.resolve("resolv.conf");
    try {
      Files.writeString(
          resolv,
          "# test resolver\nsearch example.org\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n"
              + "nameserver fe80::1%eth0\noptions ndots:2\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ConfigEnvironment(vars::get, resolv);
  }

  /** The YAML example of SPEC.md, with {@code ca_file} pointing at {@code caFile}. */
  static String specExample(Path caFile) {
    return """
    dns:
      listen: ["127.0.0.1:5353"]       # each address serves UDP and TCP
      zone: svc.cluster.local          # the authoritative zone
      ttl: 10                          # default answer TTL (seconds)
      search: [default.svc.cluster.local, svc.cluster.local]
      reverse: true
      forward:
        upstreams: ["resolv.conf"]
        allow_from: ["127.0.0.0/8"]
        cache: {max_entries: 100000, max_ttl: 1h, negative_ttl: 30s, serve_stale: 0s}
        timeout: 2s
      rate_limit: {global_rps: 0, per_source_rps: 0, per_source_burst: 0, slip: 2}   # 0 = off
      limits: {tcp_connections: 1000, tcp_per_source: 32, tcp_idle: 10s, forward_in_flight: 1000}
      transfer: {allow_from: ["127.0.0.1/32"], notify: ["127.0.0.1:5399"], tsig: KEYNAME}
    admin:
      listen: "127.0.0.1:8053"
      token: "${WAYFINDER_TOKEN}"
    data_dir: ./data
    query_log: {mode: sampled, sample_rate: 0.1}   # full | sampled | errors-only | off
    tsig_keys:
      - {name: ddns-key, algorithm: hmac-sha256, secret: "c2VjcmV0LWtleS1ieXRlcw=="}
      - {name: keyname, algorithm: hmac-sha512, secret: "a2V5bmFtZQ=="}
    services:
      - name: web
        ttl: 10
        ports: [{name: http, protocol: tcp, port: 8080}]
        endpoints:
          - {address: 10.0.0.1, hostname: web-a, weight: 1, priority: 0}
          - {address: "fd00::1"}
        health:
          type: http
          target: "http://{}:8080/healthz"
          interval: 1s
          timeout: 500ms
          rise: 2
          fall: 3
          expect_status: "200-399"
          expect_body: "ok"
          tls: {ca_file: CAFILE, insecure: false}
          query: {name: health.example., type: A}
          command: ["/usr/local/bin/check", "--fast"]
        fail_open: true
        max_answers: 0
    publish:
      - type: rfc2136
        server: "127.0.0.1:5399"
        zone: example.org
        tsig: ddns-key
        records: [{service: web, name: www.example.org, ttl: 30}]
        reconcile_interval: 5m
      - type: webhook
        url: "http://127.0.0.1:9000/hook"
        secret: "hook-secret"
        services: [web]
    cluster:
      node: n1
      etcd: ["http://127.0.0.1:2379"]
      prefix: /wayfinder
    diagnostics: {targets: [example.com]}   # what GET /diagnostics checks; default none
    """
        .replace("CAFILE", caFile.toString());
  }
}
