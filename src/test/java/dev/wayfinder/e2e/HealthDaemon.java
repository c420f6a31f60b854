package dev.wayfinder.e2e;

import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The set-up the health end-to-end tests share: a {@link HealthTargets} server, a daemon whose
 * services are probed over HTTP against it, and a dig client, started only once the first health
 * round has given every endpoint a verdict. Close it to stop both.
 */
final class HealthDaemon implements AutoCloseable {
  /** How long a verdict (first round, rise or fall) may take with {@link HealthYaml}'s probes. */
  static final Duration VERDICT = Duration.ofSeconds(10);

  private final HealthTargets targets;
  private final RunningDaemon daemon;

  private HealthDaemon(HealthTargets targets, RunningDaemon daemon) {
    this.targets = targets;
    this.daemon = daemon;
  }

  /**
   * Starts the targets, then the daemon; {@code services} turns the {@code health:} block that
   * probes the targets into the {@code services:} section. Whatever started is stopped again if a
   * later step fails.
   */
  static HealthDaemon start(Path dataDir, UnaryOperator<String> services) throws Exception {
    HealthTargets targets = new HealthTargets();
    RunningDaemon daemon = null;
    try {
      String health = HealthYaml.http(targets.target());
      daemon = RunningDaemon.start(HealthYaml.config(dataDir, services.apply(health)));
      RunningDaemon started = daemon;
      await("first health round")
          .atMost(VERDICT)
          .until(() -> started.daemon().health().firstRoundDone());
      return new HealthDaemon(targets, daemon);
    } catch (Exception | Error e) {
      if (daemon != null) {
        daemon.close();
      }
      targets.close();
      throw e;
    }
  }

  HealthTargets targets() {
    return targets;
  }

  RunningDaemon daemon() {
    return daemon;
  }

  DigRunner client() {
    return daemon.client();
  }

  @Override
  public void close() {
    try {
      daemon.close();
    } finally {
      targets.close();
    }
  }
}
