package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.DnsNames;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Validates {@code tsig_keys:} and {@code publish:}, the links to external DNS servers. */
final class PublishReader {
  /** HMAC algorithms of RFC 8945 section 6 that dnsjava signs with. */
  static final Set<String> ALGORITHMS =
      keys("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512");

  private static final Set<String> TSIG_KEYS = keys("name", "algorithm", "secret");
  private static final Set<String> PUBLISH_KEYS =
      keys(
          "type",
          "server",
          "zone",
          "tsig",
          "records",
          "reconcile_interval",
          "url",
          "secret",
          "services");
  private static final Set<String> RECORD_KEYS = keys("service", "name", "ttl");
  private static final Set<String> RFC2136_ONLY =
      keys("server", "zone", "tsig", "records", "reconcile_interval");

  /** Publisher kinds, as written in the file. */
  enum Kind {
    RFC2136,
    WEBHOOK
  }

  private PublishReader() {}

  static List<TsigKeyConfig> tsigKeys(Section root) {
    List<TsigKeyConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Section k : root.sections("tsig_keys", TSIG_KEYS)) {
      TsigKeyConfig key =
          new TsigKeyConfig(
              k.required("name", DnsNames::name),
              k.required("algorithm", PublishReader::algorithm),
              k.required("secret", PublishReader::base64));
      if (key.name() != null && !names.add(key.name())) {
        k.error("name", "duplicate key name: " + key.name());
      }
      out.add(key);
    }
    return out;
  }

  private static String algorithm(String text) {
    if (!ALGORITHMS.contains(text)) {
      throw new IllegalArgumentException(
          "must be one of " + String.join(", ", ALGORITHMS) + ": " + text);
    }
    return text;
  }

  private static String base64(String text) {
    try {
      if (Base64.getDecoder().decode(text).length > 0) {
        return text;
      }
    } catch (IllegalArgumentException e) {
      // reported below, without the decoder's wording
    }
    throw new IllegalArgumentException("must be a non-empty base64 secret");
  }

  static List<PublishConfig> publish(Section root, Set<String> tsigKeys, Set<String> services) {
    List<PublishConfig> out = new ArrayList<>();
    for (Section p : root.sections("publish", PUBLISH_KEYS)) {
      Kind kind = p.required("type", Values.choice(Kind.class));
      if (kind == Kind.RFC2136) {
        out.add(rfc2136(p, tsigKeys, services));
      } else if (kind == Kind.WEBHOOK) {
        for (String key : RFC2136_ONLY) {
          if (p.has(key)) {
            p.error(key, "does not apply to type webhook");
          }
        }
        out.add(
            new PublishConfig(
                "webhook",
                null,
                null,
                null,
                List.of(),
                p.required("url", Values.HTTP_URL),
                p.value("secret", t -> t, null),
                webhookServices(p, services),
                null));
      }
    }
    return out;
  }

  /** {@code services:} of a webhook: names of configured services; absent or empty means all. */
  private static List<String> webhookServices(Section p, Set<String> services) {
    return p.values(
        "services",
        text -> {
          String name = DnsNames.name(text);
          if (!services.contains(name)) {
            throw new IllegalArgumentException("no such service: " + name);
          }
          return name;
        },
        List.of());
  }

  private static PublishConfig rfc2136(Section p, Set<String> tsigKeys, Set<String> services) {
    for (String key : List.of("url", "secret", "services")) {
      if (p.has(key)) {
        p.error(key, "does not apply to type rfc2136");
      }
    }
    String server =
        p.required(
            "server",
            t -> {
              SocketAddresses.parse(t, SocketAddresses.PORT_REQUIRED); // validates; kept as written
              return t;
            });
    String zone = p.required("zone", DnsNames::name);
    List<PublishConfig.Record> records = new ArrayList<>();
    for (Section r : p.sections("records", RECORD_KEYS)) {
      String service = r.required("service", DnsNames::name);
      if (service != null && !services.contains(service)) {
        r.error("service", "no such service: " + service);
      }
      String name = r.required("name", DnsNames::name);
      if (name != null && zone != null && !name.equals(zone) && !name.endsWith("." + zone)) {
        r.error("name", "not inside zone " + zone + ": " + name);
      }
      records.add(
          new PublishConfig.Record(
              service, name, Objects.requireNonNullElse(r.required("ttl", Values.TTL), 0L)));
    }
    if (records.isEmpty()) {
      p.error("records", "type rfc2136 needs at least one record");
    }
    return new PublishConfig(
        "rfc2136",
        server,
        zone,
        DnsSectionReader.tsigReference(p, "tsig", tsigKeys),
        records,
        null,
        null,
        List.of(),
        p.value("reconcile_interval", Values.POSITIVE_DURATION, PublishConfig.DEFAULT_RECONCILE));
  }
}
