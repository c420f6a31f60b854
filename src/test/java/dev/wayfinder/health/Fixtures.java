package dev.wayfinder.health;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.DnsQueryConfig;
import dev.wayfinder.registry.HealthSpec.TlsConfig;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Services and health sections for tests: short intervals so states move within a second. */
final class Fixtures {
  static final InetAddress LOCAL = IpLiteral.toAddress("127.0.0.1");
  static final InetAddress LOCAL_2 = IpLiteral.toAddress("127.0.0.2");
  static final InetAddress LOCAL_3 = IpLiteral.toAddress("127.0.0.3");

  private Fixtures() {}

  /** A health section; change fields with the {@code with*} helpers. */
  static HealthSpec health(HealthSpec.Type type, String target) {
    return new HealthSpec(
        type,
        target,
        Duration.ofMillis(100),
        // Generous next to the 100 ms interval: a loaded CI machine must not turn a local probe
        // into
        // a timeout. Tests about timeouts set their own with withTimeout.
        Duration.ofSeconds(1),
        2,
        3,
        "200-399",
        null,
        new TlsConfig(null, false),
        null,
        List.of());
  }

  static HealthSpec withThresholds(HealthSpec h, int rise, int fall) {
    return with(
        h,
        d -> {
          d.rise = rise;
          d.fall = fall;
        });
  }

  static HealthSpec withTimeout(HealthSpec h, Duration interval, Duration timeout) {
    return with(
        h,
        d -> {
          d.interval = interval;
          d.timeout = timeout;
        });
  }

  static HealthSpec withBody(HealthSpec h, String expectBody) {
    return with(h, d -> d.expectBody = expectBody);
  }

  static HealthSpec withTls(HealthSpec h, Path caFile, boolean insecure) {
    return with(h, d -> d.tls = new TlsConfig(caFile, insecure));
  }

  static HealthSpec dns(String target, String name, String type) {
    return with(health(HealthSpec.Type.DNS, target), d -> d.query = new DnsQueryConfig(name, type));
  }

  static HealthSpec command(Duration timeout, String... argv) {
    return with(
        health(HealthSpec.Type.COMMAND, null),
        d -> {
          d.interval = timeout.multipliedBy(2);
          d.timeout = timeout;
          d.command = List.of(argv);
        });
  }

  /**
   * A copy of {@code h} with the fields {@code change} sets: the one place the record is rebuilt.
   */
  private static HealthSpec with(HealthSpec h, Consumer<Draft> change) {
    Draft d = new Draft(h);
    change.accept(d);
    return new HealthSpec(
        d.type,
        d.target,
        d.interval,
        d.timeout,
        d.rise,
        d.fall,
        d.expectStatus,
        d.expectBody,
        d.tls,
        d.query,
        d.command);
  }

  /** HealthSpec's fields, open to change for one {@link #with} call. */
  private static final class Draft {
    final HealthSpec.Type type;
    final String target;
    Duration interval;
    Duration timeout;
    int rise;
    int fall;
    final String expectStatus;
    String expectBody;
    TlsConfig tls;
    DnsQueryConfig query;
    List<String> command;

    Draft(HealthSpec h) {
      type = h.type();
      target = h.target();
      interval = h.interval();
      timeout = h.timeout();
      rise = h.rise();
      fall = h.fall();
      expectStatus = h.expectStatus();
      expectBody = h.expectBody();
      tls = h.tls();
      query = h.query();
      command = h.command();
    }
  }

  /** For probes called directly, where the timeout is not under test: generous. */
  static HealthSpec relaxed(HealthSpec h) {
    return withTimeout(h, Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  /** A service with one endpoint per address, in order. */
  static Service service(String name, HealthSpec health, InetAddress... addresses) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      endpoints.add(new Endpoint(addresses[i], null, 1, 0, i + 1));
    }
    return new Service(name, 10, List.of(), endpoints, health, true, 0, Service.Source.CONFIG);
  }
}
