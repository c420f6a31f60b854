package dev.wayfinder.health;

import dev.wayfinder.config.EndpointConfig;
import dev.wayfinder.config.HealthConfig;
import dev.wayfinder.config.HealthConfig.DnsQueryConfig;
import dev.wayfinder.config.HealthConfig.TlsConfig;
import dev.wayfinder.config.IpLiteral;
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

  private Fixtures() {}

  /** A health section; change fields with the {@code with*} helpers. */
  static HealthConfig health(HealthConfig.Type type, String target) {
    return new HealthConfig(
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

  static HealthConfig withThresholds(HealthConfig h, int rise, int fall) {
    return with(
        h,
        d -> {
          d.rise = rise;
          d.fall = fall;
        });
  }

  static HealthConfig withTimeout(HealthConfig h, Duration interval, Duration timeout) {
    return with(
        h,
        d -> {
          d.interval = interval;
          d.timeout = timeout;
        });
  }

  static HealthConfig withBody(HealthConfig h, String expectBody) {
    return with(h, d -> d.expectBody = expectBody);
  }

  static HealthConfig withTls(HealthConfig h, Path caFile, boolean insecure) {
    return with(h, d -> d.tls = new TlsConfig(caFile, insecure));
  }

  static HealthConfig dns(String target, String name, String type) {
    return with(
        health(HealthConfig.Type.DNS, target), d -> d.query = new DnsQueryConfig(name, type));
  }

  static HealthConfig command(Duration timeout, String... argv) {
    return with(
        health(HealthConfig.Type.COMMAND, null),
        d -> {
          d.interval = timeout.multipliedBy(2);
          d.timeout = timeout;
          d.command = List.of(argv);
        });
  }

  /**
   * A copy of {@code h} with the fields {@code change} sets: the one place the record is rebuilt.
   */
  private static HealthConfig with(HealthConfig h, Consumer<Draft> change) {
    Draft d = new Draft(h);
    change.accept(d);
    return new HealthConfig(
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

  /** HealthConfig's fields, open to change for one {@link #with} call. */
  private static final class Draft {
    final HealthConfig.Type type;
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

    Draft(HealthConfig h) {
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
  static HealthConfig relaxed(HealthConfig h) {
    return withTimeout(h, Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  /** A service with one endpoint per address, in order. */
  static Service service(String name, HealthConfig health, InetAddress... addresses) {
    List<EndpointConfig> endpoints = new ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      endpoints.add(new EndpointConfig(addresses[i], null, 1, 0, i + 1));
    }
    return new Service(name, 10, List.of(), endpoints, health, true, 0, Service.Source.CONFIG);
  }
}
