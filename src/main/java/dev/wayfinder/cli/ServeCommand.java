package dev.wayfinder.cli;

import dev.wayfinder.config.ConfigError;
import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wayfinder serve [--config FILE]}: run the daemon until SIGTERM/SIGINT. */
@Command(name = "serve", description = "Run the daemon.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  /** SPEC.md: stop gracefully within 5 s. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(4);

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "config file (default ./wayfinder.yaml if present, else built-in defaults)")
  Path config;

  /** Guards {@link #running} and {@link #hangupWhileStarting}. */
  private final Object lock = new Object();

  /** The running daemon, once started: SIGHUP asks it for a reload. */
  private Daemon running;

  /**
   * A SIGHUP came while the daemon was starting (DNS may answer before the start returns, so a
   * client may have sent one already): the reload is asked for as soon as the start returns.
   */
  private boolean hangupWhileStarting;

  @Override
  public Integer call() {
    // Installed before the start: the JVM's own SIGHUP handler ends the process.
    HangupSignal.install(
        () -> {
          synchronized (lock) {
            if (running != null) {
              running.requestReload();
            } else {
              hangupWhileStarting = true;
            }
          }
        });
    WayfinderConfig c;
    long t0 = System.nanoTime();
    try {
      c = loadConfig();
    } catch (ConfigException e) {
      for (ConfigError err : e.errors()) {
        System.err.println(err);
      }
      return 2;
    }
    long readMs = (System.nanoTime() - t0) / 1_000_000;
    Daemon daemon;
    try {
      daemon = Daemon.start(c);
    } catch (IOException e) {
      System.err.println("wayfinder: cannot start: " + e.getMessage());
      return 1;
    }
    // Logged once started: a start that fails says so in one line on stderr (SPEC.md exit codes).
    log.info(
        "config {}: {} services read in {} ms",
        config == null ? "(default)" : config,
        c.services().size(),
        readMs);
    synchronized (lock) {
      running = daemon;
      if (hangupWhileStarting) {
        daemon.requestReload();
      }
    }
    c = null; // the registry holds the services now: the config's copy of them may go
    // After the start: lowering the heap target while the first snapshot is built only adds
    // collections to the start, on a machine whose cores are busy with it already.
    if (!HeapTarget.install()) {
      OldGenTarget.install();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    daemon.stop(STOP_TIMEOUT);
                    stopped.countDown();
                  },
                  "wayfinder-shutdown"));
    } catch (IllegalStateException shuttingDown) {
      daemon.stop(STOP_TIMEOUT); // SIGTERM came while starting: stop now, as the hook would have
      return 0;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private WayfinderConfig loadConfig() throws ConfigException {
    if (config != null) {
      return ConfigLoader.load(config);
    }
    Path local = Path.of("wayfinder.yaml");
    return Files.isRegularFile(local) ? ConfigLoader.load(local) : ConfigLoader.defaults();
  }
}
