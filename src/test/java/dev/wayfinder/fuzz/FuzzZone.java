package dev.wayfinder.fuzz;

import dev.wayfinder.config.ConfigEnvironment;
import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.dns.InProcessDns;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.zone.ZoneManager;
import java.nio.file.Path;

/**
 * The zone the DNS fuzz targets answer from: a few services of every shape the zone writer knows (A
 * and AAAA, hostnames, SRV ports, weights, one service too big for 512 octets), a search list for
 * the slow path, reverse names, and forwarding and transfers open to loopback.
 */
final class FuzzZone implements AutoCloseable {
  static final String YAML =
      """
      dns:
        listen: ["127.0.0.1:0"]
        zone: svc.cluster.local
        ttl: 10
        search: [default.svc.cluster.local, svc.cluster.local]
        reverse: true
        forward: {upstreams: [], allow_from: ["127.0.0.0/8"]}
        transfer: {allow_from: ["127.0.0.0/8"]}
      services:
        - name: web
          ports: [{name: http, protocol: tcp, port: 8080}]
          endpoints:
            - {address: 10.0.0.1, hostname: web-a}
            - {address: 10.0.0.2}
            - {address: "fd00::1"}
        - name: api.prod
          ports: [{name: grpc, protocol: tcp, port: 9090}, {name: dns, protocol: udp, port: 53}]
          endpoints:
            - {address: 10.0.1.1, priority: 0, weight: 3}
            - {address: 10.0.1.2, priority: 1, weight: 1}
        - name: big
          endpoints:
      """
          + bigEndpoints(60);

  final WayfinderConfig config;
  final ZoneManager zone;
  final InProcessDns dns;

  FuzzZone() {
    try {
      config =
          ConfigLoader.parse(
              "fuzz.yaml",
              YAML,
              new ConfigEnvironment(name -> null, Path.of("/nonexistent/resolv.conf")));
    } catch (ConfigException e) {
      throw new AssertionError("the fuzz zone's config is invalid: " + e.errors(), e);
    }
    zone = new ZoneManager(config.dns(), HealthView.allHealthy(), config.services());
    dns = new InProcessDns(config, zone);
  }

  private static String bigEndpoints(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      b.append("      - {address: 10.0.2.").append(i).append("}\n");
    }
    return b.toString();
  }

  @Override
  public void close() {
    dns.close();
    zone.close();
  }
}
