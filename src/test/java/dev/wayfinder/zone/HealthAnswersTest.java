package dev.wayfinder.zone;

import static dev.wayfinder.health.EndpointState.DRAINING;
import static dev.wayfinder.health.EndpointState.MAINTENANCE;
import static dev.wayfinder.health.EndpointState.UNHEALTHY;
import static dev.wayfinder.health.EndpointState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Health verdicts change answers: priority failover, fail-open, drained never answered. */
class HealthAnswersTest {

  /** states by address, name, type, expected answer rdata (sorted, '|'), expected SOAs. */
  static Stream<Arguments> cases() {
    return Stream.of(
        // db: 10.2.0.1 and .2 priority 0, .3 priority 1; fail_open false.
        Arguments.of(Map.of("10.2.0.1", UNHEALTHY), "db", Type.A, "A 10.2.0.2", 0),
        Arguments.of(Map.of("10.2.0.1", UNKNOWN), "db", Type.A, "A 10.2.0.1|A 10.2.0.2", 0),
        Arguments.of(
            Map.of("10.2.0.1", UNHEALTHY, "10.2.0.2", DRAINING), "db", Type.A, "A 10.2.0.3", 0),
        Arguments.of(
            Map.of("10.2.0.1", UNHEALTHY, "10.2.0.2", UNHEALTHY), "db-3", Type.A, "A 10.2.0.3", 0),
        Arguments.of(
            Map.of("10.2.0.1", UNHEALTHY, "10.2.0.2", UNHEALTHY), "db-1", Type.A, "", 1),
        Arguments.of(
            Map.of("10.2.0.1", UNHEALTHY, "10.2.0.2", UNHEALTHY),
            "_pg._tcp.db", Type.SRV, "SRV 1 1 5432 db-3.svc.cluster.local.", 0),
        Arguments.of(
            Map.of("10.2.0.1", UNHEALTHY, "10.2.0.2", UNHEALTHY, "10.2.0.3", UNHEALTHY),
            "db", Type.A, "", 1),
        // web fails open: all unhealthy brings them all back, but never a drained one.
        Arguments.of(
            Map.of("10.0.0.1", UNHEALTHY, "10.0.0.2", UNHEALTHY, "fd00:0:0:0:0:0:0:1", UNHEALTHY),
            "web", Type.A, "A 10.0.0.1|A 10.0.0.2", 0),
        Arguments.of(
            Map.of("10.0.0.1", UNHEALTHY, "10.0.0.2", DRAINING, "fd00:0:0:0:0:0:0:1", MAINTENANCE),
            "web", Type.A, "A 10.0.0.1", 0),
        Arguments.of(
            Map.of("10.0.0.1", UNHEALTHY, "10.0.0.2", DRAINING, "fd00:0:0:0:0:0:0:1", MAINTENANCE),
            "web", Type.AAAA, "", 1),
        Arguments.of(
            Map.of("10.0.0.1", DRAINING, "10.0.0.2", MAINTENANCE, "fd00:0:0:0:0:0:0:1", DRAINING),
            "web", Type.A, "", 1),
        Arguments.of(Map.of("10.0.0.1", DRAINING), "web-a.web", Type.A, "", 1),
        Arguments.of(Map.of("10.0.0.1", DRAINING), "web", Type.A, "A 10.0.0.2", 0));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void answersFollowHealth(
      Map<String, EndpointState> states, String service, int type, String answers, int soas)
      throws IOException {
    ZoneSnapshot zone =
        ZoneSnapshot.build(
            ZoneFixtures.dns(), ZoneFixtures.services(), ZoneFixtures.states(states), 7);
    Message m = WireClient.ask(zone, service + ".svc.cluster.local", type, 0);

    assertThat(m.getRcode()).isZero();
    assertThat(ZoneSnapshotTest.rdata(m.getSection(Section.ANSWER))).isEqualTo(answers);
    assertThat(m.getSection(Section.AUTHORITY)).hasSize(soas);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void reverseNamesIgnoreHealth(Map<String, EndpointState> states) throws IOException {
    ZoneSnapshot zone =
        ZoneSnapshot.build(
            ZoneFixtures.dns(), ZoneFixtures.services(), ZoneFixtures.states(states), 7);
    Message m = WireClient.ask(zone, "2.0.0.10.in-addr.arpa", Type.PTR, 0);
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
  }
}
