package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.ZONE;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.KnotPeer;
import dev.wayfinder.testing.ProcessRun;
import dev.wayfinder.testing.Rr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Z AXFR": the whole zone as a secondary would load it, to sources in {@code
 * transfer.allow_from}, else REFUSED. Checked three ways: dig's output through {@code
 * named-checkzone}, a real Knot secondary loading the zone, and a daemon that refuses.
 */
class TransferE2eTest {
  @TempDir static Path dir;
  static RunningDaemon daemon;
  static RunningDaemon refusing;

  @BeforeAll
  static void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir.resolve("a")).yaml());
    refusing =
        RunningDaemon.start(new E2eConfig(dir.resolve("b")).transferAllow("10.99.0.0/16").yaml());
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (refusing != null) {
      refusing.close();
    }
  }

  @Test
  void axfrIsAZoneThatNamedCheckzoneAccepts() throws Exception {
    String axfr = daemon.client().axfr(ZONE);
    Path file = dir.resolve("axfr.zone");
    Files.writeString(file, axfr);

    ProcessRun check =
        ProcessRun.of(Duration.ofSeconds(30), List.of("named-checkzone", ZONE, file.toString()));
    assertThat(check.exitCode()).as(check.stdout() + check.stderr() + "\n" + axfr).isZero();
    assertThat(check.stdout()).contains("OK");
  }

  @Test
  void axfrHoldsSoaAtBothEndsAndTheServices() {
    String axfr = daemon.client().axfr(ZONE);
    List<Rr> records =
        axfr.lines().filter(l -> !l.startsWith(";") && !l.isBlank()).map(Rr::parse).toList();

    assertThat(records).as(axfr).doesNotContainNull().hasSizeGreaterThan(10);
    // RFC 5936 §2.2: the transfer starts and ends with the zone's SOA.
    assertThat(records.get(0).type()).isEqualTo("SOA");
    assertThat(records.get(records.size() - 1).type()).isEqualTo("SOA");
    assertThat(records)
        .extracting(r -> r.name().toLowerCase() + " " + r.type() + " " + r.rdata())
        .contains(
            fqdn("web") + " A 10.0.0.1",
            fqdn("web") + " A 10.0.0.2",
            fqdn("web") + " AAAA fd00::1",
            fqdn("api.prod") + " A 10.0.1.2",
            "_http._tcp." + fqdn("web") + " SRV 0 1 8080 " + fqdn("web-2"));
  }

  @Test
  void knotSecondaryLoadsTheZoneAndAnswersFromIt() throws Exception {
    Path knotDir = Files.createDirectories(dir.resolve("knot"));
    try (KnotPeer knot = KnotPeer.secondary(knotDir, ZONE, daemon.dnsAddress())) {
      DigRunner atKnot = new DigRunner(knot.address());
      await("Knot has transferred the zone")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "NOERROR".equals(atKnot.dig(fqdn("web"), "A").status()));

      DigResult web = atKnot.dig(fqdn("web"), "A");
      DigResult srv = atKnot.dig("_http._tcp." + fqdn("web"), "SRV");
      long wayfinderSerial = daemon.client().dig(fqdn(""), "SOA").answer().get(0).soaSerial();
      DigResult soa = atKnot.dig(fqdn(""), "SOA");

      assertThat(web.answers("A")).as(knot.log()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
      assertThat(srv.answers("SRV")).hasSize(3);
      assertThat(soa.answer().get(0).soaSerial()).isEqualTo(wayfinderSerial);
    }
  }

  @Test
  void sourceOutsideAllowFromIsRefused() {
    String axfr = refusing.client().axfr(ZONE);

    assertThat(axfr)
        .satisfiesAnyOf(
            out -> assertThat(out).contains("Transfer failed"),
            out -> assertThat(out).contains("status: REFUSED"));
    assertThat(axfr).doesNotContain("10.0.0.1");
  }

  @Test
  void refusingTransfersStillAnswersQueries() {
    DigResult r = refusing.client().dig(fqdn("web"), "A");

    assertThat(r.answers("A")).as(r.raw()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
  }
}
