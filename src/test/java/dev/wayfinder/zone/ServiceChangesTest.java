package dev.wayfinder.zone;

import static dev.wayfinder.zone.ZoneFixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Per-service changes through {@link ZoneManager#apply}: an added service answers, a removed one's
 * names are NXDOMAIN and its reverse names are no longer ours, a parent stays while another service
 * needs it, and a reverse name two services share keeps the other's PTR.
 */
class ServiceChangesTest {
  private static final String Z = ".svc.cluster.local";

  private final ZoneManager zones =
      new ZoneManager(ZoneFixtures.dns(), HealthView.allHealthy(), ZoneFixtures.services());

  @AfterEach
  void close() {
    zones.close();
  }

  private static Service api() {
    return ZoneFixtures.service(
        "api",
        10,
        List.of(new Port("grpc", "tcp", 9090)),
        true,
        0,
        ep("10.7.0.1", "node-a", 0, 1),
        ep("fd00::7", null, 0, 2));
  }

  @Test
  void addedServiceAnswersSoonAfterApplyReturns() {
    long serial = zones.current().serial();
    zones.apply(List.of(api()), List.of());

    await().atMost(Duration.ofSeconds(5)).until(() -> rcode("api", Type.A) == Rcode.NOERROR);
    assertThat(WireClient.find(zones.current(), "api" + Z, Type.A).ancount()).isEqualTo(1);
    assertThat(WireClient.find(zones.current(), "api" + Z, Type.AAAA).ancount()).isEqualTo(1);
    assertThat(WireClient.find(zones.current(), "node-a.api" + Z, Type.A).ancount()).isEqualTo(1);
    assertThat(WireClient.find(zones.current(), "api-2" + Z, Type.AAAA).ancount()).isEqualTo(1);
    assertThat(WireClient.find(zones.current(), "_grpc._tcp.api" + Z, Type.SRV).ancount())
        .isEqualTo(2);
    assertThat(WireClient.find(zones.current(), "1.0.7.10.in-addr.arpa", Type.PTR).ancount())
        .isEqualTo(1);
    assertThat(zones.current().serial()).isGreaterThan(serial);
  }

  @Test
  void removedServiceNamesAreNxdomainAndItsReverseNamesNotOurs() {
    zones.applyNow(List.of(api()), List.of());
    long serial = zones.current().serial();

    zones.applyNow(List.of(), List.of("api"));

    for (String name : List.of("api", "api-1", "api-2", "node-a.api", "_grpc._tcp.api")) {
      assertThat(rcode(name, Type.A)).as(name).isEqualTo(Rcode.NXDOMAIN);
      assertThat(rcode(name, Type.SRV)).as(name).isEqualTo(Rcode.NXDOMAIN);
    }
    assertThat(WireClient.find(zones.current(), "1.0.7.10.in-addr.arpa", Type.PTR)).isNull();
    assertThat(zones.current().answer(WireClient.query("api" + Z + Z + ".", Type.A)).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
    assertThat(zones.current().transfer()).noneMatch(r -> r.getName().toString().contains("api"));
    assertThat(zones.current().serial()).isGreaterThan(serial);
  }

  @Test
  void serviceReAddedAfterRemovalAnswersAgain() {
    zones.applyNow(List.of(), List.of("db"));
    assertThat(rcode("db", Type.A)).isEqualTo(Rcode.NXDOMAIN);

    zones.applyNow(List.copyOf(ZoneFixtures.services().subList(2, 3)), List.of());

    assertThat(WireClient.find(zones.current(), "db" + Z, Type.A).ancount()).isEqualTo(2);
    assertThat(WireClient.find(zones.current(), "_pg._tcp.db" + Z, Type.SRV).ancount())
        .isEqualTo(2);
  }

  @Test
  void emptyParentGoesOnlyWithTheLastServiceBelowIt() {
    Service api =
        ZoneFixtures.service("api.prod", 10, List.of(), true, 0, ep("10.8.0.1", null, 0, 1));
    zones.applyNow(List.of(api), List.of());

    zones.applyNow(List.of(), List.of("web.prod"));
    assertThat(rcode("web.prod", Type.A)).isEqualTo(Rcode.NXDOMAIN);
    assertThat(rcode("prod", Type.A)).isEqualTo(Rcode.NOERROR); // api.prod still below it
    assertThat(WireClient.find(zones.current(), "prod" + Z, Type.A).ancount()).isZero();

    zones.applyNow(List.of(), List.of("api.prod"));
    assertThat(rcode("prod", Type.A)).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void sharedReverseNameKeepsTheOtherServicesTarget() {
    Service twin = ZoneFixtures.service("twin", 10, List.of(), true, 0, ep("10.2.0.1", null, 0, 1));
    zones.applyNow(List.of(twin), List.of());
    assertThat(WireClient.find(zones.current(), "1.0.2.10.in-addr.arpa", Type.PTR).ancount())
        .isEqualTo(2);

    zones.applyNow(List.of(), List.of("db"));

    ZoneAnswer ptr = WireClient.find(zones.current(), "1.0.2.10.in-addr.arpa", Type.PTR);
    assertThat(ptr.ancount()).isEqualTo(1);
    assertThat(
            ServiceChangesPropertyTest.answer(zones.current(), "1.0.2.10.in-addr.arpa.", Type.PTR))
        .contains("twin-1.svc.cluster.local.")
        .doesNotContain("db-1");
  }

  @Test
  void changedEndpointAnswersItsNewAddressAndDropsTheOld() {
    List<Service> services = new ArrayList<>(ZoneFixtures.services());
    Service db =
        ZoneFixtures.service(
            "db",
            10,
            List.of(new Port("pg", "tcp", 5433)),
            false,
            0,
            ep("10.2.0.9", null, 0, 1),
            ep("10.2.0.2", null, 0, 2));
    services.set(2, db);

    zones.update(services);

    assertThat(ServiceChangesPropertyTest.answer(zones.current(), "db-1" + Z + ".", Type.A))
        .contains("10.2.0.9")
        .doesNotContain("10.2.0.1");
    assertThat(rcode("db-3", Type.A)).isEqualTo(Rcode.NXDOMAIN);
    assertThat(WireClient.find(zones.current(), "1.0.2.10.in-addr.arpa", Type.PTR)).isNull();
    assertThat(
            ServiceChangesPropertyTest.answer(zones.current(), "_pg._tcp.db" + Z + ".", Type.SRV))
        .contains(" 5433 ")
        .doesNotContain(" 5432 ");
  }

  @Test
  void burstOfChangesToOneServiceEndsWithTheLatest() {
    for (int i = 1; i <= 50; i++) {
      zones.apply(
          List.of(ZoneFixtures.service("burst", i, List.of(), true, 0, ep("10.9.9.1", null, 0, 1))),
          List.of());
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(WireClient.ask(zones.current(), "burst" + Z, Type.A, 0).getSection(1))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getTTL()).isEqualTo(50)));
  }

  private int rcode(String relative, int type) {
    ZoneAnswer a = WireClient.find(zones.current(), relative + Z, type);
    return a == null ? -1 : a.rcode();
  }
}
