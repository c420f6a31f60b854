package dev.wayfinder.cli;

import dev.wayfinder.admin.AdminContext;
import dev.wayfinder.admin.AdminServer;
import dev.wayfinder.admin.MicrometerHealthMetrics;
import dev.wayfinder.admin.StateRestore;
import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.diagnostics.Diagnostics;
import dev.wayfinder.dns.DnsServer;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.pdns.RemoteBackend;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.RegistryChanges;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceChange;
import dev.wayfinder.store.StateStore;
import dev.wayfinder.store.StoredState;
import dev.wayfinder.zone.ZoneManager;
import dev.wayfinder.zone.ZoneView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: wires config → registry → health → zone → dns, in the direction data flows,
 * and stops them in reverse. Tests start one in-process with {@link #start}.
 *
 * <p>Each batch of registry changes goes to the health checker (probes start and stop for those
 * services only) and then to the zone (those services' names only); each health verdict change
 * rebuilds the zone for that service only. A config file, when there is one, is watched and
 * reloaded through the registry like any other source's changes.
 *
 * <p>What the admin API changed is in the {@link StateStore} of {@code data_dir}: its services,
 * drains and maintenance are put back before DNS starts, so the first answer has them. The admin
 * listener starts once DNS is bound ({@code /readyz} reports on the listeners) and stops first.
 *
 * <p>In cluster mode ({@code cluster:}) that state is in etcd instead, endpoint states follow the
 * nodes' vote, and only the elected node publishes ({@link ClusterMode}).
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** Runs a start-up task beside the main thread, on a thread of its own. */
  private static final Executor STARTER =
      task -> Thread.ofPlatform().name("wayfinder-start").daemon().start(task);

  private final WayfinderConfig config;
  private final Registry registry;
  private final PrometheusMeterRegistry metrics;

  /** StatsD, the query log, publishing and the PowerDNS socket, started and stopped around DNS. */
  private final Operations operations;

  private final HealthChecker health;

  /** Null on a single node. */
  private final ClusterMode cluster;

  private final ZoneManager zone;
  private final DnsServer dns;
  private final StateStore store;

  /** Reads PUT bodies and stored services as services of this zone. */
  private final ServiceBodyReader bodies;

  /** What {@code /diagnostics} renders. */
  private final Supplier<Object> diagnostics;

  /** Set once {@link #start} has bound the DNS listeners. */
  private volatile boolean dnsBound;

  /** PowerDNS's remote backend: the unix socket and the admin listener's {@code /pdns/}. */
  private final RemoteBackend pdns;

  /** The admin HTTP listener, once started. */
  private AdminServer admin;

  /** Null when the daemon runs the built-in default: there is no file to read again. */
  private final ConfigReload reload;

  /** Runs {@link #reload} on a thread of its own, once per burst of requests; null as above. */
  private final ReloadTrigger reloads;

  /** Requests a reload when the file changes; null as above. */
  private final ConfigWatcher watcher;

  private Daemon(WayfinderConfig loaded, CompletableFuture<StateStore> opening) throws IOException {
    // Netty's native transport and the meter registry need nothing from the services, and each is
    // about a tenth of a second of a small config's start: made beside the registry and the zone.
    CompletableFuture<Void> transport = CompletableFuture.runAsync(DnsServer::warmUp, STARTER);
    CompletableFuture<PrometheusMeterRegistry> meters =
        CompletableFuture.supplyAsync(
            () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), STARTER);
    this.registry = new Registry();
    registry.sink(Service.Source.CONFIG).replaceAll(loaded.services());
    this.store = opened(opening);
    Path file = loaded.source();
    this.bodies = new ServiceBodyReader(loaded.dns().zone(), loaded.dns().ttl(), baseDir(file));
    // In cluster mode the API's state lives in etcd; the file keeps a single node's.
    StoredState saved = loaded.cluster() == null ? store.load() : StoredState.EMPTY;
    List<Service> restored = StateRestore.services(saved, bodies);
    registry.sink(Service.Source.API).replaceAll(restored);
    StateRestore.warnShadowed(registry, restored);
    this.config = loaded.withoutServices(); // the registry has them now
    this.diagnostics =
        new Diagnostics(config.diagnostics(), config.dns().forward().upstreams())::run;
    this.metrics = meters.join();
    this.operations = new Operations(config, metrics);
    try {
      this.health =
          new HealthChecker(
              new MicrometerHealthMetrics(operations.meters()),
              InstantSource.system(),
              HealthChecker.DEFAULT_MAX_CONCURRENT_PROBES,
              HealthChecker.DEFAULT_EVENT_CAPACITY);
      // At start no endpoint has a state yet (all unknown, answered), so the health checker can
      // take the services on another core while the first snapshot is built: at 100,000 services
      // each takes a good part of the start.
      CompletableFuture<Void> healthKnown =
          CompletableFuture.runAsync(() -> health.update(registry.services()), STARTER);
      if (!saved.noEndpointState()) {
        // Drains and maintenance are states: the first snapshot must be built with them.
        healthKnown.join();
        StateRestore.endpointState(saved, health);
      }
      this.zone = new ZoneManager(config.dns(), health, registry.services());
      healthKnown.join();
      registry.addListener(
          batch -> {
            health.apply(batch); // first: new endpoints are known (unknown = healthy)
            applyToZone(batch);
          });
      health.addListener(change -> zone.healthChanged(change.service()));
      this.dns = new DnsServer(config, zone, operations.queryObserver());
      this.pdns = new RemoteBackend(zone);
      boolean watched = file != null && Files.isRegularFile(file);
      this.reload =
          watched
              ? new ConfigReload(file, config, registry, dns::rebind, operations.meters())
              : null;
      this.reloads = watched ? new ReloadTrigger(reload::reload) : null;
      this.watcher = watched ? new ConfigWatcher(file, reloads::request) : null;
      transport.join();
      // Last: nothing after it can fail and leave its session behind.
      this.cluster =
          config.cluster() == null
              ? null
              : new ClusterMode(config.cluster(), registry, health, bodies, operations);
    } catch (RuntimeException e) {
      operations.close(); // the StatsD socket and the publish targets' threads
      throw e;
    }
  }

  private static StateStore open(Path dataDir) {
    try {
      return StateStore.open(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The store {@link #open} gave, or its failure as the IOException it was. */
  private static StateStore opened(CompletableFuture<StateStore> opening) throws IOException {
    try {
      return opening.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
  }

  /** Where a relative path in a service resolves: the config file's directory, as in the file. */
  private static Path baseDir(Path file) {
    Path dir = file == null ? null : file.toAbsolutePath().getParent();
    return dir == null ? Path.of(".") : dir;
  }

  /** Hands the zone the batch's services, put and removed; it applies them on its own thread. */
  private void applyToZone(RegistryChanges batch) {
    List<Service> put = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (ServiceChange c : batch.changes()) {
      if (c.removed()) {
        removed.add(c.name());
      } else {
        put.add(c.after());
      }
    }
    zone.apply(put, removed);
  }

  /**
   * Builds and starts a daemon for {@code config}.
   *
   * @throws IOException when a listener (DNS or admin) cannot be bound or the state database in
   *     {@code data_dir} cannot be opened; nothing is left running then
   */
  public static Daemon start(WayfinderConfig config) throws IOException {
    long t0 = System.nanoTime();
    // Opening the database loads SQLite's native library, a fifth of a second of a small config's
    // start: done beside the registry's first build.
    CompletableFuture<StateStore> opening =
        CompletableFuture.supplyAsync(() -> open(config.dataDir()), STARTER);
    Daemon d;
    try {
      d = new Daemon(config, opening);
    } catch (IOException | RuntimeException e) {
      opening.thenAccept(StateStore::close).exceptionally(x -> null);
      throw e;
    }
    try {
      d.operations.startQueryLog(); // before DNS: the first reply is logged
      d.dns.start();
    } catch (IOException | RuntimeException e) {
      if (d.cluster != null) {
        d.cluster.close();
      }
      d.health.stop(Duration.ZERO);
      d.zone.close();
      d.store.close();
      d.operations.close();
      throw e;
    }
    d.dnsBound = true;
    // Probing starts once DNS answers: until a verdict arrives, every endpoint is answered.
    d.health.start();
    if (d.cluster == null) {
      d.operations.startPublishing(d.registry, d.health);
    } else {
      d.cluster.start(); // publishing follows this node's election
    }
    d.operations.startBackendSocket(d.pdns);
    try {
      d.admin = AdminServer.start(d.adminContext());
      d.startReloads();
    } catch (IOException e) {
      d.stop(Duration.ofSeconds(5));
      throw d.admin == null
          ? e
          : new IOException("cannot watch the config file: " + e.getMessage(), e);
    }
    log.info(
        "serving zone {} serial {} on {}, {} ms after the config was read",
        d.zone.current().origin(),
        d.zone.current().serial(),
        d.dns.boundAddresses(),
        (System.nanoTime() - t0) / 1_000_000);
    return d;
  }

  private AdminContext adminContext() {
    return new AdminContext(
        config.admin(),
        registry,
        health,
        metrics,
        cluster == null ? store : cluster.node().stateWrites(),
        bodies,
        this::notReadyReason,
        diagnostics,
        cluster == null ? null : cluster.node(),
        operations::publishStatus,
        operations.publishEvents(),
        pdns);
  }

  /** Why {@code /readyz} is 503, or null when ready (the config is loaded once this runs). */
  private String notReadyReason() {
    if (!dnsBound) {
      return "the DNS listeners are not bound yet";
    }
    if (!health.firstRoundDone()) {
      return "the first health round is not done";
    }
    return null;
  }

  private void startReloads() throws IOException {
    if (reloads != null) {
      reloads.start();
      watcher.start();
    }
  }

  /** The config the daemon runs, without its services: those are in {@link #registry()}. */
  public WayfinderConfig config() {
    return config;
  }

  public Registry registry() {
    return registry;
  }

  public ZoneView zone() {
    return zone;
  }

  /**
   * The health checker: endpoint states, events, drain and maintenance (the admin API's seam). Its
   * {@link HealthChecker#firstRoundDone()} is what {@code /readyz} waits for.
   */
  public HealthChecker health() {
    return health;
  }

  /** Every meter of the daemon; {@code scrape()} renders the Prometheus text for /metrics. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** True once every probed endpoint has had its first probe (SPEC.md {@code /readyz}). */
  public boolean firstHealthRoundDone() {
    return health.firstRoundDone();
  }

  /**
   * Reads the config file again and applies it (SPEC.md "Reload"). Returns the errors that rejected
   * it, as {@code FILE:LINE: key: message} (also logged; the running config keeps serving), or an
   * empty list when it was applied. A daemon running the built-in default has no file to read.
   */
  public List<String> reload() {
    return reload != null ? reload.reload() : List.of("no config file: nothing to reload");
  }

  /**
   * Asks for a {@link #reload} on the reload thread and returns at once (SIGHUP's handler calls
   * this); requests that arrive while one is pending make one reload.
   */
  public void requestReload() {
    if (reloads != null) {
      reloads.request();
    }
  }

  /** Where the admin HTTP API listens, with the real port when 0 was asked. */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  /** Where DNS listens, one entry per {@code dns.listen}, with real ports when 0 was asked. */
  public List<InetSocketAddress> dnsAddresses() {
    return dns.boundAddresses();
  }

  /**
   * Stops within {@code timeout}: the admin listener first (event streams end, answers in flight
   * are sent), then DNS (listeners close, in-flight queries are answered), health and the store.
   */
  public void stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (admin != null) {
      admin.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()) / 4));
    }
    if (reloads != null) {
      watcher.stop(Duration.ofSeconds(1));
      reloads.stop(Duration.ofSeconds(1));
    }
    // Before DNS: what is published stays published (records are not withdrawn).
    if (cluster != null) {
      cluster.close(); // publishing stops and the lease is revoked: another node leads at once
    }
    operations.stopPublishing(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()) / 4));
    operations.stopBackendSocket();
    dns.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    health.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    zone.close();
    store.close();
    operations.close(); // after DNS: the query log has the last replies; StatsD closes last
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}
