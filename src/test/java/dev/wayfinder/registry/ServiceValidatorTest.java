package dev.wayfinder.registry;

import static dev.wayfinder.registry.Drafts.at;
import static dev.wayfinder.registry.Drafts.commandProbe;
import static dev.wayfinder.registry.Drafts.dnsProbe;
import static dev.wayfinder.registry.Drafts.expectingBody;
import static dev.wayfinder.registry.Drafts.health;
import static dev.wayfinder.registry.Drafts.manyThen;
import static dev.wayfinder.registry.Drafts.named;
import static dev.wayfinder.registry.Drafts.port;
import static dev.wayfinder.registry.Drafts.probe;
import static dev.wayfinder.registry.Drafts.weighted;
import static dev.wayfinder.registry.Drafts.withEndpoints;
import static dev.wayfinder.registry.Drafts.withHealth;
import static dev.wayfinder.registry.Drafts.withMaxAnswers;
import static dev.wayfinder.registry.Drafts.withPorts;
import static dev.wayfinder.registry.Drafts.withTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wayfinder.registry.ServiceDraft.EndpointDraft;
import dev.wayfinder.registry.ServiceDraft.QueryDraft;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules for one service, without YAML: each bad draft gets exactly one problem, at its path
 * relative to the service, with the message the config file and the API report.
 */
class ServiceValidatorTest {
  private static final String ZONE = "svc.test";

  private final ServiceValidator validator = new ServiceValidator(ZONE, 30);

