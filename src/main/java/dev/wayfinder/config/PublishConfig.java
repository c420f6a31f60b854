package dev.wayfinder.config;

import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code publish:}. Which fields apply depends on {@code type}.
 *
 * @param type {@code rfc2136} or {@code webhook}
 * @param server rfc2136: {@code host:port} of the primary
 * @param zone rfc2136: the zone to update
 * @param tsig rfc2136: key name from {@code tsig_keys}, or {@code null}
 * @param records rfc2136: which services map to which names
 * @param url webhook: the URL posted to
 * @param secret webhook: the key each body is signed with, or {@code null} (never logged)
 * @param services webhook: the services posted about; empty means all
 * @param reconcileInterval rfc2136: how often the live set is read back and drift repaired (default
 *     {@link #DEFAULT_RECONCILE}); null for a webhook
 */
public record PublishConfig(
    String type,
    String server,
    String zone,
    String tsig,
    List<Record> records,
    String url,
    String secret,
    List<String> services,
    Duration reconcileInterval) {

  /** SPEC.md: {@code reconcile_interval} defaults to 5 minutes. */
  public static final Duration DEFAULT_RECONCILE = Duration.ofMinutes(5);

  public PublishConfig {
    records = List.copyOf(records);
    services = List.copyOf(services);
  }

  /** An entry without the webhook-only {@code secret} and {@code services}. */
  public PublishConfig(
      String type, String server, String zone, String tsig, List<Record> records, String url) {
    this(type, server, zone, tsig, records, url, null, List.of(), DEFAULT_RECONCILE);
  }

  /** Hides the secret: configs end up in logs and exception messages. */
  @Override
  public String toString() {
    return ("PublishConfig[type=%s, server=%s, zone=%s, tsig=%s, records=%s, url=%s, secret=%s,"
            + " services=%s, reconcileInterval=%s]")
        .formatted(
            type,
            server,
            zone,
            tsig,
            records,
            url,
            secret == null ? null : "***",
            services,
            reconcileInterval);
  }

  /**
   * One published name.
   *
   * @param service the service whose answer set is published
   * @param name absolute name in the external zone
   * @param ttl seconds
   */
  public record Record(String service, String name, long ttl) {}
}
