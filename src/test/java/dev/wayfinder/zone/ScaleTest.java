package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.HealthView;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** A zone of 10,000 services builds and answers (counts only: no timing in unit tests). */
class ScaleTest {
  @Test
  void tenThousandServicesBuild() {
    ZoneSnapshot zone =
        ZoneSnapshot.build(
            ZoneFixtures.dns(), ZoneFixtures.many(10_000), HealthView.allHealthy(), 1);

    // apex + ns + per service: S, S-1..3, h2.S, _http._tcp.S, _tcp.S = 7 names, 3 reverse names
    assertThat(zone.nameCount()).isEqualTo(2 + 10_000 * 10);
    assertThat(WireClient.find(zone, "s9999.svc.cluster.local", Type.A).ancount()).isEqualTo(2);
    assertThat(WireClient.find(zone, "_http._tcp.s0.svc.cluster.local", Type.SRV).ancount())
        .isEqualTo(3);
    assertThat(WireClient.find(zone, "s10000.svc.cluster.local", Type.A).rcode()).isEqualTo(3);
    // per service: 3 at S, S-1..3, h2.S, 3 SRV
    assertThat(zone.transfer()).hasSize(2 + 3 + 10_000 * 10);
  }
}
