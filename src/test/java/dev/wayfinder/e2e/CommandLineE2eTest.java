package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.PeerProcess;
import dev.wayfinder.testing.ProcessRun;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Command line" at the process level: {@code serve} answers, SIGTERM stops it within 5 s,
 * {@code check} exits 2 listing every error as {@code FILE:LINE: path: message}, a taken port exits
 * 1 with one clear line on stderr.
 */
class CommandLineE2eTest {
  private static final Duration JVM_RUN = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** The end-to-end config with DNS on {@code port}, written to {@code wayfinder.yaml}. */
  private Path writeConfig(int port) throws IOException {
    Path config = dir.resolve("wayfinder.yaml");
    Files.writeString(
        config, new E2eConfig(dir.resolve("data")).listen("127.0.0.1:" + port).yaml());
    return config;
  }

  /** {@code wayfinder serve --config CONFIG} in a JVM of its own. */
  private PeerProcess serve(Path config) {
    return PeerProcess.start(
        "serve", dir, ChildJvm.command("serve", "--config", config.toString()));
  }

  @Test
  void serveAnswersAndStopsOnSigtermWithinFiveSeconds() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path config = writeConfig(port);
    try (PeerProcess serve = serve(config)) {
      DigRunner dig = new DigRunner(new InetSocketAddress(FreePorts.loopback(), port));
      serve.awaitReady(JVM_RUN, () -> dig.dig(fqdn("web"), "A").answered());
      DigResult r = dig.dig(fqdn("web"), "A");
      assertThat(r.answers("A")).as(r.raw()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");

      assertThat(serve.terminate(Duration.ofSeconds(5)))
          .as("exited within 5 s of SIGTERM")
          .isTrue();
      assertThat(FreePorts.isFree(port)).as("listeners closed").isTrue();
    }
  }

  @Test
  void serveReloadsOnSighupAndKeepsServing() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path config = writeConfig(port);
    try (PeerProcess serve = serve(config)) {
      DigRunner dig = new DigRunner(new InetSocketAddress(FreePorts.loopback(), port));
      serve.awaitReady(JVM_RUN, () -> dig.dig(fqdn("web"), "A").answered());

      for (int i = 1; i <= 2; i++) {
        ProcessRun.of(Duration.ofSeconds(10), List.of("kill", "-HUP", Long.toString(serve.pid())));
        int reloads = i;
        await("reload " + i)
            .atMost(Duration.ofSeconds(10))
            .until(() -> serve.log().split("reloaded: ", -1).length - 1 >= reloads);
      }

      assertThat(serve.isAlive()).as("SIGHUP does not end the process").isTrue();
      assertThat(dig.dig(fqdn("web"), "A").answers("A")).hasSize(2);
      assertThat(serve.log()).contains("config " + config + " reloaded: ");
    }
  }

  @Test
  void checkOnABadFileExitsTwoListingEveryError() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        dns:
          zone: svc.cluster.local
          bogus_key: 1
          forward:
            timeout: 2
        services:
          - name: web
            endpoints:
              - {address: 10.0.0.300}
        """);
    ProcessRun run = ProcessRun.of(JVM_RUN, ChildJvm.command("check", "--config", bad.toString()));

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
    List<String> errors = run.stderr().lines().filter(l -> !l.isBlank()).toList();
    Pattern shape = Pattern.compile(Pattern.quote(bad.toString()) + ":\\d+: [\\w.\\[\\]]+: .+");
    assertThat(errors).as(run.stderr()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(errors).allMatch(l -> shape.matcher(l).matches(), "FILE:LINE: path: message");
    assertThat(errors)
        .anyMatch(l -> l.startsWith(bad + ":3: dns.bogus_key: "))
        .anyMatch(l -> l.startsWith(bad + ":5: dns.forward.timeout: "))
        .anyMatch(l -> l.startsWith(bad + ":9: services[0].endpoints[0].address: "));
  }

  @Test
  void checkOnAGoodFileExitsZero() throws Exception {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, new E2eConfig(dir.resolve("data")).yaml());
    ProcessRun run = ProcessRun.of(JVM_RUN, ChildJvm.command("check", "--config", good.toString()));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("ok");
  }

  @Test
  void portAlreadyTakenExitsOneWithOneClearLine() throws Exception {
    int port = FreePorts.udpAndTcp();
    try (DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress(FreePorts.loopback(), port));
        ServerSocket tcp = new ServerSocket(port, 50, FreePorts.loopback())) {
      Path config = dir.resolve("taken.yaml");
      Files.writeString(
          config, new E2eConfig(dir.resolve("data")).listen("127.0.0.1:" + port).yaml());
      ProcessRun run =
          ProcessRun.of(JVM_RUN, ChildJvm.command("serve", "--config", config.toString()));

      assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
      List<String> lines = run.stderr().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(run.stderr()).hasSize(1);
      assertThat(lines.get(0)).contains(Integer.toString(port));
      assertThat(udp.isBound() && tcp.isBound()).isTrue();
    }
  }
}
