package dev.wayfinder.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code diagnostics:} section: what {@code GET /diagnostics} checks.
 *
 * @param targets the hosts to check, in file order (default none)
 * @param timeout the limit of each step of a check: DNS, TCP connect, each TLS handshake (default
 *     3s)
 * @param caFile a PEM bundle of CAs trusted in addition to the JDK's, for internal CAs, or {@code
 *     null} (default: the JDK's trust only)
 */
public record DiagnosticsConfig(List<Target> targets, Duration timeout, Path caFile) {
  /** The default step timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** The port a target without one is checked on: HTTPS. */
  public static final int DEFAULT_PORT = 443;

  /** No targets: the default. */
  public static final DiagnosticsConfig NONE =
      new DiagnosticsConfig(List.of(), DEFAULT_TIMEOUT, null);

  public DiagnosticsConfig {
    targets = List.copyOf(targets);
  }

  /**
   * One target: a host name, checked by DNS, TCP and TLS.
   *
   * @param host a normalized DNS name (lower case, no trailing dot)
   * @param port the TCP port (default 443)
   */
  public record Target(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
