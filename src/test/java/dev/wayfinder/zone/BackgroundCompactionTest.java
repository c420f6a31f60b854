package dev.wayfinder.zone;

import static dev.wayfinder.zone.ZoneFixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A whole build made in the background from an older content, with the services changed meanwhile
 * applied on top, answers as a whole build of the latest content and keeps its serial.
 */
class BackgroundCompactionTest {
  private static final int[] TYPES = {Type.A, Type.AAAA, Type.SRV, Type.PTR, Type.SOA};

  @ParameterizedTest(name = "{0} changes while building")
  @ValueSource(ints = {0, 1, 5, 20, 40})
  void changesMadeWhileCompactingSurviveIt(int changesWhileBuilding) throws Exception {
    List<Service> services = new ArrayList<>(ZoneFixtures.many(300));
    try (ZoneManager zones =
        new ZoneManager(ZoneFixtures.dns(), HealthView.allHealthy(), services)) {
      zones.applyNow(List.of(moved("s1", "10.200.0.1")), List.of("s2"));
      Future<?> compaction;
      // The writers' lock, held while changing: the background build, done or not, then finds
      // every change of this loop to apply (more than it applies holding the lock itself).
      synchronized (zones) {
        compaction = zones.compactInBackground();
        for (int i = 0; i < changesWhileBuilding; i++) {
          zones.applyNow(
              List.of(moved("s" + (10 + i), "10.200.1." + i), moved("new" + i, "10.0.0.1")),
              List.of("s" + (100 + i)));
        }
      }
      long serial = zones.current().serial();
      compaction.get();

      ZoneSnapshot now = zones.current();
      assertThat(now.serial()).isEqualTo(serial);
      assertThat(now.content().changedCount()).isLessThanOrEqualTo(3 * changesWhileBuilding);
      List<Service> content = new ArrayList<>();
      now.content().services().forEach(sa -> content.add(sa.service()));
      ZoneSnapshot whole =
          ZoneSnapshot.build(ZoneFixtures.dns(), content, HealthView.allHealthy(), serial);
      assertThat(content).hasSize(299); // each step adds one service and removes one
      for (String name : List.of("s2", "s100", "s139", "new0", "new39", "s10", "s1")) {
        for (String asked : List.of(name, name + "-1", "_http._tcp." + name)) {
          assertSame(now, whole, asked + ".svc.cluster.local.");
        }
      }
      for (byte[] wire : whole.names()) {
        assertSame(now, whole, new Name(wire).toString());
      }
    }
  }

  @Test
  void managerCompactsInTheBackgroundBeforeItWouldHaveToInLine() {
    try (ZoneManager zones =
        new ZoneManager(ZoneFixtures.dns(), HealthView.allHealthy(), ZoneFixtures.many(50))) {
      // Each change adds a reverse name and tails: half of what makes a version be built whole
      // starts a background build, which is swapped in before the whole allowance is used.
      int most = 0;
      int i = 0;
      boolean reachedInLineLimit = false;
      while (zones.current().addedNames() >= most && i < 20_000) {
        most = zones.current().addedNames();
        reachedInLineLimit |= zones.current().wasteful(100);
        Service s = moved("s" + (i % 50), "10.201." + (i >> 8) + "." + (i & 255));
        zones.applyNow(List.of(s), List.of());
        i++;
      }
      assertThat(i).as("changes until the first whole build").isLessThan(20_000);
      assertThat(reachedInLineLimit).isFalse();
      List<Service> content =
          zones.current().content().services().stream().map(ServiceAnswers::service).toList();
      ZoneSnapshot whole =
          ZoneSnapshot.build(
              ZoneFixtures.dns(), content, HealthView.allHealthy(), zones.current().serial());
      for (String name : List.of("s1", "s1-1", "s49-1", "_http._tcp.s7")) {
        assertSame(zones.current(), whole, name + ".svc.cluster.local.");
      }
    }
  }

  private static void assertSame(ZoneSnapshot now, ZoneSnapshot whole, String name) {
    for (int type : TYPES) {
      assertThat(ServiceChangesPropertyTest.answer(now, name, type))
          .as(name + " " + Type.string(type))
          .isEqualTo(ServiceChangesPropertyTest.answer(whole, name, type));
    }
  }

  /**
   * A service {@code name} whose first endpoint is at {@code address}; its second one's address is
   * of its name (a few names share one).
   */
  private static Service moved(String name, String address) {
    return ZoneFixtures.service(
        name,
        10,
        List.of(new Port("http", "tcp", 80)),
        true,
        0,
        ep(address, null, 0, 1),
        ep("10.250." + Math.floorMod(name.hashCode(), 200) + ".1", "h2", 0, 2));
  }
}
