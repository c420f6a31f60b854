package dev.wayfinder.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A peer server (knotd, unbound) running as a child process in the foreground, its output in a log
 * file beside its config. Only this object's own process is ever signalled.
 */
final class PeerProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final Duration STOP = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final Path log;

  private PeerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with its output in {@code dir/NAME.log}. */
  static PeerProcess start(String name, Path dir, List<String> command) {
    Path log = dir.resolve(name + ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new PeerProcess(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * Polls {@code ready} until it holds, failing early with the peer's log when the process exits.
   */
  void awaitReady(BooleanSupplier ready) {
    await(name + " ready")
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(name + " exited during startup:\n" + log());
              }
              return ready.getAsBoolean();
            });
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it is still running after a few seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
