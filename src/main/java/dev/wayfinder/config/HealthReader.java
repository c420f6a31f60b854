package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.DnsQueryConfig;
import dev.wayfinder.registry.HealthSpec.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Validates a service's {@code health:} section; the defaults are those of {@link HealthSpec}. */
final class HealthReader {
  static final Set<String> KEYS =
      keys(
          "type",
          "target",
          "interval",
          "timeout",
          "rise",
          "fall",
          "expect_status",
          "expect_body",
          "tls",
          "query",
          "command");
  private static final Set<String> TLS_KEYS = keys("ca_file", "insecure");
  private static final Set<String> QUERY_KEYS = keys("name", "type");
  static final String DEFAULT_STATUS = "200-399";

  /** The health of a service that has no {@code health:} section. */
  static final HealthSpec NONE =
      new HealthSpec(
          HealthSpec.Type.NONE,
          null,
          Duration.ofSeconds(5),
          Duration.ofSeconds(1),
          2,
          3,
          DEFAULT_STATUS,
          null,
          new TlsConfig(null, false),
          null,
          List.of());

  private HealthReader() {}

  static HealthSpec read(Section h) {
    if (!h.present()) {
      return NONE;
    }
    HealthSpec.Type type =
        h.value("type", Values.choice(HealthSpec.Type.class), HealthSpec.Type.NONE);
    Duration interval = h.value("interval", Values.POSITIVE_DURATION, NONE.interval());
    Duration timeout = h.value("timeout", Values.POSITIVE_DURATION, NONE.timeout());
    if (timeout.compareTo(interval) > 0) {
      h.error("timeout", "must not be longer than interval (" + interval + "): " + timeout);
    }
    List<String> command = h.values("command", Values.TEXT, List.of());
    if (type == HealthSpec.Type.COMMAND && (command.isEmpty() || command.get(0).isEmpty())) {
      h.error("command", "type command needs a non-empty command list");
    }
    return new HealthSpec(
        type,
        target(h, type),
        interval,
        timeout,
        h.value("rise", Values.integer(1, 1000), NONE.rise()),
        h.value("fall", Values.integer(1, 1000), NONE.fall()),
        h.value("expect_status", StatusRanges::check, DEFAULT_STATUS),
        h.value("expect_body", Values.NON_EMPTY, null),
        tls(h.section("tls", TLS_KEYS)),
        query(h, type),
        command);
  }

  /** The target, checked against what the probe type needs. */
  private static String target(Section h, HealthSpec.Type type) {
    return switch (type) {
      case HTTP -> h.required("target", t -> prefixed(t, "http://"));
      case HTTPS -> h.required("target", t -> prefixed(t, "https://"));
      case TCP -> h.required("target", HealthReader::hostPort);
      case DNS -> h.value("target", HealthReader::hostPort, "{}:53");
      case COMMAND, NONE -> h.value("target", Values.TEXT, null);
    };
  }

  private static String prefixed(String target, String scheme) {
    if (!target.startsWith(scheme) || target.length() == scheme.length()) {
      throw new IllegalArgumentException("must be a URL starting with " + scheme + ": " + target);
    }
    return target;
  }

  /** {@code HOST:PORT}, HOST being {@code {}} (the endpoint), an IP literal or a DNS name. */
  private static String hostPort(String target) {
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? "" : target.substring(0, colon);
    String port = colon < 0 ? "" : target.substring(colon + 1);
    boolean hostOk = host.equals("{}") || IpLiteral.parse(host) != null || isName(host);
    boolean portOk =
        port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    if (!hostOk || !portOk) {
      throw new IllegalArgumentException(
          "must be HOST:PORT with port 1 to 65535, e.g. {}:8080: " + target);
    }
    return target;
  }

  private static boolean isName(String host) {
    try {
      DnsNames.name(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code tls.ca_file} resolves against the config file's directory and must exist. */
  private static TlsConfig tls(Section t) {
    Path base = t.context().baseDir();
    Path caFile =
        t.value(
            "ca_file",
            f -> {
              Path p = base.resolve(f);
              if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such file: " + p);
              }
              return p;
            },
            null);
    return new TlsConfig(caFile, t.value("insecure", Values.BOOL, false));
  }

  /** {@code query}: required for type dns; the type must be a mnemonic dnsjava knows. */
  private static DnsQueryConfig query(Section h, HealthSpec.Type type) {
    if (!h.has("query")) {
      if (type == HealthSpec.Type.DNS) {
        h.error("query", "type dns needs a query {name, type}");
      }
      return null;
    }
    Section q = h.section("query", QUERY_KEYS);
    String name = q.required("name", n -> DnsNames.name(n) + ".");
    String rrType =
        q.required(
            "type",
            t -> {
              if (org.xbill.DNS.Type.value(t) < 0) {
                throw new IllegalArgumentException("not a DNS record type: " + t);
              }
              return t.toUpperCase(java.util.Locale.ROOT);
            });
    return new DnsQueryConfig(name, rrType);
  }
}
