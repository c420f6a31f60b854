package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Random sequences of per-service changes (added, replaced, removed, re-added; dotted names,
 * addresses shared between services, hostnames, several ports, IPv4 and IPv6) applied incrementally
 * answer, after every batch, for every name ever seen and every type, as a whole build of the same
 * content does: same rcode, AA flag and records (as sets: answers rotate).
 */
class ServiceChangesPropertyTest {
  private static final int[] TYPES = {
    Type.A, Type.AAAA, Type.SRV, Type.PTR, Type.SOA, Type.NS, Type.TXT
  };
  private static final String[] NAMES = {
    "web", "web.prod", "api.prod", "prod", "db", "a.b.c", "x.b.c", "b.c", "cache", "q.deep.prod"
  };
  private static final String[] ADDRESSES = {
    "10.9.0.1", "10.9.0.2", "10.9.0.3", "10.9.0.4", "10.9.0.5", "fd00::1", "fd00::2", "fd00::3"
  };
  private static final String[] HOSTS = {null, null, "h1", "h2", "H1"};
  private static final Port[] PORTS = {
    new Port("http", "tcp", 80), new Port("grpc", "tcp", 81), new Port("dns", "udp", 53)
  };

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void incrementalChangesAnswerLikeAWholeBuild(long seed) throws Exception {
    Random rnd = new Random(seed);
    Map<String, Service> model = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      Service s = randomService(rnd, NAMES[rnd.nextInt(NAMES.length)]);
      model.put(s.name(), s);
    }
    Map<String, EndpointState> states = new HashMap<>();
    HealthView health = ZoneFixtures.states(states);
    ZoneManager zones = new ZoneManager(ZoneFixtures.dns(), health, List.copyOf(model.values()));
    Set<String> seen = new TreeSet<>();
    long serial = zones.current().serial();
    for (int step = 0; step < 40; step++) {
      List<Service> puts = new ArrayList<>();
      List<String> removes = new ArrayList<>();
      for (int op = rnd.nextInt(3); op >= 0; op--) {
        String name = NAMES[rnd.nextInt(NAMES.length)];
        if (model.containsKey(name) && rnd.nextInt(3) == 0) {
          removes.add(name);
          puts.removeIf(s -> s.name().equals(name));
          model.remove(name);
        } else {
          Service s = randomService(rnd, name);
          puts.removeIf(p -> p.name().equals(name));
          removes.remove(name);
          puts.add(s);
          model.put(name, s);
        }
      }
      ZoneSnapshot before = zones.current();
      zones.applyNow(puts, removes);
      if (rnd.nextInt(4) == 0) {
        // A verdict change of one address, applied to the services that have it.
        String address = ADDRESSES[rnd.nextInt(ADDRESSES.length)];
        String key = IpLiteral.toAddress(address).getHostAddress();
        states.put(key, states.containsKey(key) ? EndpointState.HEALTHY : EndpointState.UNHEALTHY);
        zones.rebuildServices(model.keySet());
      }
      if (rnd.nextInt(10) == 0) {
        zones.compactInBackground().get();
      }
      ZoneSnapshot after = zones.current();
      if (after.content().sameRecordsAs(before.content())) {
        assertThat(after.serial()).isEqualTo(serial);
      } else {
        assertThat(after.serial()).isGreaterThan(serial);
        serial = after.serial();
      }
      assertSameAsWholeBuild(after, model, health, seen);
    }
  }

  private static void assertSameAsWholeBuild(
      ZoneSnapshot incremental, Map<String, Service> model, HealthView health, Set<String> seen)
      throws Exception {
    List<Service> content = new ArrayList<>();
    incremental.content().services().forEach(sa -> content.add(sa.service()));
    assertThat(new HashSet<>(content)).isEqualTo(new HashSet<>(model.values()));
    ZoneSnapshot whole =
        ZoneSnapshot.build(ZoneFixtures.dns(), content, health, incremental.serial());
    for (byte[] wire : whole.names()) {
      seen.add(new Name(wire).toString());
    }
    for (byte[] wire : incremental.names()) {
      seen.add(new Name(wire).toString());
    }
    assertThat(names(incremental)).isEqualTo(names(whole));
    for (String name : seen) {
      for (String asked :
          List.of(
              name,
              name.replace(".svc.cluster.local.", ".svc.cluster.local." + "svc.cluster.local."))) {
        for (int type : TYPES) {
          assertThat(answer(incremental, asked, type))
              .as(asked + " " + Type.string(type))
              .isEqualTo(answer(whole, asked, type));
        }
      }
    }
    assertThat(new HashSet<>(incremental.transfer())).isEqualTo(new HashSet<>(whole.transfer()));
  }

  private static Set<String> names(ZoneSnapshot zone) throws Exception {
    Set<String> out = new TreeSet<>();
    for (byte[] wire : zone.names()) {
      out.add(new Name(wire).toString());
    }
    return out;
  }

  /** The answer as text: rcode, AA, and each section's records as a sorted set; or "not ours". */
  static String answer(ZoneSnapshot zone, String name, int type) {
    Message m = zone.answer(WireClient.query(name, type));
    if (m == null) {
      return "not ours";
    }
    StringBuilder out = new StringBuilder();
    out.append(m.getRcode()).append(m.getHeader().getFlag(Flags.AA) ? " aa" : "");
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      Set<String> records = new TreeSet<>();
      for (Record r : m.getSection(section)) {
        records.add(r.toString());
      }
      out.append(' ').append(records);
    }
    return out.toString();
  }

  private static Service randomService(Random rnd, String name) {
    List<Endpoint> eps = new ArrayList<>();
    int count = rnd.nextInt(4);
    for (int i = 1; i <= count; i++) {
      eps.add(
          new Endpoint(
              IpLiteral.toAddress(ADDRESSES[rnd.nextInt(ADDRESSES.length)]),
              HOSTS[rnd.nextInt(HOSTS.length)],
              1 + rnd.nextInt(3),
              rnd.nextInt(4) == 0 ? 1 : 0,
              i));
    }
    List<Port> ports = new ArrayList<>();
    for (Port p : PORTS) {
      if (rnd.nextBoolean()) {
        ports.add(p);
      }
    }
    return ZoneFixtures.service(
        name,
        rnd.nextBoolean() ? 10 : 30,
        ports,
        true,
        rnd.nextInt(3) == 0 ? 2 : 0,
        eps.toArray(Endpoint[]::new));
  }
}
