package dev.wayfinder.cli;

import dev.wayfinder.admin.MicrometerDnsMetrics;
import dev.wayfinder.admin.MicrometerPublishMetrics;
import dev.wayfinder.admin.StatsDExport;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.dns.QueryObserver;
import dev.wayfinder.dns.querylog.QueryLog;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.pdns.RemoteBackend;
import dev.wayfinder.pdns.UnixSocketServer;
import dev.wayfinder.publish.PublishEventLog;
import dev.wayfinder.publish.Publisher;
import dev.wayfinder.publish.TargetStatus;
import dev.wayfinder.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What the daemon gives the world besides DNS answers: the StatsD export of its meters, the query
 * log, publishing to {@code publish:}'s targets and the PowerDNS remote-backend socket. {@link
 * Daemon} decides when each starts and stops around DNS; this class makes them and owns them.
 *
 * <p>Lifecycle, in the order the daemon calls it: construct (before the health checker, which
 * registers its meters in {@link #meters()}), {@link #startQueryLog()} before DNS starts, {@link
 * #startPublishing} and {@link #startBackendSocket} once DNS is bound and probing has started,
 * {@link #stopPublishing} and {@link #stopBackendSocket()} before DNS stops, {@link #close()} after
 * DNS has stopped. A step that throws while this is made closes what the earlier steps made.
 *
 * <p>A {@link Publisher} and its targets cannot start again once stopped, so each {@link
 * #startPublishing} makes a fresh one: publishing can start and stop more than once (a cluster
 * publishes only on its leader). The first one's targets are made here, so a target that cannot be
 * made fails the start before DNS answers.
 */
final class Operations implements AutoCloseable {
  private final WayfinderConfig config;
  private final StatsDExport statsd;
  private final MicrometerPublishMetrics publishMetrics;
  private final PublishEventLog publishEvents;
  private final QueryLog queryLog;
  private final QueryObserver queryObserver;

  /** The next publisher's targets, made and not started; null once taken. Guarded by this. */
  private List<Publisher.Subscription> nextTargets;

  /** The publisher of this term; null when not publishing. Written under this. */
  private volatile Publisher publisher;

  /** The remote backend's unix socket; null when not started or it could not be made. */
  private UnixSocketServer backendSocket;

  /**
   * @param config the daemon's config (its services are not read)
   * @param prometheus the registry {@code /metrics} scrapes; the export adds StatsD beside it
   */
  Operations(WayfinderConfig config, PrometheusMeterRegistry prometheus) {
    this.config = config;
    this.statsd = StatsDExport.start(prometheus, config.admin().statsd());
    try {
      this.publishMetrics = new MicrometerPublishMetrics(statsd.meters());
      this.publishEvents = new PublishEventLog(publishMetrics);
      this.queryLog = new QueryLog(config.queryLog());
      MicrometerDnsMetrics dnsMetrics =
          new MicrometerDnsMetrics(statsd.meters(), config.dns().zone(), VersionCommand.version());
      dnsMetrics.registerQueryLogDrops(queryLog::dropped);
      this.queryObserver = QueryObserver.both(dnsMetrics, queryLog);
      this.nextTargets = publishTargets();
    } catch (RuntimeException e) {
      statsd.close();
      throw e;
    }
  }

  /** Where the daemon's meters are registered: Prometheus, and StatsD when exported. */
  MeterRegistry meters() {
    return statsd.meters();
  }

  /** What DNS tells of every reply: the DNS meters and the query log. */
  QueryObserver queryObserver() {
    return queryObserver;
  }

  /** The outcomes of publishing, for {@code /api/v1/publish/events} and its stream. */
  PublishEventLog publishEvents() {
    return publishEvents;
  }

  /**
   * Opens the query log's target and starts its writer; called before DNS starts so the first reply
   * is logged.
   *
   * @throws IOException when the log file cannot be opened for appending
   */
  void startQueryLog() throws IOException {
    queryLog.start();
  }

  /**
   * Starts a fresh publisher over {@code registry} and {@code health}: it hears their changes from
   * now on and starts every target with the sets now. Does nothing while publishing already.
   */
  synchronized void startPublishing(Registry registry, HealthChecker health) {
    if (publisher != null) {
      return;
    }
    List<Publisher.Subscription> targets = nextTargets != null ? nextTargets : publishTargets();
    nextTargets = null;
    Publisher p =
        new Publisher(registry, health, config.dns().zone(), targets, Publisher.DEFAULT_WINDOW);
    p.start();
    publisher = p;
  }

  /**
   * Stops the current publisher within {@code timeout}; what is published stays published (records
   * are not withdrawn). Does nothing when not publishing.
   */
  synchronized void stopPublishing(Duration timeout) {
    Publisher p = publisher;
    if (p != null) {
      publisher = null;
      p.stop(timeout);
    }
  }

  /** Every target's status in the order of {@code publish:}; empty when not publishing. */
  List<TargetStatus> publishStatus() {
    Publisher p = publisher;
    return p != null ? p.status() : List.of();
  }

  /**
   * Serves {@code backend} on {@code data_dir/pdns.sock}, or logs why not: the socket is an
   * integration, and DNS serves without it.
   */
  synchronized void startBackendSocket(RemoteBackend backend) {
    if (backendSocket == null) {
      backendSocket = UnixSocketServer.startOrWarn(backend, config.dataDir());
    }
  }

  /** Closes the remote backend's socket, waiting at most a second for calls in flight. */
  synchronized void stopBackendSocket() {
    if (backendSocket != null) {
      backendSocket.stop(Duration.ofSeconds(1));
      backendSocket = null;
    }
  }

  /**
   * Stops what still runs and releases the rest: publishing and the backend socket (stopped already
   * when the daemon stopped them before DNS), then the query log, given 2 seconds to write what is
   * queued (after DNS: the last replies are logged), then the StatsD export, last, so it sends the
   * meters' final values.
   */
  @Override
  public void close() {
    stopPublishing(Duration.ZERO);
    synchronized (this) {
      if (nextTargets != null) {
        nextTargets.forEach(s -> s.target().stop(Duration.ZERO));
        nextTargets = null;
      }
    }
    stopBackendSocket();
    queryLog.stop(Duration.ofSeconds(2));
    statsd.close();
  }

  /** Makes {@code publish:}'s targets and makes their metric series exist at 0. */
  private List<Publisher.Subscription> publishTargets() {
    List<Publisher.Subscription> targets = PublishTargets.of(config, publishEvents);
    try {
      publishMetrics.configured(targets.stream().map(t -> t.target().target()).toList());
    } catch (RuntimeException e) {
      targets.forEach(s -> s.target().stop(Duration.ZERO));
      throw e;
    }
    return targets;
  }
}
