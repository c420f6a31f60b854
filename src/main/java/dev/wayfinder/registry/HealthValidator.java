package dev.wayfinder.registry;

import dev.wayfinder.registry.HealthSpec.DnsQueryConfig;
import dev.wayfinder.registry.HealthSpec.TlsConfig;
import dev.wayfinder.registry.ServiceDraft.HealthDraft;
import dev.wayfinder.registry.ServiceDraft.QueryDraft;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The rules for a service's {@code health}: what each probe type needs (a target of its shape, a
 * query, a command), numbers in range, a timeout within the interval. The defaults are {@link
 * HealthSpec#NONE}'s. Part of {@link ServiceValidator}.
 */
final class HealthValidator {
  private static final HealthSpec NONE = HealthSpec.NONE;

  private HealthValidator() {}

  /** {@code h} as a health check, its problems reported to {@code p}; none given is NONE. */
  static HealthSpec health(HealthDraft h, ProblemList p) {
    if (h == null) {
      return NONE;
    }
    p.scope("health");
    HealthSpec.Type type = p.optional("type", h.type(), HealthValidator::type, NONE.type());
    Duration interval = positive(p, "interval", h.interval(), NONE.interval());
    Duration timeout = positive(p, "timeout", h.timeout(), NONE.timeout());
    if (timeout.compareTo(interval) > 0) {
      p.add("timeout", "must not be longer than interval (" + interval + "): " + timeout);
    }
    List<String> command = h.command() == null ? List.of() : h.command();
    if (type == HealthSpec.Type.COMMAND && (command.isEmpty() || command.get(0).isEmpty())) {
      p.add("command", "type command needs a non-empty command list");
    }
    return new HealthSpec(
        type,
        target(h.target(), type, p),
        interval,
        timeout,
        (int) p.range("rise", h.rise(), 1, 1000, NONE.rise()),
        (int) p.range("fall", h.fall(), 1, 1000, NONE.fall()),
        p.optional("expect_status", h.expectStatus(), StatusRanges::check, NONE.expectStatus()),
        p.optional("expect_body", h.expectBody(), HealthValidator::nonEmpty, null),
        new TlsConfig(h.caFile(), Boolean.TRUE.equals(h.insecure())),
        query(h.query(), type, p),
        command);
  }

  /** One of the probe types, written lower case. */
  private static HealthSpec.Type type(String text) {
    for (HealthSpec.Type t : HealthSpec.Type.values()) {
      if (word(t).equals(text)) {
        return t;
      }
    }
    StringBuilder words = new StringBuilder();
    for (HealthSpec.Type t : HealthSpec.Type.values()) {
      words.append(words.isEmpty() ? "" : ", ").append(word(t));
    }
    throw new IllegalArgumentException("must be one of " + words + ": " + text);
  }

  private static String word(HealthSpec.Type type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  private static Duration positive(ProblemList p, String key, Duration given, Duration fallback) {
    if (given == null) {
      return fallback;
    }
    if (given.isZero() || given.isNegative()) {
      p.add(key, "must be more than 0: " + written(given));
      return fallback;
    }
    return given;
  }

  /** A duration as a config writes it: whole seconds as {@code 2s}, else milliseconds. */
  private static String written(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return text;
  }

  /** The target, checked against what the probe type needs. */
  private static String target(String target, HealthSpec.Type type, ProblemList p) {
    return switch (type) {
      case HTTP -> p.required("target", target, t -> prefixed(t, "http://"));
      case HTTPS -> p.required("target", target, t -> prefixed(t, "https://"));
      case TCP -> p.required("target", target, HealthValidator::hostPort);
      case DNS -> p.optional("target", target, HealthValidator::hostPort, "{}:53");
      case COMMAND, NONE -> target;
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

  /** {@code query}: required for type dns; the type must be a mnemonic dnsjava knows. */
  private static DnsQueryConfig query(QueryDraft q, HealthSpec.Type type, ProblemList p) {
    if (q == null) {
      if (type == HealthSpec.Type.DNS) {
        p.add("query", "type dns needs a query {name, type}");
      }
      return null;
    }
    p.scope("health.query");
    String name = p.required("name", q.name(), n -> DnsNames.name(n) + ".");
    String rrType = p.required("type", q.type(), HealthValidator::recordType);
    p.scope("health");
    return new DnsQueryConfig(name, rrType);
  }

  private static String recordType(String text) {
    if (org.xbill.DNS.Type.value(text) < 0) {
      throw new IllegalArgumentException("not a DNS record type: " + text);
    }
    return text.toUpperCase(Locale.ROOT);
  }
}
