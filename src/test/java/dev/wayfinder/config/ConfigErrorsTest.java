package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configs: each is rejected with the line, key path and a message naming the problem. */
class ConfigErrorsTest {
  @TempDir Path dir;

  private static final String SVC = "services:\n  - name: web\n";

  static Stream<Arguments> badSnippets() {
    return Stream.of(
        arguments("dns:\n  zone: [a\n", 2, "(file)", "YAML syntax error"),
        arguments("- a\n- b\n", 1, "(file)", "must be a map of sections, not a list"),
        arguments(
            "dns:\n  listen: [\"127.0.0.1:53\"]\n  lisen: x\n", 3, "dns.lisen", "unknown key"),
        arguments("bogus: 1\n", 1, "bogus", "unknown key"),
        arguments("dns: [a, b]\n", 1, "dns", "must be a map, not a list"),
        arguments("dns:\n  search: x.y\n", 2, "dns.search", "must be a list"),
        arguments("dns:\n  forward:\n    timeout: 2\n", 3, "dns.forward.timeout", "needs a unit"),
        arguments(
            "dns:\n  forward:\n    timeout: -1s\n", 3, "dns.forward.timeout", "not a duration"),
        arguments(
            "dns:\n  forward:\n    cache: {max_ttl: soon}\n",
            3,
            "dns.forward.cache.max_ttl",
            "not a duration"),
        arguments("dns:\n  ttl: 10s\n", 2, "dns.ttl", "whole seconds"),
        arguments(
            "dns:\n  rate_limit: {global_rps: -1}\n",
            2,
            "dns.rate_limit.global_rps",
            "must be at least 0: -1"),
        arguments(
            "dns:\n  rate_limit:\n    per_source_rps: -5\n",
            3,
            "dns.rate_limit.per_source_rps",
            "must be at least 0: -5"),
        arguments(
            "dns:\n  rate_limit: {per_source_burst: -1}\n",
            2,
            "dns.rate_limit.per_source_burst",
            "must be at least 0: -1"),
        arguments(
            "dns:\n  limits: {tcp_connections: 0}\n",
            2,
            "dns.limits.tcp_connections",
            "at least 1: 0"),
        arguments(
            "dns:\n  limits:\n    tcp_per_source: -1\n",
            3,
            "dns.limits.tcp_per_source",
            "at least 1: -1"),
        arguments("dns:\n  limits: {tcp_idle: 10}\n", 2, "dns.limits.tcp_idle", "needs a unit"),
        arguments("dns:\n  limits: {tcp_idle: 0s}\n", 2, "dns.limits.tcp_idle", "more than 0"),
        arguments(
            "dns:\n  limits: {forward_in_flight: -3}\n",
            2,
            "dns.limits.forward_in_flight",
            "at least 1: -3"),
        arguments("dns:\n  limits: {tcp: 5}\n", 2, "dns.limits.tcp", "unknown key"),
        arguments("dns:\n  rate_limit: {slip: -1}\n", 2, "dns.rate_limit.slip", "0 to 10: -1"),
        arguments("dns:\n  rate_limit: {slip: 11}\n", 2, "dns.rate_limit.slip", "0 to 10: 11"),
        arguments(
            "dns:\n  rate_limit: {global_rps: 5/s}\n", 2, "dns.rate_limit.global_rps", "number"),
        arguments("dns:\n  ttl: 2147483648\n", 2, "dns.ttl", "0 to 2147483647"),
        arguments("dns:\n  zone: ${NOPE}\n", 2, "dns.zone", "environment variable NOPE is not set"),
        arguments(
            "query_log: {mode: loud}\n", 1, "query_log.mode", "full, sampled, errors-only, off"),
        arguments("query_log: {sample_rate: 1.5}\n", 1, "query_log.sample_rate", "0.0 to 1.0"),
        arguments("query_log: {path: \"\"}\n", 1, "query_log.path", "must not be empty"),
        arguments("query_log: {path: /tmp}\n", 1, "query_log.path", "is a directory"),
        arguments("admin:\n  statsd: {flavor: etsy}\n", 2, "admin.statsd.address", "is required"),
        arguments(
            "admin:\n  statsd: {address: \"127.0.0.1\"}\n", 2, "admin.statsd.address", "IP:PORT"),
        arguments(
            "admin:\n  statsd: {address: \"127.0.0.1:8125\", flavor: graphite}\n",
            2,
            "admin.statsd.flavor",
            "etsy, datadog, telegraf"),
        arguments(
            "admin:\n  statsd: {address: \"127.0.0.1:8125\", step: 0s}\n",
            2,
            "admin.statsd.step",
            "more than 0"),
        arguments("dns:\n  listen: [\"localhost:53\"]\n", 2, "dns.listen[0]", "not an IP address"),
        arguments("dns:\n  listen: [\"127.0.0.1\"]\n", 2, "dns.listen[0]", "IP:PORT"),
        arguments("dns:\n  listen: [\"127.0.0.1:70000\"]\n", 2, "dns.listen[0]", "0 to 65535"),
        arguments(
            "dns:\n  forward:\n    upstreams: [dns.google]\n",
            3,
            "dns.forward.upstreams[0]",
            "not an IP"),
        arguments(
            "dns:\n  forward:\n    allow_from: [10.0.0.0/33]\n",
            3,
            "dns.forward.allow_from[0]",
            "prefix length"),
        arguments("dns:\n  zone: bad_zone.local\n", 2, "dns.zone", "letters, digits and hyphens"),
        arguments("dns:\n  search: [ok.local, -bad.local]\n", 2, "dns.search[1]", "hyphen"),
        arguments("dns:\n  zone: " + "a".repeat(64) + ".local\n", 2, "dns.zone", "longer than 63"),
        arguments(
            SVC + "    endpoints:\n      - {address: web.local}\n",
            4,
            "services[0].endpoints[0].address",
            "not an IP"),
        arguments(
            SVC + "    endpoints:\n      - {hostname: a}\n",
            4,
            "services[0].endpoints[0].address",
            "is required"),
        arguments(
            SVC + "    endpoints:\n      - {address: 10.0.0.1, hostname: a.b}\n",
            4,
            "services[0].endpoints[0].hostname",
            "single DNS label"),
        arguments(
            SVC + "    endpoints:\n      - {address: 10.0.0.1, weight: 65536}\n",
            4,
            "services[0].endpoints[0].weight",
            "0 to 65535"),
        arguments(
            SVC + "    endpoints:\n      - {address: 10.0.0.1, priority: -1}\n",
            4,
            "services[0].endpoints[0].priority",
            "0 to 65535"),
        arguments(
            SVC + "    endpoints:\n      - {address: 10.0.0.1}\n      - {address: 10.0.0.1}\n",
            5,
            "services[0].endpoints[1].address",
            "duplicate endpoint address"),
        arguments(
            SVC
                + "    endpoints:\n"
                + "      - {address: 10.0.0.1, hostname: a}\n"
                + "      - {address: 10.0.0.2, hostname: A}\n",
            5,
            "services[0].endpoints[1].hostname",
            "duplicate hostname"),
        // Block style: a registry problem lands on its key's own line, a missing key on its item's.
        arguments(
            SVC + "    endpoints:\n      - address: 10.0.0.1\n        weight: 70000\n",
            5,
            "services[0].endpoints[0].weight",
            "0 to 65535"),
        arguments(
            SVC
                + "    endpoints:\n      - {address: 10.0.0.1}\n      - hostname: a\n        weight: 1\n",
            5,
            "services[0].endpoints[1].address",
            "is required"),
        arguments(
            SVC
                + "    health:\n      type: dns\n      query:\n        name: x.org\n        type: BOGUS\n",
            7,
            "services[0].health.query.type",
            "not a DNS record type"),
        arguments(SVC + "    ttl: 5\n    ttl: 6\n", 4, "services[0].ttl", "duplicate key"),
        arguments(
            SVC + "    endpoints:\n      - {address: 10.0.0.1, weight: 1, weight: 2}\n",
            4,
            "services[0].endpoints[0].weight",
            "duplicate key"),
        // Above 16 endpoints duplicates are found with sets rather than by a scan.
        arguments(
            SVC + manyEndpoints(17, "{address: 10.0.0.3}"),
            21,
            "services[0].endpoints[17].address",
            "duplicate endpoint address"),
        arguments(
            SVC + manyEndpoints(17, "{address: 10.0.1.1, hostname: E5}"),
            21,
            "services[0].endpoints[17].hostname",
            "duplicate hostname"),
        arguments(
            SVC + "    ports: [{name: http, port: 80}, {name: http, protocol: tcp, port: 81}]\n",
            3,
            "services[0].ports[1].name",
            "duplicate port http/tcp"),
        arguments(
            SVC + "    ports: [{name: http, protocol: sctp, port: 80}]\n",
            3,
            "services[0].ports[0].protocol",
            "tcp, udp"),
        arguments(
            SVC + "    ports: [{name: http, port: 0}]\n",
            3,
            "services[0].ports[0].port",
            "1 to 65535"),
        arguments(SVC + "    max_answers: -1\n", 3, "services[0].max_answers", "at least 0"),
        arguments(SVC + "  - name: Web\n", 3, "services[1].name", "duplicate service name"),
        arguments("services:\n  - name: ns\n", 2, "services[0].name", "reserved"),
        arguments(
            "services:\n  - name: my_svc\n", 2, "services[0].name", "letters, digits and hyphens"),
        arguments(
            SVC + "    endpoints: [{address: 10.0.0.1}]\n  - name: web-1\n",
            4,
            "services[1].name",
            "collides with endpoint #1 of service web"),
        arguments(
            "services:\n"
                + "  - name: a.web\n"
                + "  - name: web\n"
                + "    endpoints: [{address: 10.0.0.1, hostname: a}]\n",
            4,
            "services[1].endpoints[0].hostname",
            "collides with service a.web"),
        arguments(
            SVC + "    health: {type: http, target: \"{}:80\"}\n",
            3,
            "services[0].health.target",
            "http://"),
        arguments(
            SVC + "    health: {type: https}\n", 3, "services[0].health.target", "is required"),
        arguments(
            SVC + "    health: {type: tcp, target: \"{}\"}\n",
            3,
            "services[0].health.target",
            "HOST:PORT"),
        arguments(
            SVC + "    health: {type: dns}\n", 3, "services[0].health.query", "needs a query"),
        arguments(
            SVC + "    health: {type: dns, query: {name: x.org, type: BOGUS}}\n",
            3,
            "services[0].health.query.type",
            "not a DNS record type"),
        arguments(
            SVC + "    health: {type: command, command: []}\n",
            3,
            "services[0].health.command",
            "non-empty command"),
        arguments(
            SVC + "    health:\n      interval: 1s\n      timeout: 2s\n",
            5,
            "services[0].health.timeout",
            "not be longer than interval"),
        arguments(SVC + "    health: {rise: 0}\n", 3, "services[0].health.rise", "1 to 1000"),
        arguments(
            SVC + "    health: {expect_status: \"200-700\"}\n",
            3,
            "services[0].health.expect_status",
            "100 to 599"),
        arguments(
            SVC + "    health: {type: ping}\n",
            3,
            "services[0].health.type",
            "http, https, tcp, dns, command, none"),
        arguments(
            SVC + "    health:\n      tls: {ca_file: missing.pem}\n",
            4,
            "services[0].health.tls.ca_file",
            "no such file"),
        arguments(
            "tsig_keys:\n  - {name: k, algorithm: hmac-sha3, secret: \"YQ==\"}\n",
            2,
            "tsig_keys[0].algorithm",
            "hmac-sha256"),
        arguments(
            "tsig_keys:\n  - {name: k, algorithm: hmac-sha256, secret: \"not base64!\"}\n",
            2,
            "tsig_keys[0].secret",
            "base64"),
        arguments(
            "dns:\n  transfer: {tsig: nokey}\n",
            2,
            "dns.transfer.tsig",
            "no such key in tsig_keys"),
        arguments(
            "publish:\n"
                + "  - type: rfc2136\n"
                + "    server: 127.0.0.1:53\n"
                + "    zone: example.org\n"
                + "    records: [{service: nope, name: www.example.org, ttl: 30}]\n",
            5,
            "publish[0].records[0].service",
            "no such service"),
        arguments(
            "publish:\n  - type: rfc2136\n    zone: example.org\n    records: []\n",
            2,
            "publish[0].server",
            "is required"),
        arguments(
            "publish:\n  - type: webhook\n    url: ftp://x\n",
            3,
            "publish[0].url",
            "http:// or https://"),
        arguments(
            "publish:\n  - type: webhook\n    url: http://x/\n    services: [nope]\n",
            4,
            "publish[0].services[0]",
            "no such service: nope"),
        arguments(
            "publish:\n"
                + "  - type: rfc2136\n"
                + "    server: 127.0.0.1:53\n"
                + "    zone: example.org\n"
                + "    secret: x\n"
                + "    records: [{service: web, name: www.example.org, ttl: 30}]\n",
            5,
            "publish[0].secret",
            "does not apply to type rfc2136"),
        arguments(
            "publish:\n"
                + "  - type: rfc2136\n"
                + "    server: 127.0.0.1:53\n"
                + "    zone: example.org\n"
                + "    reconcile_interval: 0s\n"
                + "    records: [{service: web, name: www.example.org, ttl: 30}]\n",
            5,
            "publish[0].reconcile_interval",
            "must be more than 0"),
        arguments(
            "publish:\n  - type: webhook\n    url: http://x/\n    reconcile_interval: 1m\n",
            4,
            "publish[0].reconcile_interval",
            "does not apply to type webhook"),
        arguments("publish:\n  - type: carrier-pigeon\n", 2, "publish[0].type", "rfc2136, webhook"),
        arguments("cluster:\n  node: n1\n  etcd: []\n", 3, "cluster.etcd", "at least one URL"),
        arguments(
            "cluster:\n  etcd: [\"http://127.0.0.1:2379\"]\n", 1, "cluster.node", "is required"));
  }

