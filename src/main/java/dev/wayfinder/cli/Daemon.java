package dev.wayfinder.cli;

import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.dns.DnsServer;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.zone.ZoneManager;
import dev.wayfinder.zone.ZoneView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: wires config → registry → (health) → zone → dns, in the direction data
 * flows, and stops them in reverse. Tests start one in-process with {@link #start}.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final WayfinderConfig config;
  private final Registry registry;
  private final ZoneManager zone;
  private final DnsServer dns;

  private Daemon(WayfinderConfig config) {
    this.config = config;
    this.registry = Registry.fromConfig(config);
    // Health checking is not wired yet: every endpoint counts as healthy (the seam is HealthView).
    this.zone = new ZoneManager(config.dns(), HealthView.allHealthy(), registry.services());
    registry.addListener(zone::update);
    this.dns = new DnsServer(config, zone);
  }

  /**
   * Builds and starts a daemon for {@code config}.
   *
   * @throws IOException when a listener cannot be bound; nothing is left running then
   */
  public static Daemon start(WayfinderConfig config) throws IOException {
    Daemon d = new Daemon(config);
    d.dns.start();
    log.info(
        "serving zone {} serial {} on {}",
        d.zone.current().origin(),
        d.zone.current().serial(),
        d.dns.boundAddresses());
    return d;
  }

  public WayfinderConfig config() {
    return config;
  }

  public Registry registry() {
    return registry;
  }

  public ZoneView zone() {
    return zone;
  }

  /** Where DNS listens, one entry per {@code dns.listen}, with real ports when 0 was asked. */
  public List<InetSocketAddress> dnsAddresses() {
    return dns.boundAddresses();
  }

  /** Stops within {@code timeout}: listeners close, in-flight queries are answered. */
  public void stop(Duration timeout) {
    dns.stop(timeout);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}
