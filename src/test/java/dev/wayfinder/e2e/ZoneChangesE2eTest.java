package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceSink;
import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Z SOA": the serial increases on every change of the zone's content, and a change in the
 * registry shows in answers on the wire (without a restart).
 */
class ZoneChangesE2eTest {
  private static final Duration VISIBLE = Duration.ofSeconds(10);

  @TempDir Path dir;
  RunningDaemon daemon;
  DigRunner dig;

  @BeforeEach
  void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir).yaml());
    dig = daemon.client();
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void addedServiceIsAnsweredAndRaisesTheSerial() {
    long before = serial();
    Registry registry = daemon.daemon().registry();
    registry
        .sink(Service.Source.API)
        .apply(List.of(renamed(registry.get("web"), "late")), List.of());

    await("late.Z answers")
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "NOERROR".equals(dig.dig(fqdn("late"), "A").status()));
    DigResult r = dig.dig(fqdn("late"), "A");

    assertThat(r.answers("A")).as(r.raw()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(serial()).isGreaterThan(before);
  }

  @Test
  void removedServiceBecomesNxdomainAndRaisesTheSerialAgain() {
    Registry registry = daemon.daemon().registry();
    registry
        .sink(Service.Source.API)
        .apply(List.of(renamed(registry.get("web"), "brief")), List.of());
    await()
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "NOERROR".equals(dig.dig(fqdn("brief"), "A").status()));
    long afterAdd = serial();

    registry.sink(Service.Source.API).apply(List.of(), List.of("brief"));
    await("brief.Z gone")
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "NXDOMAIN".equals(dig.dig(fqdn("brief"), "A").status()));

    assertThat(serial()).isGreaterThan(afterAdd);
    assertThat(dig.dig(fqdn("web"), "A").answers("A")).hasSize(2);
  }

  @Test
  void serviceAddedThroughTheRegistryIsAnsweredByEveryName() throws Exception {
    long before = serial();
    api().apply(List.of(late("10.0.9.1", "10.0.9.2", "fd00::9")), List.of());

    awaitStatus("late", "A", "NOERROR");
    assertThat(dig.dig(fqdn("late"), "A").answers("A"))
        .containsExactlyInAnyOrder("10.0.9.1", "10.0.9.2");
    assertThat(dig.dig(fqdn("late"), "AAAA").answers("AAAA")).containsExactly("fd00::9");
    assertThat(dig.dig(fqdn("late-2"), "A").answers("A")).containsExactly("10.0.9.2");
    assertThat(dig.dig(fqdn("late-a.late"), "A").answers("A")).containsExactly("10.0.9.1");
    assertThat(dig.dig(fqdn("_http._tcp.late"), "SRV").answers("SRV"))
        .containsExactlyInAnyOrder(
            "0 1 8080 " + fqdn("late-a.late"),
            "0 1 8080 " + fqdn("late-2"),
            "0 1 8080 " + fqdn("late-3"));
    assertThat(dig.reverse("10.0.9.2").answers("PTR")).containsExactly(fqdn("late-2"));
    assertThat(serial()).isGreaterThan(before);
  }

  @Test
  void serviceChangedThroughTheRegistryAnswersItsNewEndpointsOnly() throws Exception {
    api().apply(List.of(late("10.0.9.1", "10.0.9.2")), List.of());
    awaitStatus("late", "A", "NOERROR");
    long before = serial();

    api().apply(List.of(late("10.0.9.1", "10.0.9.3")), List.of());

    await("the new endpoint answers")
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> dig.dig(fqdn("late"), "A").answers("A").contains("10.0.9.3"));
    assertThat(dig.dig(fqdn("late"), "A").answers("A"))
        .containsExactlyInAnyOrder("10.0.9.1", "10.0.9.3");
    assertThat(dig.dig(fqdn("late-2"), "A").answers("A")).containsExactly("10.0.9.3");
    assertThat(dig.reverse("10.0.9.3").answers("PTR")).containsExactly(fqdn("late-2"));
    assertThat(dig.reverse("10.0.9.2").answers("PTR")).isEmpty();
    assertThat(serial()).isGreaterThan(before);
  }

  @Test
  void serviceRemovedThroughTheRegistryIsNxdomainByEveryName() throws Exception {
    api().apply(List.of(late("10.0.9.1", "10.0.9.2", "fd00::9")), List.of());
    awaitStatus("late", "A", "NOERROR");
    long before = serial();

    api().apply(List.of(), List.of("late"));

    awaitStatus("late", "A", "NXDOMAIN");
    for (String name : List.of("late-2", "late-a.late", "_http._tcp.late")) {
      DigResult r = dig.dig(fqdn(name), "A");
      assertThat(r.status()).as(name + "\n" + r.raw()).isEqualTo("NXDOMAIN");
      assertThat(r.authoritative()).as(r.raw()).isTrue();
    }
    assertThat(dig.reverse("10.0.9.2").answers("PTR")).isEmpty();
    assertThat(serial()).isGreaterThan(before);
    assertThat(dig.dig(fqdn("web"), "A").answers("A")).hasSize(2);
  }

  private ServiceSink api() {
    return daemon.daemon().registry().sink(Service.Source.API);
  }

  private void awaitStatus(String name, String type, String status) {
    await(name + " " + type + " " + status)
        .atMost(VISIBLE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status.equals(dig.dig(fqdn(name), type).status()));
  }

  /** Service {@code late}: endpoint 1 with hostname {@code late-a}, port http/tcp 8080. */
  private Service late(String... addresses) throws UnknownHostException {
    Service web = daemon.daemon().registry().get("web");
    List<Endpoint> endpoints = new ArrayList<>();
    for (String a : addresses) {
      String host = endpoints.isEmpty() ? "late-a" : null;
      endpoints.add(new Endpoint(InetAddress.getByName(a), host, 1, 0, endpoints.size() + 1));
    }
    return new Service(
        "late",
        web.ttl(),
        List.of(new Port("http", "tcp", 8080)),
        endpoints,
        web.health(),
        true,
        0,
        Service.Source.API);
  }

  private long serial() {
    DigResult soa = dig.dig(fqdn(""), "SOA");
    assertThat(soa.answer()).as(soa.raw()).hasSize(1);
    return soa.answer().get(0).soaSerial();
  }

  private static Service renamed(Service s, String name) {
    return new Service(
        name,
        s.ttl(),
        s.ports(),
        s.endpoints(),
        s.health(),
        s.failOpen(),
        s.maxAnswers(),
        Service.Source.API);
  }
}