  static Stream<Arguments> badDrafts() {
    String longName =
        String.join(".", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60), "ee");
    return Stream.of(
        arguments(named(null), "name", "is required"),
        arguments(
            named("my_svc"),
            "name",
            "a label holds only letters, digits and hyphens: my_svc in my_svc"),
        arguments(named("a..b"), "name", "empty label in a..b"),
        arguments(named("NS"), "name", "the name ns is reserved for the zone's nameserver record"),
        arguments(named(longName), "name", "name " + longName + "." + ZONE + " is longer than 253"),
        arguments(withTtl(-5L), "ttl", "a ttl must be 0 to 2147483647: -5"),
        arguments(withTtl(2147483648L), "ttl", "a ttl must be 0 to 2147483647: 2147483648"),
        arguments(withMaxAnswers(-1L), "max_answers", "must be at least 0: -1"),
        arguments(withPorts(port(null, null, 80L)), "ports[0].name", "is required"),
        arguments(withPorts(port("http", null, null)), "ports[0].port", "is required"),
        arguments(withPorts(port("http", null, 0L)), "ports[0].port", "must be 1 to 65535: 0"),
        arguments(
            withPorts(port("http", "sctp", 80L)),
            "ports[0].protocol",
            "must be one of tcp, udp: sctp"),
        arguments(
            withPorts(port("http", null, 80L), port("HTTP", "tcp", 81L)),
            "ports[1].name",
            "duplicate port http/tcp"),
        arguments(
            withPorts(port("h.b", null, 80L)),
            "ports[0].name",
            "must be a single DNS label, without dots: h.b"),
        arguments(withEndpoints(at(null, "a")), "endpoints[0].address", "is required"),
        arguments(
            withEndpoints(at("web.local")),
            "endpoints[0].address",
            "not an IP address (names are not looked up): web.local"),
        arguments(
            withEndpoints(at("[::1]")),
            "endpoints[0].address",
            "not an IP address (names are not looked up): [::1]"),
        arguments(
            withEndpoints(at("10.0.0.1", "a.b")),
            "endpoints[0].hostname",
            "must be a single DNS label, without dots: a.b"),
        arguments(
            withEndpoints(weighted("10.0.0.1", 65536L, null)),
            "endpoints[0].weight",
            "must be 0 to 65535: 65536"),
        arguments(
            withEndpoints(weighted("10.0.0.1", null, -1L)),
            "endpoints[0].priority",
            "must be 0 to 65535: -1"),
        arguments(
            withEndpoints(at("10.0.0.1"), at("10.0.0.1")),
            "endpoints[1].address",
            "duplicate endpoint address in this service: 10.0.0.1"),
        arguments(
            withEndpoints(at("fd00::1"), at("fd00:0::1")),
            "endpoints[1].address",
            "duplicate endpoint address in this service: fd00:0:0:0:0:0:0:1"),
        arguments(
            withEndpoints(at("10.0.0.1", "a"), at("10.0.0.2", "A")),
            "endpoints[1].hostname",
            "duplicate hostname in this service: a"),
        // Above 16 endpoints duplicates are found with sets rather than by a scan.
        arguments(
            manyThen(17, at("10.0.0.3")),
            "endpoints[17].address",
            "duplicate endpoint address in this service: 10.0.0.3"),
        arguments(
            manyThen(17, at("10.0.1.1", "E5")),
            "endpoints[17].hostname",
            "duplicate hostname in this service: e5"),
        arguments(
            withHealth(probe("ping", null)),
            "health.type",
            "must be one of http, https, tcp, dns, command, none: ping"),
        arguments(
            withHealth(probe("http", "{}:80")),
            "health.target",
            "must be a URL starting with http://: {}:80"),
        arguments(
            withHealth(probe("https", "https://")),
            "health.target",
            "must be a URL starting with https://: https://"),
        arguments(withHealth(probe("https", null)), "health.target", "is required"),
        arguments(
            withHealth(probe("tcp", "{}")),
            "health.target",
            "must be HOST:PORT with port 1 to 65535, e.g. {}:8080: {}"),
        arguments(
            withHealth(probe("tcp", "{}:0")),
            "health.target",
            "must be HOST:PORT with port 1 to 65535, e.g. {}:8080: {}:0"),
        arguments(
            withHealth(dnsProbe(null)), "health.query", "type dns needs a query {name, type}"),
        arguments(
            withHealth(dnsProbe(new QueryDraft("x.org", "BOGUS"))),
            "health.query.type",
            "not a DNS record type: BOGUS"),
        arguments(
            withHealth(dnsProbe(new QueryDraft(null, "A"))), "health.query.name", "is required"),
        arguments(
            withHealth(commandProbe(List.of())),
            "health.command",
            "type command needs a non-empty command list"),
        arguments(
            withHealth(commandProbe(List.of("", "--fast"))),
            "health.command",
            "type command needs a non-empty command list"),
        arguments(
            withHealth(health(null, null, secs(1), secs(2), null, null)),
            "health.timeout",
            "must not be longer than interval (PT1S): PT2S"),
        arguments(
            withHealth(health(null, null, Duration.ZERO, null, null, null)),
            "health.interval",
            "must be more than 0: 0s"),
        arguments(
            withHealth(health(null, null, null, null, 0L, null)),
            "health.rise",
            "must be 1 to 1000: 0"),
        arguments(
            withHealth(health(null, null, null, null, null, "200-700")),
            "health.expect_status",
            "expected statuses 100 to 599 like 200-399 or 200,204: 200-700"),
        arguments(
            withHealth(health(null, null, null, null, null, "399-200")),
            "health.expect_status",
            "range runs backwards: 399-200 in 399-200"),
        arguments(withHealth(expectingBody("")), "health.expect_body", "must not be empty"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @MethodSource("badDrafts")
  void refusesWithOneProblemAtItsPath(ServiceDraft draft, String path, String message) {
    ServiceValidator.Result result = validator.validate(draft, Service.Source.API);

    assertThat(result.valid()).isFalse();
    assertThat(result.service()).isNull();
    assertThat(result.problems()).containsExactly(new ServiceProblem(path, message));
  }

  static Stream<Arguments> goodDrafts() {
    return Stream.of(
        arguments(
            named("Web.Prod."),
            new Service(
                "web.prod",
                30,
                List.of(),
                List.of(),
                HealthSpec.NONE,
                true,
                0,
                Service.Source.API)),
        arguments(
            new ServiceDraft(
                "web",
                7L,
                List.of(port("HTTP", null, 8080L), port("dns", "udp", 53L)),
                List.of(at("10.0.0.1", "Node1"), weighted("fd00::1", 0L, 3L)),
                null,
                false,
                2L),
            new Service(
                "web",
                7,
                List.of(new Port("http", "tcp", 8080), new Port("dns", "udp", 53)),
                List.of(
                    new Endpoint(IpLiteral.toAddress("10.0.0.1"), "node1", 1, 0, 1),
                    new Endpoint(IpLiteral.toAddress("fd00::1"), null, 0, 3, 2)),
                HealthSpec.NONE,
                false,
                2,
                Service.Source.API)),
        arguments(
            withHealth(dnsProbe(new QueryDraft("Health.Example", "aaaa"))),
            new Service(
                "web",
                30,
                List.of(),
                List.of(),
                new HealthSpec(
                    HealthSpec.Type.DNS,
                    "{}:53",
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(1),
                    2,
                    3,
                    "200-399",
                    null,
                    new HealthSpec.TlsConfig(null, false),
                    new HealthSpec.DnsQueryConfig("health.example.", "AAAA"),
                    List.of()),
                true,
                0,
                Service.Source.API)));
  }

  @ParameterizedTest
  @MethodSource("goodDrafts")
  void acceptsWithDefaultsAndNormalisedNames(ServiceDraft draft, Service expected) {
    ServiceValidator.Result result = validator.validate(draft, Service.Source.API);

    assertThat(result.problems()).isEmpty();
    assertThat(result.service()).isEqualTo(expected);
  }

  @Test
  void reportsEveryProblemOfADraftInTheOrderOfItsKeys() {
    ServiceDraft draft =
        new ServiceDraft(
            "a_b",
            -1L,
            null,
            List.of(at("nope"), weighted("10.0.0.1", 1L, 70000L)),
            probe("tcp", null),
            null,
            null);

    assertThat(validator.validate(draft, Service.Source.CONFIG).problems())
        .extracting(ServiceProblem::path)
        .containsExactly(
            "name", "ttl", "endpoints[0].address", "endpoints[1].priority", "health.target");
  }

  @Test
  void skipsItemsTheSourceCouldNotRead() {
    ServiceDraft draft =
        new ServiceDraft("web", null, null, Arrays.asList(null, at("10.0.0.2")), null, null, null);

    Service service = validator.validate(draft, Service.Source.CONFIG).service();

    assertThat(service.endpoints()).extracting(Endpoint::ordinal).containsExactly(1);
  }

  @Test
  void servicesWithEqualPortsAndHealthShareThem() {
    EndpointDraft endpoint = at("10.0.0.1");
    ServiceDraft a =
        new ServiceDraft(
            "a",
            null,
            List.of(port("http", null, 80L)),
            List.of(endpoint),
            probe("tcp", "{}:80"),
            null,
            null);
    ServiceDraft b = new ServiceDraft("b", null, a.ports(), a.endpoints(), a.health(), null, null);

    Service first = validator.validate(a, Service.Source.CONFIG).service();
    Service second = validator.validate(b, Service.Source.CONFIG).service();

    assertThat(second.ports()).isSameAs(first.ports());
    assertThat(second.health()).isSameAs(first.health());
  }

  private static Duration secs(long s) {
    return Duration.ofSeconds(s);
  }
}
