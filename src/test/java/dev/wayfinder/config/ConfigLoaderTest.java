package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Happy paths: the SPEC example, defaults, substitution, YAML 1.1 words, resolv.conf. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private WayfinderConfig parse(String yaml, Map<String, String> vars) throws ConfigException {
    return ConfigLoader.parse("test.yaml", yaml, TestConfigs.env(dir, vars));
  }

  private static InetSocketAddress sock(String ip, int port) {
    return new InetSocketAddress(IpLiteral.toAddress(ip), port);
  }

  @Test
  void readsTheSpecExample() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path file = Files.writeString(dir.resolve("wayfinder.yaml"), TestConfigs.specExample(ca));

    WayfinderConfig c =
        ConfigLoader.load(file, TestConfigs.env(dir, Map.of("WAYFINDER_TOKEN", "s3cret")));

    assertThat(c.source()).isEqualTo(file);
    assertThat(c.dns().listen()).containsExactly(sock("127.0.0.1", 5353));
    assertThat(c.dns().zone()).isEqualTo("svc.cluster.local");
    assertThat(c.dns().search()).containsExactly("default.svc.cluster.local", "svc.cluster.local");
    assertThat(c.dns().forward().upstreams())
        .containsExactly(sock("192.0.2.53", 53), sock("2001:db8::53", 53));
    assertThat(c.dns().forward().cache().maxTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(c.dns().rateLimit()).isEqualTo(RateLimitConfig.OFF);
    assertThat(c.dns().limits()).isEqualTo(LimitsConfig.DEFAULT);
    assertThat(c.dns().transfer().tsig()).isEqualTo("keyname");
    assertThat(c.dns().transfer().notifyTargets()).containsExactly(sock("127.0.0.1", 5399));
    assertThat(c.admin().token()).isEqualTo("s3cret");
    assertThat(c.queryLog().mode()).isEqualTo(QueryLogConfig.Mode.SAMPLED);
    Service web = c.services().get(0);
    assertThat(web.endpoints()).extracting(Endpoint::hostname).containsExactly("web-a", null);
    assertThat(web.ports()).containsExactly(new Port("http", "tcp", 8080));
    assertThat(web.health().type()).isEqualTo(HealthSpec.Type.HTTP);
    assertThat(web.health().timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(web.health().tls().caFile()).isEqualTo(ca);
    assertThat(web.health().query())
        .isEqualTo(new HealthSpec.DnsQueryConfig("health.example.", "A"));
    assertThat(c.publish()).extracting(PublishConfig::type).containsExactly("rfc2136", "webhook");
    assertThat(c.publish().get(0).records())
        .containsExactly(new PublishConfig.Record("web", "www.example.org", 30));
    assertThat(c.publish().get(0).reconcileInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.publish().get(1).secret()).isEqualTo("hook-secret");
    assertThat(c.publish().get(1).services()).containsExactly("web");
    assertThat(c.publish().get(1).toString()).doesNotContain("hook-secret");
    assertThat(c.cluster())
        .isEqualTo(
            new ClusterConfig(
                "n1",
                java.util.List.of("http://127.0.0.1:2379"),
                "/wayfinder",
                java.time.Duration.ofSeconds(5)));
    assertThat(c.diagnostics().targets())
        .containsExactly(new DiagnosticsConfig.Target("example.com", 443));
  }

  @Test
  void emptyFileIsAllDefaults() throws Exception {
    WayfinderConfig c = parse("", Map.of());

    assertThat(c.dns().listen()).containsExactly(sock("127.0.0.1", 5353));
    assertThat(c.dns().zone()).isEqualTo("svc.cluster.local");
    assertThat(c.dns().ttl()).isEqualTo(10);
    assertThat(c.dns().reverse()).isTrue();
    assertThat(c.dns().forward().upstreams())
        .containsExactly(sock("192.0.2.53", 53), sock("2001:db8::53", 53));
    assertThat(c.dns().forward().allowFrom())
        .containsExactly(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
    assertThat(c.dns().forward().cache())
        .isEqualTo(
            new CacheConfig(100_000, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO));
    assertThat(c.dns().transfer().allowFrom())
        .containsExactly(Cidr.parse("127.0.0.1/32"), Cidr.parse("::1/128"));
    assertThat(c.dns().rateLimit()).isEqualTo(RateLimitConfig.OFF);
    assertThat(c.dns().rateLimit().off()).isTrue();
    assertThat(c.dns().limits())
        .isEqualTo(new LimitsConfig(1000, 32, Duration.ofSeconds(10), 1000))
        .isEqualTo(LimitsConfig.DEFAULT);
    assertThat(c.admin()).isEqualTo(new AdminConfig(sock("127.0.0.1", 8053), null));
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.queryLog()).isEqualTo(new QueryLogConfig(QueryLogConfig.Mode.SAMPLED, 0.1));
    assertThat(c.services()).isEmpty();
    assertThat(c.cluster()).isNull();
  }

  @Test
  void builtInDefaultMatchesSpec() {
    WayfinderConfig c = ConfigLoader.defaults();

    assertThat(c.source()).isNull();
    assertThat(c.dns().listen()).containsExactly(sock("127.0.0.1", 5353));
    assertThat(c.admin().listen()).isEqualTo(sock("127.0.0.1", 8053));
    assertThat(c.dns().zone()).isEqualTo("svc.cluster.local");
    assertThat(c.services()).isEmpty();
  }

  @Test
  void readsTheRateLimit() throws Exception {
    WayfinderConfig c =
        parse(
            "dns:\n  rate_limit: {global_rps: 5000, per_source_rps: 20, per_source_burst: 40,"
                + " slip: 0}\n",
            Map.of());
    assertThat(c.dns().rateLimit()).isEqualTo(new RateLimitConfig(5000, 20, 40, 0));

    RateLimitConfig partial =
        parse("dns: {rate_limit: {per_source_rps: 7}}\n", Map.of()).dns().rateLimit();
    assertThat(partial).isEqualTo(new RateLimitConfig(0, 7, 0, 2));
    assertThat(partial.effectiveBurst()).as("0 = the rate").isEqualTo(7);
    assertThat(partial.off()).isFalse();
  }

  @Test
  void aPartialLimitsMapKeepsTheOtherDefaults() throws Exception {
    WayfinderConfig c =
        parse("dns:\n  limits: {tcp_idle: 500ms, forward_in_flight: 7}\n", Map.of());
    assertThat(c.dns().limits()).isEqualTo(new LimitsConfig(1000, 32, Duration.ofMillis(500), 7));
  }

  @Test
  void serviceDefaultsFollowTheZoneTtl() throws Exception {
    WayfinderConfig c =
        parse(
            "dns: {ttl: 42}\nservices:\n  - name: Web.Prod\n    endpoints: [{address: 10.0.0.1}]\n",
            Map.of());

    Service s = c.services().get(0);
    assertThat(s.name()).isEqualTo("web.prod");
    assertThat(s.ttl()).isEqualTo(42);
    assertThat(s.failOpen()).isTrue();
    assertThat(s.maxAnswers()).isZero();
    assertThat(s.health()).isEqualTo(HealthSpec.NONE);
    assertThat(s.endpoints().get(0))
        .isEqualTo(new Endpoint(IpLiteral.toAddress("10.0.0.1"), null, 1, 0, 1));
  }

  @Test
  void substitutesEnvironmentVariables() throws Exception {
    WayfinderConfig c =
        parse(
            "dns:\n  zone: ${ZONE}\n  listen: [\"127.0.0.1:${PORT}\"]\n",
            Map.of("ZONE", "Corp.Example.", "PORT", "0"));

    assertThat(c.dns().zone()).isEqualTo("corp.example");
    assertThat(c.dns().listen()).containsExactly(sock("127.0.0.1", 0));
  }

  @Test
  void unsetTokenVariableMeansNoToken() throws Exception {
    assertThat(parse("admin: {token: \"${WAYFINDER_TOKEN}\"}\n", Map.of()).admin().token())
        .isNull();
    assertThat(
            parse("admin: {token: \"${WAYFINDER_TOKEN}\"}\n", Map.of("WAYFINDER_TOKEN", ""))
                .admin()
                .token())
        .isNull();
  }

  @Test
  void queryLogPathAndStatsDExport() throws Exception {
    WayfinderConfig c =
        parse(
            "query_log: {mode: full, path: /var/log/wayfinder/queries.log}\n"
                + "admin:\n"
                + "  statsd: {address: \"127.0.0.1:8125\", flavor: datadog, step: 30s}\n",
            Map.of());

    assertThat(c.queryLog())
        .isEqualTo(
            new QueryLogConfig(QueryLogConfig.Mode.FULL, 0.1, "/var/log/wayfinder/queries.log"));
    assertThat(c.admin().statsd())
        .isEqualTo(
            new StatsDConfig(
                sock("127.0.0.1", 8125), StatsDConfig.Flavor.DATADOG, Duration.ofSeconds(30)));
    assertThat(parse("admin: {}\n", Map.of()).admin().statsd()).isNull();
    assertThat(parse("query_log: {}\n", Map.of()).queryLog().path()).isEqualTo("-");
  }

  @Test
  void enumKeysTakeYaml11BooleanWordsAsWords() throws Exception {
    WayfinderConfig off = parse("query_log: {mode: off}\n", Map.of());
    WayfinderConfig errors = parse("query_log: {mode: errors-only}\n", Map.of());
    WayfinderConfig reverseOff = parse("dns: {reverse: off}\n", Map.of());

    assertThat(off.queryLog().mode()).isEqualTo(QueryLogConfig.Mode.OFF);
    assertThat(errors.queryLog().mode()).isEqualTo(QueryLogConfig.Mode.ERRORS_ONLY);
    assertThat(reverseOff.dns().reverse()).isFalse();
  }

  @Test
  void upstreamsMixResolvConfAndLiterals() throws Exception {
    WayfinderConfig c =
        parse(
            "dns:\n"
                + "  forward:\n"
                + "    upstreams: [\"10.0.0.2\", \"resolv.conf\", \"127.0.0.1:5300\","
                + " \"[::1]:5301\"]\n",
            Map.of());

    assertThat(c.dns().forward().upstreams())
        .containsExactly(
            sock("10.0.0.2", 53),
            sock("192.0.2.53", 53),
            sock("2001:db8::53", 53),
            sock("127.0.0.1", 5300),
            sock("::1", 5301));
  }

  @Test
  void emptyUpstreamsMeanNoForwarding() throws Exception {
    assertThat(parse("dns: {forward: {upstreams: []}}\n", Map.of()).dns().forward().upstreams())
        .isEmpty();
  }

  @Test
  void healthProbeKindsReadTheirFields() throws Exception {
    String yaml =
        """
        services:
          - name: a
            health: {type: tcp, target: "{}:8080"}
          - name: b
            health: {type: dns, query: {name: Health.Example, type: aaaa}}
          - name: c
            health: {type: command, command: [/bin/true], interval: 1m, timeout: 2s}
        """;
    WayfinderConfig c = parse(yaml, Map.of());

    assertThat(c.services().get(0).health().target()).isEqualTo("{}:8080");
    assertThat(c.services().get(1).health().target()).isEqualTo("{}:53");
    assertThat(c.services().get(1).health().query())
        .isEqualTo(new HealthSpec.DnsQueryConfig("health.example.", "AAAA"));
    assertThat(c.services().get(2).health().command()).containsExactly("/bin/true");
    assertThat(c.services().get(2).health().interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void missingFileIsOneError() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing + ":0: ");
  }
}
