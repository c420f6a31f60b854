package dev.wayfinder.config;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The {@code admin.statsd:} section: every meter is also pushed to a StatsD agent over UDP.
 *
 * @param address the agent ({@code host:port}, e.g. {@code 127.0.0.1:8125})
 * @param flavor the line format the agent reads (default {@link Flavor#ETSY})
 * @param step how often gauges are sent and counters are summed (default 10s)
 */
public record StatsDConfig(InetSocketAddress address, Flavor flavor, Duration step) {
  /** StatsD line formats: tags in the name (etsy), or as Datadog's or Telegraf's tag syntax. */
  public enum Flavor {
    ETSY,
    DATADOG,
    TELEGRAF
  }
}
