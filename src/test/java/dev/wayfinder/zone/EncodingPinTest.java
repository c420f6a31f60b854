package dev.wayfinder.zone;

import static dev.wayfinder.health.EndpointState.DRAINING;
import static dev.wayfinder.health.EndpointState.UNHEALTHY;
import static dev.wayfinder.zone.ZoneFixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Pins the exact bytes of every answer of a varied zone (every name, type and variant, the general
 * path's ANY and search-list answers, the transfer) to a digest taken from the dnsjava-based
 * encoder this package used before it wrote wire format itself: a change of representation must not
 * change one byte a client sees. On a mismatch, set {@code -Dpin.dump=FILE} to write the answers
 * out and compare them with the same dump of the older build. The pins hold ANY answered with one
 * RRset (RFC 8482), which changed what ANY returns on purpose.
 */
class EncodingPinTest {
  private static final int[] TYPES = {
    Type.A, Type.AAAA, Type.SRV, Type.PTR, Type.SOA, Type.NS, Type.TXT, Type.ANY
  };

  private static final String HEALTHY =
      "f561b7691e79623e75b64e6821218354322b719a9ea086ac8c28f0192739509a";
  private static final String DEGRADED =
      "394b1888a0ce132b8544ec0a354c26261893945e7ec28a2af3b7c00c71ac32a7";

  @Test
  void everyAnswerIsByteIdenticalToThePinnedEncoding() throws IOException {
    List<Service> services = services();
    String healthy =
        dump(ZoneSnapshot.build(ZoneFixtures.dns(), services, HealthView.allHealthy(), 42));
    HealthView degraded =
        ZoneFixtures.states(
            Map.of(
                "10.2.0.1", UNHEALTHY,
                "10.0.0.2", DRAINING,
                "10.3.0.3", UNHEALTHY,
                "10.5.0.7", UNHEALTHY,
                "10.6.0.1", UNHEALTHY));
    String down = dump(ZoneSnapshot.build(ZoneFixtures.dns(), services, degraded, 43));
    String file = System.getProperty("pin.dump");
    if (file != null) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(file), healthy + down);
    }
    assertThat(sha256(healthy)).isEqualTo(HEALTHY);
    assertThat(sha256(down)).isEqualTo(DEGRADED);
  }

  /**
   * The incremental-rebuild fixtures, plus many small services (hostnames, IPv6), one of 20 equal
   * endpoints (random shuffles), two endpoints sharing a hostname, and an address shared by two
   * services (two PTR targets).
   */
  private static List<Service> services() {
    List<Service> out = new ArrayList<>(IncrementalRebuildTest.services());
    out.addAll(ZoneFixtures.many(30));
    Endpoint[] twenty = new Endpoint[20];
    for (int i = 0; i < twenty.length; i++) {
      twenty[i] = ep("10.5.0." + (i + 1), null, 0, i + 1);
    }
    out.add(
        ZoneFixtures.service("twenty", 20, List.of(new Port("dns", "udp", 53)), true, 0, twenty));
    out.add(
        ZoneFixtures.service(
            "pair",
            15,
            List.of(new Port("http", "tcp", 80), new Port("https", "tcp", 443)),
            false,
            0,
            ep("10.6.0.1", "node", 0, 1),
            ep("10.6.0.2", "node", 0, 2),
            ep("fd00::6:3", "other", 1, 3),
            ep("10.0.0.1", null, 1, 4)));
    return out;
  }

  private static String dump(ZoneSnapshot zone) throws IOException {
    StringBuilder out = new StringBuilder();
    List<Name> names = new ArrayList<>();
    for (byte[] wire : zone.names()) {
      names.add(new Name(wire));
    }
    names.add(Name.fromConstantString("nothing.svc.cluster.local."));
    names.add(Name.fromConstantString("web.svc.cluster.local.svc.cluster.local."));
    names.add(Name.fromConstantString("db.default.svc.cluster.local."));
    HexFormat hex = HexFormat.of();
    List<String> lines = new ArrayList<>();
    for (Name name : names) {
      for (int type : TYPES) {
        StringBuilder line = new StringBuilder();
        line.append(name).append(' ').append(Type.string(type)).append(": ");
        ZoneAnswer a = WireClient.find(zone, name.toString(), type);
        if (a == null || a == ZoneAnswer.SLOW) {
          line.append(a == null ? "null " : "slow ");
          line.append(zone.answer(WireClient.query(name.toString(), type)));
        } else {
          line.append(a.rcode()).append(a.authoritative() ? " aa " : " - ");
          line.append(a.ancount()).append('/').append(a.nscount()).append('/').append(a.arcount());
          for (int v = 0; v < a.variantCount(); v++) {
            line.append(' ').append(hex.formatHex(a.variant(v)));
          }
        }
        lines.add(line.append('\n').toString());
      }
    }
    // The order names were added in is not part of what a client sees.
    lines.stream().sorted().forEach(out::append);
    zone.transfer().forEach(r -> out.append(r).append('\n'));
    return out.toString();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