  /**
   * {@code endpoints:} with {@code n} distinct endpoints (hostnames e1...) and then {@code last}.
   */
  private static String manyEndpoints(int n, String last) {
    StringBuilder b = new StringBuilder("    endpoints:\n");
    for (int i = 1; i <= n; i++) {
      b.append("      - {address: 10.0.0.")
          .append(i)
          .append(", hostname: e")
          .append(i)
          .append("}\n");
    }
    return b.append("      - ").append(last).append('\n').toString();
  }

  @ParameterizedTest(name = "[{index}] {2}: {3}")
  @MethodSource("badSnippets")
  void rejects(String yaml, int line, String path, String fragment) {
    List<ConfigError> errors = errorsOf(yaml);

    assertThat(errors)
        .as("errors of:\n%s", yaml)
        .anySatisfy(
            e -> {
              assertThat(e.file()).isEqualTo("bad.yaml");
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.message()).contains(fragment);
            });
  }

  @Test
  void reportsEveryErrorAtOnceInFileOrder() {
    String yaml =
        """
        dns:
          ttl: -5
          zone: ok.example
          frobnicate: true
        services:
          - name: web
            endpoints: [{address: not-an-ip}]
            health: {interval: 5}
        """;
    List<ConfigError> errors = errorsOf(yaml);

    assertThat(errors)
        .extracting(ConfigError::toString)
        .containsExactly(
            "bad.yaml:2: dns.ttl: a ttl must be 0 to 2147483647: -5",
            "bad.yaml:4: dns.frobnicate: unknown key; expected one of "
                + "[listen, zone, ttl, search, reverse, forward, rate_limit, limits, transfer]",
            "bad.yaml:7: services[0].endpoints[0].address: not an IP address (names are not looked"
                + " up): not-an-ip",
            "bad.yaml:8: services[0].health.interval: a duration needs a unit (ms, s, m or h), e.g."
                + " 5s: 5");
  }

  @Test
  void exceptionMessageListsEveryErrorLine() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.parse("bad.yaml", "a: 1\nb: 2\n", TestConfigs.env(dir, Map.of())));

    assertThat(e.getMessage())
        .isEqualTo(
            "bad.yaml:1: a: unknown key; expected one of [dns, admin, data_dir, query_log,"
                + " tsig_keys, services, publish, cluster, diagnostics]\n"
                + "bad.yaml:2: b: unknown key; expected one of [dns, admin, data_dir, query_log,"
                + " tsig_keys, services, publish, cluster, diagnostics]");
  }

  private List<ConfigError> errorsOf(String yaml) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.parse("bad.yaml", yaml, TestConfigs.env(dir, Map.of())));
    assertThat(e).as("expected a ConfigException for:\n%s", yaml).isNotNull();
    return e.errors();
  }
}
