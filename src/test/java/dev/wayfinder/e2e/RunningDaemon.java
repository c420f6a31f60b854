package dev.wayfinder.e2e;

import dev.wayfinder.cli.Daemon;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.testing.DigRunner;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A Wayfinder daemon started in-process from config text, the way {@code serve} starts one, on the
 * port the config names (0 = a free one). Close it to stop it.
 */
final class RunningDaemon implements AutoCloseable {
  private final Daemon daemon;

  private RunningDaemon(Daemon daemon) {
    this.daemon = daemon;
  }

  static RunningDaemon start(String yaml) throws Exception {
    return new RunningDaemon(Daemon.start(ConfigLoader.parse("e2e.yaml", yaml)));
  }

  /** The first DNS listener's real address. */
  InetSocketAddress dnsAddress() {
    return daemon.dnsAddresses().get(0);
  }

  /** The admin HTTP API's real address. */
  InetSocketAddress adminAddress() {
    return daemon.adminAddress();
  }

  /** A client of the admin API, without a token. */
  AdminClient admin() {
    return new AdminClient(adminAddress());
  }

  DigRunner client() {
    return new DigRunner(dnsAddress());
  }

  Daemon daemon() {
    return daemon;
  }

  @Override
  public void close() {
    daemon.stop(Duration.ofSeconds(5));
  }
}
