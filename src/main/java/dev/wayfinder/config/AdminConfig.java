package dev.wayfinder.config;

import java.net.InetSocketAddress;

/**
 * The {@code admin:} section.
 *
 * @param listen the HTTP listener (default {@code 127.0.0.1:8053})
 * @param token Bearer token for {@code /api} and {@code /metrics}, or {@code null} (default: none)
 * @param statsd StatsD export of the metrics, or {@code null} (the default: off)
 */
public record AdminConfig(InetSocketAddress listen, String token, StatsDConfig statsd) {
  /** No StatsD export. */
  public AdminConfig(InetSocketAddress listen, String token) {
    this(listen, token, null);
  }
}
