package dev.wayfinder.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One service as a source wrote it, before validation: the config's shape of a service (the file's
 * {@code services:} item, the admin API's JSON body) as raw values. Names, addresses and words stay
 * text; numbers are whole numbers as read; durations, booleans and files are typed already, because
 * reading those from text is the source's concern. {@link ServiceValidator} turns a draft into a
 * {@link Service} or says what is wrong, with paths in this shape ({@code endpoints[1].address}).
 *
 * <p>{@code null} is "not given" (the default applies, or "is required"). A {@code null} item of
 * {@code ports} or {@code endpoints} is an item the source could not read and has reported itself:
 * the validator skips it. Lists are kept as given, not copied.
 *
 * @param name relative to the zone; may hold dots
 * @param ttl answer TTL in seconds (default: the zone's)
 * @param ports {@code ports}, or {@code null}
 * @param endpoints {@code endpoints}, or {@code null}
 * @param health {@code health}, or {@code null} for none
 * @param failOpen default true
 * @param maxAnswers default 0 (all)
 */
public record ServiceDraft(
    String name,
    Long ttl,
    List<PortDraft> ports,
    List<EndpointDraft> endpoints,
    HealthDraft health,
    Boolean failOpen,
    Long maxAnswers) {

  /** One of {@code ports}: {@code protocol} defaults to tcp. */
  public record PortDraft(String name, String protocol, Long port) {}

  /** One of {@code endpoints}: weight defaults to 1, priority to 0. */
  public record EndpointDraft(String address, String hostname, Long weight, Long priority) {}

  /**
   * {@code health}; the defaults are {@link HealthSpec#NONE}'s.
   *
   * @param caFile {@code tls.ca_file}, resolved by the source (which checks that it exists)
   * @param insecure {@code tls.insecure}
   * @param command the command's argv; items the source could not read are left out
   */
  public record HealthDraft(
      String type,
      String target,
      Duration interval,
      Duration timeout,
      Long rise,
      Long fall,
      String expectStatus,
      String expectBody,
      Path caFile,
      Boolean insecure,
      QueryDraft query,
      List<String> command) {}

  /** {@code health.query}: both keys are required. */
  public record QueryDraft(String name, String type) {}
}
