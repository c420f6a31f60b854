package dev.wayfinder.zone;

import static dev.wayfinder.health.EndpointState.DRAINING;
import static dev.wayfinder.health.EndpointState.MAINTENANCE;
import static dev.wayfinder.health.EndpointState.UNHEALTHY;
import static dev.wayfinder.zone.ZoneFixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A snapshot derived for changed verdicts ({@link ZoneSnapshot#withServices}) answers exactly like
 * a full build with the same states: every name, every type, every variant, byte for byte.
 */
class IncrementalRebuildTest {
  private static final int[] TYPES = {
    Type.A, Type.AAAA, Type.SRV, Type.PTR, Type.SOA, Type.NS, Type.TXT, Type.ANY
  };

  /** The fixture zone plus a weighted service with priorities and a max_answers window. */
  static List<Service> services() {
    List<Service> out = new ArrayList<>(ZoneFixtures.services());
    out.add(
        ZoneFixtures.service(
            "weighted",
            10,
            List.of(new Port("http", "tcp", 80)),
            true,
            2,
            weighted("10.4.0.1", 3, 0, 1),
            weighted("10.4.0.2", 1, 0, 2),
            weighted("10.4.0.3", 0, 0, 3),
            weighted("10.4.0.4", 2, 1, 4)));
    return out;
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("db primary down", Map.of("10.2.0.1", UNHEALTHY)),
        Arguments.of("db failover", Map.of("10.2.0.1", UNHEALTHY, "10.2.0.2", UNHEALTHY)),
        Arguments.of(
            "web fail-open",
            Map.of("10.0.0.1", UNHEALTHY, "10.0.0.2", UNHEALTHY, "fd00:0:0:0:0:0:0:1", UNHEALTHY)),
        Arguments.of("web drained", Map.of("10.0.0.1", DRAINING)),
        Arguments.of(
            "web maintenance",
            Map.of(
                "10.0.0.1",
                MAINTENANCE,
                "10.0.0.2",
                MAINTENANCE,
                "fd00:0:0:0:0:0:0:1",
                MAINTENANCE)),
        Arguments.of("big window", Map.of("10.3.0.2", UNHEALTHY, "10.3.0.4", DRAINING)),
        Arguments.of("weighted", Map.of("10.4.0.1", UNHEALTHY)),
        Arguments.of("weighted standby", Map.of("10.4.0.1", UNHEALTHY, "10.4.0.2", UNHEALTHY)),
        Arguments.of(
            "several services",
            Map.of("10.2.0.1", UNHEALTHY, "10.0.0.2", DRAINING, "10.4.0.3", UNHEALTHY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void derivedSnapshotAnswersLikeAFullBuild(String label, Map<String, EndpointState> states)
      throws IOException {
    List<Service> services = services();
    ZoneSnapshot before =
        ZoneSnapshot.build(ZoneFixtures.dns(), services, HealthView.allHealthy(), 7);
    HealthView after = ZoneFixtures.states(states);
    List<ServiceAnswers> changed = new ArrayList<>();
    for (Service s : services) {
      changed.add(new ServiceAnswers(s, AnswerSet.of(s, after)));
    }

    ZoneSnapshot derived = before.withServices(changed, 8);
    ZoneSnapshot full = ZoneSnapshot.build(ZoneFixtures.dns(), services, after, 8);

    assertThat(derived.names()).hasSameSizeAs(full.names());
    List<Name> names = new ArrayList<>();
    for (byte[] wire : full.names()) {
      names.add(new Name(wire));
    }
    names.add(Name.fromConstantString("nothing.svc.cluster.local."));
    names.add(Name.fromConstantString("web.svc.cluster.local.svc.cluster.local."));
    for (Name name : names) {
      for (int type : TYPES) {
        assertSameAnswer(derived, full, name, type);
      }
    }
    assertThat(derived.transfer()).containsExactlyElementsOf(full.transfer());
    assertThat(derived.serial()).isEqualTo(8);
  }

  /**
   * A version derived from a derived one keeps what the first changed: an asked name answers from
   * the row copy beside its key only while no derived version has replaced its rows, and the second
   * version, which changes another service, must still know the first one's names are replaced.
   */
  @Test
  void versionDerivedFromADerivedOneKeepsTheFirstChange() throws IOException {
    List<Service> services = services();
    ZoneSnapshot zone =
        ZoneSnapshot.build(ZoneFixtures.dns(), services, HealthView.allHealthy(), 7);
    Map<String, EndpointState> states = new HashMap<>();
    long serial = 7;
    for (String[] step : new String[][] {{"db", "10.2.0.1"}, {"web", "10.0.0.1"}}) {
      states.put(step[1], UNHEALTHY);
      HealthView health = ZoneFixtures.states(states);
      Service changed = services.stream().filter(s -> s.name().equals(step[0])).findFirst().get();
      zone =
          zone.withServices(
              List.of(new ServiceAnswers(changed, AnswerSet.of(changed, health))), ++serial);
      ZoneSnapshot full = ZoneSnapshot.build(ZoneFixtures.dns(), services, health, serial);
      for (byte[] wire : full.names()) {
        for (int type : TYPES) {
          assertSameAnswer(zone, full, new Name(wire), type);
        }
      }
    }
  }

  static void assertSameAnswer(ZoneSnapshot derived, ZoneSnapshot full, Name name, int type) {
    String what = name + " " + Type.string(type);
    ZoneAnswer d = WireClient.find(derived, name.toString(), type);
    ZoneAnswer f = WireClient.find(full, name.toString(), type);
    if (f == null || f == ZoneAnswer.SLOW) {
      assertThat(d).as(what).isSameAs(f);
      Message general = derived.answer(WireClient.query(name.toString(), type));
      Message expected = full.answer(WireClient.query(name.toString(), type));
      assertThat(String.valueOf(general)).as(what).isEqualTo(String.valueOf(expected));
      return;
    }
    assertThat(d.rcode()).as(what).isEqualTo(f.rcode());
    assertThat(new int[] {d.ancount(), d.nscount(), d.arcount(), d.variantCount()})
        .as(what)
        .containsExactly(f.ancount(), f.nscount(), f.arcount(), f.variantCount());
    for (int v = 0; v < f.variantCount(); v++) {
      assertThat(d.variant(v)).as(what + " variant " + v).isEqualTo(f.variant(v));
    }
  }

  private static Endpoint weighted(String address, int weight, int priority, int ordinal) {
    Endpoint e = ep(address, null, priority, ordinal);
    return new Endpoint(e.address(), null, weight, priority, ordinal);
  }
}
