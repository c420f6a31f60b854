package dev.wayfinder.admin;

import dev.wayfinder.publish.PublishOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publish outcomes as Micrometer meters: {@code wayfinder_publish_updates_total{target,result}}
 * (SPEC.md) counts every update attempt, {@code ok} or its failure kind, and {@code
 * wayfinder_publish_failing{target}} is 1 while a target fails.
 *
 * <p>The {@code ok} series of every configured target exists from the start at 0, so the family is
 * there before the first change; with no target, one series with an empty {@code target} (which
 * Prometheus reads as no label) stands for it.
 */
public final class MicrometerPublishMetrics implements PublishOutcomes {
  private static final String UPDATES = "wayfinder.publish.updates";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();

  public MicrometerPublishMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Makes the series of the configured targets exist at 0.
   *
   * @param targets as {@code PublishTarget.target()} says them
   */
  public void configured(Collection<String> targets) {
    if (targets.isEmpty()) {
      counter("", "ok");
    }
    for (String t : targets) {
      counter(t, "ok");
      flag(t);
    }
  }

  @Override
  public void updated(String target, String result) {
    counter(target, result).increment();
  }

  @Override
  public void failing(String target, String error) {
    flag(target).set(1);
  }

  @Override
  public void recovered(String target) {
    flag(target).set(0);
  }

  private Counter counter(String target, String result) {
    return counters.computeIfAbsent(
        target + '\n' + result,
        k ->
            Counter.builder(UPDATES)
                .description("Publish updates tried, by target and result (ok or the failure)")
                .tag("target", target)
                .tag("result", result)
                .register(registry));
  }

  private AtomicInteger flag(String target) {
    return failing.computeIfAbsent(
        target,
        t -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("wayfinder.publish.failing", value, AtomicInteger::get)
              .description("1 while publishing to the target fails, else 0")
              .tag("target", t)
              .register(registry);
          return value;
        });
  }
}
