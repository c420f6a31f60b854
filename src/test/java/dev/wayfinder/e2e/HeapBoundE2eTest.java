package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.PeerProcess;
import dev.wayfinder.testing.ProcessRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory bound, guarded cheaply: {@code serve} with the launcher's JVM flags for a
 * 10,000-service config (scripts/jvm-flags.sh, the flags {@code ./wayfinder} uses, and its malloc
 * settings) answers a burst of queries while its resident set, sampled every 100 ms, and its peak
 * since start (VmHWM) stay at most 160 MB. Under the JVM's default sizing the same process held 500
 * MB and more.
 *
 * <p>The 128 MB bound under dnsperf is measured by bench/run-all.sh (docs/performance.md,
 * "Memory"); this run's figures vary more: the JIT's first compilations of the query path hold
 * several megabytes of compiler memory for a few seconds, and on a machine running other tests they
 * fall inside the sampled window. The launcher's class-data archive is left out (it needs the
 * packaged jar); without it the classes' metadata takes about as much memory as the mapped archive
 * does.
 */
class HeapBoundE2eTest {
  static final long BOUND_KB = 160 << 10;

  /** Queries answered before sampling ends: long enough for the query path to reach C2. */
  private static final int BURST = 50_000;

  private static final int SERVICES = 10_000;

  @TempDir Path dir;

  @Test
  void tenThousandServicesAnsweringStayWithinTheBound() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path config = dir.resolve("wayfinder.yaml");
    Files.writeString(config, config(port, FreePorts.udpAndTcp()));
    List<String> command = new ArrayList<>(List.of("env"));
    command.addAll(launcherScript("malloc-env.sh"));
    command.addAll(ChildJvm.command(launcherFlags(config), "serve", "--config", config.toString()));

    try (PeerProcess serve = PeerProcess.start("serve", dir, command)) {
      InetSocketAddress server = new InetSocketAddress(FreePorts.loopback(), port);
      DigRunner dig = new DigRunner(server);
      serve.awaitReady(
          Duration.ofSeconds(60), () -> dig.dig("s9999.svc.cluster.local.", "A").answered());

      AtomicLong peak = new AtomicLong();
      List<QueryLoop> loops = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          loops.add(QueryLoop.start(server, "s" + (i * 2_500) + ".svc.cluster.local."));
        }
        AtomicInteger samples = new AtomicInteger();
        await()
            .pollInterval(Duration.ofMillis(100))
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  peak.accumulateAndGet(status(serve.pid(), "VmRSS:"), Math::max);
                  return samples.incrementAndGet() >= 50
                      && loops.stream().mapToLong(QueryLoop::answered).sum() >= BURST;
                });
      } finally {
        for (QueryLoop loop : loops) {
          loop.close();
        }
      }
      long answered = loops.stream().mapToLong(QueryLoop::answered).sum();
      long hwm = status(serve.pid(), "VmHWM:");

      assertThat(answered).as("queries answered").isGreaterThanOrEqualTo(BURST);
      assertThat(peak.get()).as("largest RSS sampled, kB").isLessThanOrEqualTo(BOUND_KB);
      assertThat(hwm).as("VmHWM since start, kB").isLessThanOrEqualTo(BOUND_KB);
    }
  }

  /** What the launcher passes to the JVM for this config, with C2 on as the launcher has it. */
  private static List<String> launcherFlags(Path config) {
    List<String> flags = launcherScript("jvm-flags.sh", config.toString());
    flags.add("-XX:TieredStopAtLevel=4"); // ChildJvm stops at C1 for quick starts
    return flags;
  }

  /** The lines a launcher script under scripts/ prints. */
  private static List<String> launcherScript(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of("scripts", name).toString()));
    command.addAll(List.of(args));
    ProcessRun run = ProcessRun.of(Duration.ofSeconds(30), command);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    return new ArrayList<>(run.stdout().lines().toList());
  }

  /** A figure in kB from /proc/PID/status, 0 once the process is gone. */
  private static long status(long pid, String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
      }
    }
    return 0;
  }

  /** The benchmark's zone (bench/gen_config.py): 3 IPv4 and 1 IPv6 endpoint per service. */
  private String config(int port, int adminPort) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("dns:\n")
        .append("  listen: [\"127.0.0.1:")
        .append(port)
        .append("\"]\n")
        .append("  zone: svc.cluster.local\n")
        .append("  reverse: true\n")
        .append("  forward: {upstreams: []}\n")
        .append("admin:\n")
        .append("  listen: \"127.0.0.1:")
        .append(adminPort)
        .append("\"\n")
        .append("data_dir: \"")
        .append(dir.resolve("data"))
        .append("\"\n")
        .append("query_log: {mode: \"off\"}\n")
        .append("services:\n");
    for (int n = 0; n < SERVICES; n++) {
      int hi = n / 250;
      int lo = n % 250 + 1;
      yaml.append("  - name: s")
          .append(n)
          .append("\n    ttl: 30\n    ports: [{name: http, protocol: tcp, port: 8080}]\n")
          .append("    endpoints:\n");
      for (int i = 1; i <= 3; i++) {
        yaml.append("      - {address: 10.")
            .append(i)
            .append('.')
            .append(hi)
            .append('.')
            .append(lo)
            .append(", weight: 10}\n");
      }
      yaml.append("      - {address: \"fd00::")
          .append(Integer.toHexString(n + 1))
          .append("\", weight: 10}\n");
    }
    return yaml.toString();
  }
}
