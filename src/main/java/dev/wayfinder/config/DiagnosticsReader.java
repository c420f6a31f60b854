package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.DnsNames;
import dev.wayfinder.registry.IpLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Validates the {@code diagnostics:} section into a {@link DiagnosticsConfig}. */
final class DiagnosticsReader {
  private static final Set<String> KEYS = keys("targets", "timeout", "ca_file");

  private DiagnosticsReader() {}

  static DiagnosticsConfig read(Section root) {
    Section d = root.section("diagnostics", KEYS);
    if (!d.present()) {
      return DiagnosticsConfig.NONE;
    }
    Path base = d.context().baseDir();
    return new DiagnosticsConfig(
        d.values("targets", DiagnosticsReader::target, List.of()),
        d.value("timeout", Values.POSITIVE_DURATION, DiagnosticsConfig.DEFAULT_TIMEOUT),
        d.value("ca_file", f -> existingFile(base, f), null));
  }

  /**
   * {@code HOST} or {@code HOST:PORT}; the host is a DNS name, looked up through the upstreams when
   * the check runs.
   */
  static DiagnosticsConfig.Target target(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? text : text.substring(0, colon);
    int port = DiagnosticsConfig.DEFAULT_PORT;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("expected HOST or HOST:PORT, port 1 to 65535: " + text);
      }
    }
    if (host.indexOf(':') >= 0 || host.startsWith("[") || IpLiteral.toAddress(host) != null) {
      throw new IllegalArgumentException(
          "expected a host name (SNI needs one), HOST or HOST:PORT: " + text);
    }
    return new DiagnosticsConfig.Target(DnsNames.name(host), port);
  }

  private static Path existingFile(Path base, String f) {
    Path p = base.resolve(f);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("no such file: " + p);
    }
    return p;
  }
}
