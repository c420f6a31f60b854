package dev.wayfinder.admin;

import dev.wayfinder.config.StatsDConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import java.time.Duration;

/**
 * The optional StatsD export ({@code admin.statsd}): meters registered through {@link #meters()} go
 * to the Prometheus registry, whose scrape is unchanged, and also to Micrometer's StatsD registry,
 * which sends them over UDP (counters and gauges every {@code step}).
 *
 * <p>{@code wayfinder.dns.request.duration} is left out of StatsD: a StatsD timer sends one line
 * per recorded value, so it would be a datagram's worth of work on every query. Without {@code
 * admin.statsd}, {@link #meters()} is the Prometheus registry itself.
 */
public final class StatsDExport implements AutoCloseable {
  /** The per-query timer kept off StatsD. */
  static final String PER_QUERY_TIMER = "wayfinder.dns.request.duration";

  private final MeterRegistry meters;
  private final StatsdMeterRegistry statsd;

  private StatsDExport(MeterRegistry meters, StatsdMeterRegistry statsd) {
    this.meters = meters;
    this.statsd = statsd;
  }

  /**
   * @param config the export, or null for none
   */
  public static StatsDExport start(PrometheusMeterRegistry prometheus, StatsDConfig config) {
    if (config == null) {
      return new StatsDExport(prometheus, null);
    }
    StatsdMeterRegistry statsd = new StatsdMeterRegistry(settings(config), Clock.SYSTEM);
    statsd.config().meterFilter(MeterFilter.deny(id -> id.getName().equals(PER_QUERY_TIMER)));
    CompositeMeterRegistry both = new CompositeMeterRegistry(Clock.SYSTEM);
    both.add(prometheus);
    both.add(statsd);
    return new StatsDExport(both, statsd);
  }

  private static StatsdConfig settings(StatsDConfig config) {
    StatsdFlavor flavor =
        switch (config.flavor()) {
          case ETSY -> StatsdFlavor.ETSY;
          case DATADOG -> StatsdFlavor.DATADOG;
          case TELEGRAF -> StatsdFlavor.TELEGRAF;
        };
    String host = config.address().getHostString();
    int port = config.address().getPort();
    Duration step = config.step();
    return new StatsdConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public StatsdFlavor flavor() {
        return flavor;
      }

      @Override
      public String host() {
        return host;
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public Duration step() {
        return step;
      }

      @Override
      public Duration pollingFrequency() {
        return step;
      }
    };
  }

  /** Where the daemon's meters are registered. */
  public MeterRegistry meters() {
    return meters;
  }

  /** Sends what is pending and closes the StatsD socket (nothing without export). */
  @Override
  public void close() {
    if (statsd != null) {
      statsd.close();
    }
  }
}
