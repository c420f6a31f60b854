package dev.wayfinder.e2e;

import java.nio.file.Path;

/**
 * Config text for the health end-to-end tests: zone {@value E2eConfig#ZONE} on a free port, no
 * forwarding, and the caller's {@code services:} section. Probes are fast (200 ms, rise and fall 2)
 * so verdicts change within a second.
 */
final class HealthYaml {
  /** A {@code health:} block in flow style for an HTTP target template. */
  static String http(String target) {
    return "{type: http, target: \""
        + target
        + "\", interval: 300ms, timeout: 300ms, rise: 2,"
        + " fall: 2}";
  }

  private HealthYaml() {}

  static String config(Path dataDir, String services) {
    return """
        dns:
          listen: ["127.0.0.1:0"]
          zone: %s
          ttl: 10
          reverse: true
          forward: {upstreams: []}
        admin:
          listen: "127.0.0.1:0"
        data_dir: "%s"
        services:
        %s"""
        .formatted(E2eConfig.ZONE, dataDir, services.stripTrailing().indent(2));
  }
}
