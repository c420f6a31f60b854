package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.health;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec.Type;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tcp probes against a real listener, command probes against real processes. */
class TcpAndCommandProbeTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void tcpListenerThatClosesTurnsTheEndpointUnhealthy() throws Exception {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(LOCAL, 0));
    String target = "{}:" + listener.getLocalPort();
    try (HealthChecker checker = new HealthChecker()) {
      checker.update(List.of(service("db", health(Type.TCP, target), LOCAL)));
      checker.start();
      await().atMost(DEADLINE).until(() -> checker.state("db", LOCAL) == EndpointState.HEALTHY);
      listener.close();
      await().atMost(DEADLINE).until(() -> checker.state("db", LOCAL) == EndpointState.UNHEALTHY);
      assertThat(checker.events())
          .extracting(StateChange::reason)
          .containsExactly("connected", "connection refused");
    } finally {
      listener.close();
    }
  }

  @Test
  void commandSeesTheEndpointAddressInItsEnvironment() throws Exception {
    String script = "test \"$WAYFINDER_ENDPOINT\" = 127.0.0.1";
    try (Probe probe = Probes.create(Fixtures.command(Duration.ofSeconds(5), "sh", "-c", script))) {
      assertThat(probe.check(LOCAL)).isEqualTo(ProbeResult.pass("exit 0"));
      assertThat(probe.check(Fixtures.LOCAL_2)).isEqualTo(ProbeResult.fail("exit 1"));
    }
  }

  @Test
  void hangingCommandIsKilledAtTheTimeoutWithItsChildren(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("child.pid");
    // The shell starts a child and waits: killing only the shell would leave the child running.
    String script = "sleep 300 & echo $! > " + pidFile + "; wait";
    ProbeResult result;
    try (Probe probe =
        Probes.create(Fixtures.command(Duration.ofMillis(500), "sh", "-c", script))) {
      result = probe.check(LOCAL);
    }
    assertThat(result).isEqualTo(ProbeResult.timeout("timeout after 500ms, killed"));
    long child = Long.parseLong(Files.readString(pidFile).trim());
    await()
        .atMost(DEADLINE)
        .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
  }

  @Test
  void hangingCommandMakesTheEndpointUnhealthyThroughTheChecker() {
    try (HealthChecker checker = new HealthChecker()) {
      checker.update(
          List.of(service("job", Fixtures.command(Duration.ofMillis(200), "sleep", "60"), LOCAL)));
      checker.start();
      await().atMost(DEADLINE).until(() -> checker.state("job", LOCAL) == EndpointState.UNHEALTHY);
      Optional<LastProbe> last = checker.lastProbe("job", LOCAL);
      assertThat(last).get().extracting(LastProbe::detail).isEqualTo("timeout after 200ms, killed");
    }
  }

  @Test
  void missingProgramFailsWithTheReason() throws Exception {
    try (Probe probe =
        Probes.create(Fixtures.command(Duration.ofSeconds(2), "/nonexistent/check"))) {
      ProbeResult r = probe.check(LOCAL);
      assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAIL);
      assertThat(r.detail()).startsWith("cannot run /nonexistent/check");
    }
  }
}
