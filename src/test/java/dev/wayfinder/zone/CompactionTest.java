package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Derived versions only add pages; after enough verdict changes the next version is built whole,
 * which drops the replaced answers. Either way every answer equals a full build's.
 */
class CompactionTest {
  private static final int[] TYPES = {Type.A, Type.AAAA, Type.SRV, Type.PTR, Type.SOA, Type.NS};

  @Test
  void manyVerdictChangesCompactAndStillAnswerLikeAFullBuild() throws IOException {
    List<Service> services = IncrementalRebuildTest.services();
    Map<String, EndpointState> states = new HashMap<>();
    HealthView health = ZoneFixtures.states(states);
    ZoneSnapshot zone = ZoneSnapshot.build(ZoneFixtures.dns(), services, health, 1);
    long fullBytes = zone.bytes();
    long largest = fullBytes;
    boolean compacted = false;
    String[] flapping = {"10.0.0.1", "10.2.0.1", "10.3.0.2", "10.4.0.1"};
    for (int i = 0; i < 6_000 && !compacted; i++) {
      String address = flapping[i % flapping.length];
      states.put(address, states.get(address) == null ? EndpointState.UNHEALTHY : null);
      states.values().removeIf(v -> v == null);
      List<ServiceAnswers> changed = new ArrayList<>();
      for (Service s : services) {
        changed.add(new ServiceAnswers(s, AnswerSet.of(s, health)));
      }
      ZoneSnapshot next = zone.withServices(changed, i + 2);
      compacted = next.bytes() < zone.bytes();
      largest = Math.max(largest, next.bytes());
      zone = next;
    }

    assertThat(compacted).as("a version was built whole again").isTrue();
    assertThat(largest).as("derived versions grew until then").isGreaterThan(fullBytes);
    assertAnswersLikeAFullBuild(zone, services, health);
  }

  /**
   * One small change at a time adds a page of tails each, far below the byte limit: the page limit
   * builds a version whole before the arena runs out of page numbers.
   */
  @Test
  void thousandsOfSmallChangesStayWithinTheArenasPages() throws IOException {
    List<Service> services = IncrementalRebuildTest.services();
    Map<String, EndpointState> states = new HashMap<>();
    HealthView health = ZoneFixtures.states(states);
    ZoneSnapshot zone = ZoneSnapshot.build(ZoneFixtures.dns(), services, health, 1);
    Service web = services.get(0);
    String address = web.endpoints().get(0).address().getHostAddress();
    int changes = Arena.MAX_PAGES + 100;
    for (int i = 0; i < changes; i++) {
      if (states.remove(address) == null) {
        states.put(address, EndpointState.UNHEALTHY);
      }
      zone = zone.withServices(List.of(new ServiceAnswers(web, AnswerSet.of(web, health))), i + 2);
    }
    assertThat(zone.serial()).isEqualTo(changes + 1);
    assertAnswersLikeAFullBuild(zone, services, health);
  }

  private static void assertAnswersLikeAFullBuild(
      ZoneSnapshot zone, List<Service> services, HealthView health) throws IOException {
    ZoneSnapshot full = ZoneSnapshot.build(ZoneFixtures.dns(), services, health, zone.serial());
    for (byte[] wire : full.names()) {
      Name name = new Name(wire);
      for (int type : TYPES) {
        IncrementalRebuildTest.assertSameAnswer(zone, full, name, type);
      }
    }
  }
}
