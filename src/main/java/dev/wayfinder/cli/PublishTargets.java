package dev.wayfinder.cli;

import dev.wayfinder.config.PublishConfig;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.publish.PublishOutcomes;
import dev.wayfinder.publish.Publisher;
import dev.wayfinder.publish.Rfc2136Target;
import dev.wayfinder.publish.WebhookTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets of {@code publish:}, each with the services it publishes: a webhook those of its
 * {@code services} (all when empty), an RFC 2136 target those its {@code records} map.
 */
final class PublishTargets {
  private static final Logger log = LoggerFactory.getLogger(PublishTargets.class);

  private PublishTargets() {}

  /** Makes every target; when one cannot be made, stops those made before it and throws. */
  static List<Publisher.Subscription> of(WayfinderConfig config, PublishOutcomes outcomes) {
    List<Publisher.Subscription> out = new ArrayList<>();
    try {
      for (PublishConfig p : config.publish()) {
        Publisher.Subscription s = of(p, config, outcomes);
        if (s != null) {
          out.add(s);
        }
      }
    } catch (RuntimeException e) {
      out.forEach(made -> made.target().stop(Duration.ZERO));
      throw e;
    }
    return out;
  }

  /** The target of one entry, or null for an unknown type (logged). */
  private static Publisher.Subscription of(
      PublishConfig p, WayfinderConfig config, PublishOutcomes outcomes) {
    return switch (p.type()) {
      case "webhook" ->
          new Publisher.Subscription(
              WebhookTarget.create(p, outcomes, resyncZone(config)),
              only(Set.copyOf(p.services())));
      case "rfc2136" ->
          // The target touches only the names of its records; other services pass by.
          new Publisher.Subscription(
              Rfc2136Target.create(p, config.tsigKeys(), outcomes), name -> true);
      default -> {
        log.warn("publish: unknown type {}; skipped", p.type());
        yield null;
      }
    };
  }

  /**
   * In cluster mode a webhook sends every set when its publishing term starts: a new leader cannot
   * know what the old one sent (SPEC: the receiver always ends up with the latest set).
   */
  private static String resyncZone(WayfinderConfig config) {
    return config.cluster() == null ? null : config.dns().zone();
  }

  /** True for the names in {@code services}, or for every name when it is empty. */
  private static Predicate<String> only(Set<String> services) {
    return services.isEmpty() ? name -> true : services::contains;
  }
}
