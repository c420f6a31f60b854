package dev.wayfinder.zone;

import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The benchmark zone of {@code ../shared/bench/gen_zone.py} built in process: services {@code
 * s0..sN-1}, each with 3 IPv4 endpoints and 1 IPv6 endpoint and port http/tcp 8080, loaded through
 * the real config loader; and a seeded query mix in the same proportions as {@code queries.txt}.
 */
public final class BenchZone {
  /** The zone of every benchmark. */
  public static final String ZONE = "svc.cluster.local";

  private BenchZone() {}

  /** One question of the mix: the lower-case wire name and the type. */
  public record Question(String name, byte[] wireName, int qtype) {}

  /** The config a Wayfinder serving {@code services} services would load. */
  public static WayfinderConfig config(int services) {
    return config(0, services);
  }

  /** The config of services {@code first .. first+count-1} alone (same data as the whole zone). */
  public static WayfinderConfig config(int first, int count) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("dns:\n  listen: [\"127.0.0.1:5353\"]\n  zone: ").append(ZONE).append('\n');
    yaml.append("  ttl: 30\n  reverse: true\n  forward: {upstreams: []}\n");
    yaml.append("query_log: {mode: \"off\"}\nservices:\n");
    for (int n = first; n < first + count; n++) {
      yaml.append("  - name: s").append(n).append("\n    ttl: 30\n");
      yaml.append("    ports: [{name: http, protocol: tcp, port: 8080}]\n    endpoints:\n");
      for (int i = 0; i < 3; i++) {
        yaml.append("      - {address: ").append(ipv4(n, i)).append(", weight: 10}\n");
      }
      yaml.append("      - {address: \"2001:db8::").append(Integer.toHexString((n + 1) >> 16));
      yaml.append(':').append(Integer.toHexString((n + 1) & 0xFFFF));
      yaml.append("\", weight: 10}\n");
    }
    try {
      return ConfigLoader.parse("bench.yaml", yaml.toString());
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ipv4(int n, int i) {
    int v = n * 3 + i;
    return "198." + (18 + (v >> 16)) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
  }

  /** The services of {@code config}, as the daemon's registry would hand them to the zone. */
  public static List<Service> services(WayfinderConfig config) {
    Registry registry = new Registry();
    registry.sink(Service.Source.CONFIG).replaceAll(config.services());
    return registry.services();
  }

  /**
   * The services of the {@code services}-service zone, parsed in chunks of 5,000: a config of
   * 100,000 services as one YAML tree does not fit a small heap, and the zone is what is measured.
   */
  public static List<Service> servicesInChunks(int services) {
    List<Service> out = new ArrayList<>(services);
    for (int first = 0; first < services; first += 5_000) {
      out.addAll(services(config(first, Math.min(5_000, services - first))));
    }
    return List.copyOf(out);
  }

  /** A snapshot of {@code services} services, every endpoint healthy. */
  public static ZoneSnapshot snapshot(int services) {
    WayfinderConfig config = config(services);
    return ZoneSnapshot.build(config.dns(), services(config), HealthView.allHealthy(), 1);
  }

  /**
   * {@code count} questions: 70% A of a service, 10% AAAA, 10% SRV {@code _http._tcp}, 5% A of an
   * instance {@code sN-M}, 5% names that do not exist.
   */
  public static List<Question> mix(int services, int count, long seed) {
    Random rnd = new Random(seed);
    List<Question> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double r = rnd.nextDouble();
      int n = rnd.nextInt(services);
      if (r < 0.70) {
        out.add(question("s" + n, Type.A));
      } else if (r < 0.80) {
        out.add(question("s" + n, Type.AAAA));
      } else if (r < 0.90) {
        out.add(question("_http._tcp.s" + n, Type.SRV));
      } else if (r < 0.95) {
        out.add(question("s" + n + "-" + (1 + rnd.nextInt(3)), Type.A));
      } else {
        out.add(question(String.format("nx%08x", rnd.nextInt()), Type.A));
      }
    }
    return out;
  }

  private static Question question(String relative, int qtype) {
    String name = relative + "." + ZONE + ".";
    try {
      return new Question(name, Name.fromString(name).toWireCanonical(), qtype);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(name, e);
    }
  }
}
