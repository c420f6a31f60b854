package dev.wayfinder.config;

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
 */
public record PublishConfig(
    String type, String server, String zone, String tsig, List<Record> records, String url) {

  public PublishConfig {
    records = List.copyOf(records);
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
