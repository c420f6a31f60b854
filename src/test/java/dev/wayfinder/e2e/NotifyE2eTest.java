package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.ZONE;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.BindPeer;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.KnotPeer;
import dev.wayfinder.testing.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md {@code dns.transfer.notify} and IXFR, against real secondaries: a Knot and a BIND load
 * the zone by AXFR, get NOTIFY (RFC 1996) on each serial change and follow it by IXFR (RFC 1995)
 * within seconds, long before their SOA refresh timer (an hour), and answer what Wayfinder answers.
 */
class NotifyE2eTest {
  /** Far below the SOA refresh (3600 s): only a NOTIFY makes a secondary look this soon. */
  static final Duration FOLLOWS = Duration.ofSeconds(8);

  @TempDir static Path dir;
  static RunningDaemon daemon;
  static KnotPeer knot;
  static BindPeer bind;

  @BeforeAll
  static void start() throws Exception {
    int knotPort = FreePorts.udpAndTcp();
    int bindPort = otherThan(knotPort);
    daemon =
        RunningDaemon.start(
            new E2eConfig(dir.resolve("wayfinder"))
                .transferNotify("127.0.0.1:" + knotPort, "127.0.0.1:" + bindPort)
                .yaml());
    knot =
        KnotPeer.secondary(
            Files.createDirectories(dir.resolve("knot")), ZONE, daemon.dnsAddress(), knotPort);
    bind =
        BindPeer.secondary(
            Files.createDirectories(dir.resolve("bind")), ZONE, daemon.dnsAddress(), bindPort);
    for (DigRunner secondary : List.of(at(knot), at(bind))) {
      await("the secondary has loaded the zone")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> serial(secondary) == serial(daemon.client()));
    }
  }

  private static int otherThan(int port) {
    int p = FreePorts.udpAndTcp();
    return p != port ? p : FreePorts.udpAndTcp();
  }

  @AfterAll
  static void stop() {
    if (knot != null) {
      knot.close();
    }
    if (bind != null) {
      bind.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void secondariesFollowEachChangeByNotifyAndIxfr() {
    int put =
        daemon
            .admin()
            .put("/api/v1/services/cart", "{\"endpoints\": [{\"address\": \"10.7.0.9\"}]}")
            .statusCode();
    assertThat(put).isEqualTo(201);
    awaitFollowed(
        "cart added", () -> !daemon.client().dig(fqdn("cart"), "A").answers("A").isEmpty());
    assertThat(at(knot).dig(fqdn("cart"), "A").answers("A")).containsExactly("10.7.0.9");
    assertThat(at(bind).dig(fqdn("cart"), "A").answers("A")).containsExactly("10.7.0.9");

    assertThat(daemon.admin().delete("/api/v1/services/cart").statusCode()).isEqualTo(204);
    awaitFollowed(
        "cart removed", () -> daemon.client().dig(fqdn("cart"), "A").status().equals("NXDOMAIN"));
    assertThat(at(knot).dig(fqdn("cart"), "A").status()).isEqualTo("NXDOMAIN");
    assertThat(at(bind).dig(fqdn("cart"), "A").status()).isEqualTo("NXDOMAIN");

    // Both took the changes only, not the whole zone: Knot says IXFR; BIND counts the records,
    // a handful (SOAs and the service's two A records) against the whole zone's hundreds.
    assertThat(knot.log()).containsPattern("IXFR, incoming, remote [^,]+, finished");
    assertThat(bind.log()).containsPattern("Transfer completed: 1 messages, [4-9] records");
  }

  @Test
  void secondariesAnswerWhatWayfinderAnswers() {
    for (String[] q :
        List.of(
            new String[] {fqdn("web"), "A"},
            new String[] {fqdn("web"), "AAAA"},
            new String[] {fqdn("api.prod"), "A"},
            new String[] {"_http._tcp." + fqdn("web"), "SRV"},
            new String[] {fqdn(""), "SOA"})) {
      List<String> wayfinder = sorted(() -> daemon.client().dig(q[0], q[1]).answers(q[1]));
      assertThat(sorted(() -> at(knot).dig(q[0], q[1]).answers(q[1])))
          .as("Knot " + q[0] + " " + q[1])
          .isEqualTo(wayfinder);
      assertThat(sorted(() -> at(bind).dig(q[0], q[1]).answers(q[1])))
          .as("BIND " + q[0] + " " + q[1])
          .isEqualTo(wayfinder);
    }
  }

  @Test
  void ixfrFromAKnownSerialIsIncremental() {
    long from = serial(daemon.client());
    assertThat(
            daemon
                .admin()
                .put(
                    "/api/v1/services/ixfr-probe", "{\"endpoints\": [{\"address\": \"10.8.0.1\"}]}")
                .statusCode())
        .isEqualTo(201);
    await().atMost(FOLLOWS).until(() -> serial(daemon.client()) != from);
    long to = serial(daemon.client());

    List<String> records = ixfr(from);

    // RFC 1995 4: SOA new, SOA old, (nothing deleted), SOA new, the added records, SOA new.
    assertThat(records).as(String.join("\n", records)).hasSize(6);
    assertThat(records.get(0)).contains("SOA").contains(" " + to + " ");
    assertThat(records.get(1)).contains("SOA").contains(" " + from + " ");
    assertThat(records.get(2)).contains("SOA").contains(" " + to + " ");
    assertThat(records.subList(3, 5))
        .allSatisfy(r -> assertThat(r).contains("A\t10.8.0.1"))
        .anySatisfy(r -> assertThat(r).startsWith(fqdn("ixfr-probe") + "\t"))
        .anySatisfy(r -> assertThat(r).startsWith(fqdn("ixfr-probe-1") + "\t"));
    assertThat(records.get(5)).contains("SOA").contains(" " + to + " ");
    assertThat(ixfr(to)).as("a current client gets the SOA alone").hasSize(1);
    assertThat(ixfr(from - 100_000))
        .as("an unknown serial gets the whole zone")
        .hasSizeGreaterThan(10);
    daemon.admin().delete("/api/v1/services/ixfr-probe");
    await()
        .atMost(FOLLOWS)
        .until(() -> daemon.client().dig(fqdn("ixfr-probe"), "A").status().equals("NXDOMAIN"));
  }

  /** kdig's records of an IXFR from {@code serial} against Wayfinder, one per line. */
  private static List<String> ixfr(long serial) {
    ProcessRun run =
        ProcessRun.of(
            Duration.ofSeconds(10),
            List.of(
                "kdig",
                "@" + daemon.dnsAddress().getAddress().getHostAddress(),
                "-p",
                String.valueOf(daemon.dnsAddress().getPort()),
                "+noall",
                "+answer",
                "IXFR=" + serial,
                ZONE));
    return run.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).toList();
  }

  /**
   * Waits until Wayfinder shows the change ({@code done}), then until both secondaries have its
   * serial.
   */
  private void awaitFollowed(String what, java.util.concurrent.Callable<Boolean> done) {
    await(what + " at Wayfinder").atMost(FOLLOWS).until(done);
    long wanted = serial(daemon.client());
    awaitSerial(what + " at Knot", at(knot), wanted, knot::log);
    awaitSerial(what + " at BIND", at(bind), wanted, bind::log);
  }

  private static void awaitSerial(
      String what, DigRunner secondary, long wanted, Supplier<String> log) {
    try {
      await(what)
          .atMost(FOLLOWS)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> serial(secondary) == wanted);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + " (serial " + wanted + "):\n" + log.get(), e);
    }
  }

  private static DigRunner at(KnotPeer peer) {
    return new DigRunner(peer.address());
  }

  private static DigRunner at(BindPeer peer) {
    return new DigRunner(peer.address());
  }

  private static long serial(DigRunner server) {
    var answer = server.dig(fqdn(""), "SOA").answer();
    return answer.isEmpty() ? -1 : answer.get(0).soaSerial();
  }

  private static List<String> sorted(Supplier<List<String>> answers) {
    return answers.get().stream().sorted().toList();
  }
}
