package dev.wayfinder.testing;

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
 * A server run as a child process in the foreground (knotd, unbound, or Wayfinder's own {@code
 * serve}), its output in a log file beside its config. Only this object's own process is ever
 * signalled; closing it always leaves the process stopped.
 */
public final class PeerProcess implements AutoCloseable {
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
  public static PeerProcess start(String name, Path dir, List<String> command) {
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

  /** Writes a config or zone file for a peer; an I/O failure fails the test. */
  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #awaitReady(Duration, BooleanSupplier)} within the usual 20 s startup allowance. */
  public void awaitReady(BooleanSupplier ready) {
    awaitReady(STARTUP, ready);
  }

  /**
   * Polls {@code ready} until it holds, failing early with the peer's log when the process exits.
   */
  public void awaitReady(Duration atMost, BooleanSupplier ready) {
    await(name + " ready")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(name + " exited during startup:\n" + log());
              }
              return ready.getAsBoolean();
            });
  }

  /** Everything the process has written so far. */
  /** The process id, to send it a signal. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Sends SIGTERM and waits; true when the process exited within {@code within}. */
  public boolean terminate(Duration within) throws InterruptedException {
    process.destroy();
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * SIGKILL ({@link Process#destroyForcibly} on Linux): the process ends at once, with no shutdown
   * hook; true when it is gone within {@code within}.
   */
  public boolean kill(Duration within) throws InterruptedException {
    return process.destroyForcibly().waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGTERM, then SIGKILL if it is still running after a few seconds. */
  @Override
  public void close() {
    try {
      if (!terminate(STOP)) {
        process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
