package dev.wayfinder.health;

import dev.wayfinder.config.HealthConfig;
import dev.wayfinder.config.HealthConfig.DnsQueryConfig;
import dev.wayfinder.config.HealthConfig.TlsConfig;
import dev.wayfinder.config.IpLiteral;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    return new HealthConfig(
        h.type(),
        h.target(),
        h.interval(),
        h.timeout(),
        rise,
        fall,
        h.expectStatus(),
        h.expectBody(),
        h.tls(),
        h.query(),
        h.command());
  }

  static HealthConfig withTimeout(HealthConfig h, Duration interval, Duration timeout) {
    return new HealthConfig(
        h.type(),
        h.target(),
        interval,
        timeout,
        h.rise(),
        h.fall(),
        h.expectStatus(),
        h.expectBody(),
        h.tls(),
        h.query(),
        h.command());
  }

  static HealthConfig withBody(HealthConfig h, String expectBody) {
    return new HealthConfig(
        h.type(),
        h.target(),
        h.interval(),
        h.timeout(),
        h.rise(),
        h.fall(),
        h.expectStatus(),
        expectBody,
        h.tls(),
        h.query(),
        h.command());
  }

  static HealthConfig withTls(HealthConfig h, Path caFile, boolean insecure) {
    return new HealthConfig(
        h.type(),
        h.target(),
        h.interval(),
        h.timeout(),
        h.rise(),
        h.fall(),
        h.expectStatus(),
        h.expectBody(),
        new TlsConfig(caFile, insecure),
        h.query(),
        h.command());
  }

  static HealthConfig dns(String target, String name, String type) {
    HealthConfig h = health(HealthConfig.Type.DNS, target);
    return new HealthConfig(
        h.type(),
        h.target(),
        h.interval(),
        h.timeout(),
        h.rise(),
        h.fall(),
        h.expectStatus(),
        null,
        h.tls(),
        new DnsQueryConfig(name, type),
        List.of());
  }

  static HealthConfig command(Duration timeout, String... argv) {
    HealthConfig h = health(HealthConfig.Type.COMMAND, null);
    Duration interval = timeout.multipliedBy(2);
    return new HealthConfig(
        h.type(),
        null,
        interval,
        timeout,
        h.rise(),
        h.fall(),
        h.expectStatus(),
        null,
        h.tls(),
        null,
        List.of(argv));
  }

  /** For probes called directly, where the timeout is not under test: generous. */
  static HealthConfig relaxed(HealthConfig h) {
    return withTimeout(h, Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  /** A service with one endpoint per address, in order. */
  static Service service(String name, HealthConfig health, InetAddress... addresses) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      endpoints.add(new Endpoint(addresses[i], null, 1, 0, i + 1));
    }
    return new Service(name, 10, List.of(), endpoints, health, true, 0, Service.Source.CONFIG);
  }
}
